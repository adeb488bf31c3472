using System.Collections.Concurrent;
using System.Collections.Generic;
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
        // Constructors, accessors and operators are not called by a name that can be found in the text.
        if (method.ContainingType is not { } type || method.MethodKind != MethodKind.Ordinary)
        {
            return false;
        }

        var named = CallsIn(type, method.Name, cancellationToken);
        var calls = 0;
        SemanticModel? model = null;
        foreach (var invocation in named)
        {
#pragma warning disable RS1030 // Callers lie outside the analyzed method; each method's callers are read once and cached.
            if (model?.SyntaxTree != invocation.SyntaxTree)
            {
                model = _compilation.GetSemanticModel(invocation.SyntaxTree);
            }
#pragma warning restore RS1030
            if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation call ||
                !SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, method))
            {
                continue;
            }

            calls++;
            var keys = new PathResolver(RootOf(call));
            if (!StructuredPaths.IsFollowedOnEveryPath(call, operation =>
                    _syncs.SyncedDirectory(operation, keys, configured, cancellationToken) is not null))
            {
                return false;
            }
        }

        return calls > 0;
    }

    // The calls in a type's code that invoke a method of this name, found from the name's places in the text:
    // most methods that change a directory entry are called from outside their type, or not at all.
    private static List<InvocationExpressionSyntax> CallsIn(INamedTypeSymbol type, string name, CancellationToken cancellationToken)
    {
        var calls = new List<InvocationExpressionSyntax>();
        var positions = new List<int>();
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var tree = reference.SyntaxTree;
            positions.Clear();
            SourceTextSearch.FindAll(tree, reference.Span, name, positions, cancellationToken);
            SyntaxNode? root = null;
            foreach (var position in positions)
            {
                root ??= tree.GetRoot(cancellationToken);
                var token = root.FindToken(position);
                if (token.ValueText != name || token.Parent is not SimpleNameSyntax called)
                {
                    continue;
                }

                SyntaxNode callee = called.Parent is MemberAccessExpressionSyntax access && access.Name == called ? access : called;
                if (callee.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee)
                {
                    calls.Add(invocation);
                }
            }
        }

        return calls;
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
