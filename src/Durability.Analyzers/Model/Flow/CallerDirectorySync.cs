using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Durability.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A directory fsync done by the callers instead of the method that changes the entry: true when the method is
/// called in the compilation, and every call is followed on every path by a directory fsync. Calls are found inside
/// the method's own type, and, for a method other types can call, in the files whose text names its type (a
/// <c>SegmentWriter</c> field, a <c>new SegmentWriter(...)</c>). Each method is judged once per compilation, and only
/// for a change that would otherwise be reported.
/// </summary>
internal sealed class CallerDirectorySync
{
    private readonly Compilation _compilation;
    private readonly DirectorySyncModel _syncs;
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _answers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<string, List<SyntaxTree>> _treesNaming = new();

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
        if (method.DeclaredAccessibility != Accessibility.Private)
        {
            AddCallsElsewhere(type, method.Name, named, cancellationToken);
        }

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
            AddInvocationsAt(tree, name, positions, calls, cancellationToken);
        }

        return calls;
    }

    // The invocations whose called name starts at one of the positions.
    private static void AddInvocationsAt(SyntaxTree tree, string name, List<int> positions, List<InvocationExpressionSyntax> calls, CancellationToken cancellationToken)
    {
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

    // Calls of the name in other files that name the type: a caller in another type holds a field, a local or a creation
    // of it, so its file spells the type's name. The type's own files were searched by CallsIn.
    private void AddCallsElsewhere(INamedTypeSymbol type, string name, List<InvocationExpressionSyntax> calls, CancellationToken cancellationToken)
    {
        var ownTrees = new HashSet<SyntaxTree>();
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            ownTrees.Add(reference.SyntaxTree);
        }

        var positions = new List<int>();
        foreach (var tree in TreesNaming(type.Name, cancellationToken))
        {
            if (ownTrees.Contains(tree))
            {
                continue;
            }

            positions.Clear();
            SourceTextSearch.FindAll(tree, new Microsoft.CodeAnalysis.Text.TextSpan(0, tree.Length), name, positions, cancellationToken);
            AddInvocationsAt(tree, name, positions, calls, cancellationToken);
        }
    }

    private List<SyntaxTree> TreesNaming(string typeName, CancellationToken cancellationToken)
    {
        if (_treesNaming.TryGetValue(typeName, out var known))
        {
            return known;
        }

        var trees = new List<SyntaxTree>();
        var words = new[] { typeName };
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (SourceTextSearch.ContainsAny(tree, new Microsoft.CodeAnalysis.Text.TextSpan(0, tree.Length), words, cancellationToken))
            {
                trees.Add(tree);
            }
        }

        return _treesNaming.GetOrAdd(typeName, trees);
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
