using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>A stream variable passed to a method that may fsync it.</summary>
internal readonly struct StreamArgument
{
    public StreamArgument(IMethodSymbol callee, int ordinal, ISymbol variable)
    {
        Callee = callee;
        Ordinal = ordinal;
        Variable = variable;
    }

    public IMethodSymbol Callee { get; }
    public int Ordinal { get; }
    public ISymbol Variable { get; }
}
