using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// The methods of this compilation that implement or override an interface or abstract method: what a call through
/// the project's own abstraction (<c>IFileSystem.WriteAllText</c>, <c>IFileProvider.Replace</c>) runs.
/// </summary>
internal static class SourceImplementations
{
    /// <summary>The non-abstract source methods named as <paramref name="method"/> that implement or override it.</summary>
    public static IEnumerable<IMethodSymbol> Of(Compilation compilation, IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var symbol in compilation.GetSymbolsWithName(method.Name, SymbolFilter.Member, cancellationToken))
        {
            if (symbol is IMethodSymbol { IsAbstract: false } candidate && Contains(AbstractionsOf(candidate), method))
            {
                yield return candidate;
            }
        }
    }

    private static bool Contains(IEnumerable<IMethodSymbol> methods, IMethodSymbol wanted)
    {
        foreach (var method in methods)
        {
            if (SymbolEqualityComparer.Default.Equals(method, wanted))
            {
                return true;
            }
        }

        return false;
    }

    // The interface members and abstract or virtual methods that the method implements or overrides.
    private static IEnumerable<IMethodSymbol> AbstractionsOf(IMethodSymbol method)
    {
        foreach (var explicitly in method.ExplicitInterfaceImplementations)
        {
            yield return explicitly.OriginalDefinition;
        }

        if (method.ContainingType is { } type)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol candidate &&
                        SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(candidate)?.OriginalDefinition, method.OriginalDefinition))
                    {
                        yield return candidate.OriginalDefinition;
                    }
                }
            }
        }

        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            yield return overridden.OriginalDefinition;
        }
    }
}
