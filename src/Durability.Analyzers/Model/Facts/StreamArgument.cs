using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>A stream variable passed to a method that may fsync it.</summary>
internal readonly struct StreamArgument
{
    public StreamArgument(IInvocationOperation call, IMethodSymbol callee, int ordinal, ISymbol variable, ISymbol? caller)
    {
        Call = call;
        Callee = callee;
        Ordinal = ordinal;
        Variable = variable;
        Caller = caller;
    }

    /// <summary>The member whose body makes the call, when known.</summary>
    public ISymbol? Caller { get; }

    public IInvocationOperation Call { get; }

    public IMethodSymbol Callee { get; }
    public int Ordinal { get; }
    public ISymbol Variable { get; }
}
