using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>One value assigned to a stream variable: its kind and, for wrappers and aliases, the variable underneath.</summary>
internal readonly struct StreamOrigin
{
    public StreamOrigin(StreamOriginKind kind, ISymbol? underlying = null, StreamOriginKind underlyingKind = StreamOriginKind.Unknown, bool opensForWriting = false)
    {
        Kind = kind;
        Underlying = underlying;
        UnderlyingKind = underlyingKind;
        OpensForWriting = opensForWriting;
    }

    /// <summary>A FileStream opened with a mode only writers use (CreateNew, Create, Truncate, Append).</summary>
    public bool OpensForWriting { get; }

    public StreamOriginKind Kind { get; }

    /// <summary>The variable a wrapper sits on or an alias copies, when it is a field, local or parameter.</summary>
    public ISymbol? Underlying { get; }

    /// <summary>For a wrapper constructed over an expression that is not a variable (new StreamWriter(new FileStream(...))), that expression's kind.</summary>
    public StreamOriginKind UnderlyingKind { get; }
}
