using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>One value assigned to a stream variable: its kind and, for wrappers and aliases, the variable underneath.</summary>
internal readonly struct StreamOrigin
{
    public StreamOrigin(
        StreamOriginKind kind, ISymbol? underlying = null, StreamOriginKind underlyingKind = StreamOriginKind.Unknown, bool opensForWriting = false,
        bool opensReadOnly = false)
    {
        Kind = kind;
        Underlying = underlying;
        UnderlyingKind = underlyingKind;
        OpensForWriting = opensForWriting;
        OpensReadOnly = opensReadOnly;
    }

    /// <summary>A FileStream opened for reading only (<c>FileAccess.Read</c>, <c>File.OpenRead</c>): .NET skips its Flush(true).</summary>
    public bool OpensReadOnly { get; }

    /// <summary>A FileStream opened with a mode only writers use (CreateNew, Create, Truncate, Append).</summary>
    public bool OpensForWriting { get; }

    public StreamOriginKind Kind { get; }

    /// <summary>The variable a wrapper sits on or an alias copies, when it is a field, local or parameter.</summary>
    public ISymbol? Underlying { get; }

    /// <summary>For a wrapper constructed over an expression that is not a variable (new StreamWriter(new FileStream(...))), that expression's kind.</summary>
    public StreamOriginKind UnderlyingKind { get; }
}
