using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A path that a lambda is given by the project's own method it is handed to: <c>Commit(path, p =&gt; File.WriteAllText(p, text))</c>.
/// That method names the file (a temp file it fsyncs and renames, say) and owns what happens to it; the lambda only fills
/// it, so the lambda's write or creation is not a finding of its own.
/// </summary>
internal static class DelegatedPaths
{
    public static bool IsGivenByCallee(IOperation path)
    {
        if (FileApiModel.StripConversions(path) is not IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda })
        {
            return false;
        }

        for (var current = path.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, lambda))
            {
                var handed = function.Parent is IDelegateCreationOperation creation ? creation.Parent : function.Parent;
                return handed is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: var receiver } } && IsInSource(receiver);
            }
        }

        return false;
    }

    private static bool IsInSource(IMethodSymbol method)
    {
        foreach (var location in method.OriginalDefinition.Locations)
        {
            if (location.IsInSource)
            {
                return true;
            }
        }

        return false;
    }
}
