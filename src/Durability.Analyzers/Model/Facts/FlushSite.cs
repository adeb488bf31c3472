using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>A call that flushes a stream variable to the OS page cache only.</summary>
internal readonly struct FlushSite
{
    public FlushSite(IInvocationOperation invocation, FlushKind kind, ISymbol variable, ISymbol? member)
    {
        Member = member;
        Invocation = invocation;
        Kind = kind;
        Variable = variable;
    }

    /// <summary>The flush is in Dispose, Close or the like, where an fsync of the same member's close counts.</summary>
    public bool InClosingMember => ClosingMembers.IsClosing(Member);

    /// <summary>The member whose body holds the flush, when known.</summary>
    public ISymbol? Member { get; }

    public IInvocationOperation Invocation { get; }
    public FlushKind Kind { get; }
    public ISymbol Variable { get; }
}
