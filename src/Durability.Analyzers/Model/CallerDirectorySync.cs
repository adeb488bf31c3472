using System.Collections.Concurrent;
using System.Threading;
using Durability.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A directory fsync done by the callers instead of the method that changes the entry: true when the method
/// is called inside its own type, and every such call is followed on every path by a directory fsync.
/// Each method is judged once per compilation.
/// </summary>
internal sealed class CallerDirectorySync
{
    private readonly Compilation _compilation;
    private readonly DirectorySyncModel _syncs;
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _answers = new(SymbolEqualityComparer.Default);

    public CallerDirectorySync(Compilation compilation, DirectorySyncModel syncs)
    {
        _compilation = compilation;
        _syncs = syncs;
    }

    public bool EveryCallerSyncs(IMethodSymbol method, MethodNamePatterns configured, CancellationToken cancellationToken) =>
        _answers.GetOrAdd(method.OriginalDefinition, m => Compute(m, configured, cancellationToken));

    private bool Compute(IMethodSymbol method, MethodNamePatterns configured, CancellationToken cancellationToken)
    {
        if (method.ContainingType is not { } type)
        {
            return false;
        }

        var calls = 0;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var root = reference.GetSyntax(cancellationToken);
            SemanticModel? model = null;
            foreach (var node in root.DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax invocation || InvokedNames.Of(invocation) != method.Name)
                {
                    continue;
                }

#pragma warning disable RS1030 // Callers lie outside the analyzed method; each method's callers are read once and cached.
                model ??= _compilation.GetSemanticModel(root.SyntaxTree);
#pragma warning restore RS1030
                if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation call ||
                    !SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method))
                {
                    continue;
                }

                calls++;
                var keys = new DirectoryKeys(RootOf(call));
                if (!StructuredPaths.IsFollowedOnEveryPath(call, operation =>
                        operation is IInvocationOperation candidate && _syncs.SyncedDirectory(candidate, keys, configured, cancellationToken) is not null))
                {
                    return false;
                }
            }
        }

        return calls > 0;
    }

    private static IOperation RootOf(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }
}
