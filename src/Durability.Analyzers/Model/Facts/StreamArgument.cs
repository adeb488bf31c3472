using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>A stream variable passed to a method that may fsync it.</summary>
internal readonly struct StreamArgument
{
    public StreamArgument(IMethodSymbol callee, int ordinal, ISymbol variable, ISymbol? caller)
    {
        Callee = callee;
        Ordinal = ordinal;
        Variable = variable;
        Caller = caller;
    }

    /// <summary>The member whose body makes the call, when known.</summary>
    public ISymbol? Caller { get; }

    public IMethodSymbol Callee { get; }
    public int Ordinal { get; }
    public ISymbol Variable { get; }
}
