using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Durability.Analyzers.Model;

/// <summary>
/// The calls of a method declared in source, for facts that its callers decide (a directory fsync done by the caller, a
/// temp file the caller renames). Calls are found inside the method's own type, and, for a method only this assembly can
/// call, in the files whose text names its type (a <c>SegmentWriter</c> field, a <c>new SegmentWriter(...)</c>); a sealed
/// type's constructor is called by its creations there. A method other assemblies can call may have callers elsewhere:
/// only its own type's calls are read.
/// </summary>
internal sealed class MethodCalls
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<string, List<SyntaxTree>> _treesNaming = new();

    public MethodCalls(Compilation compilation) => _compilation = compilation;

    /// <summary>
    /// The bound calls of <paramref name="method"/> found in the compilation, or null when its calls cannot all be found
    /// from the text (an accessor or operator, a constructor that derived types call unwritten).
    /// </summary>
    public List<IOperation>? Of(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (method.ContainingType is not { } type || FindCalls(method, type, cancellationToken) is not { } found)
        {
            return null;
        }

        var calls = new List<IOperation>();
        foreach (var call in Bound(found, cancellationToken))
        {
            if (Calls(call, method))
            {
                calls.Add(call);
            }
        }

        return calls;
    }

    /// <summary>
    /// The creations of <paramref name="constructor"/>'s type through it found in the compilation (<c>new LogWriter(file)</c>,
    /// <c>new(file)</c>, and one that does not bind but can only mean it), whoever may also create it elsewhere: for facts
    /// that one creation decides.
    /// </summary>
    public List<IOperation> CreationsOf(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        constructor = constructor.OriginalDefinition;
        var creations = new List<IOperation>();
        if (constructor.MethodKind != MethodKind.Constructor || constructor.ContainingType is not { } type)
        {
            return creations;
        }

        var found = new List<ExpressionSyntax>();
        AddCreations(type, found, cancellationToken);
        foreach (var candidate in Bound(found, cancellationToken))
        {
            switch (candidate)
            {
                case IObjectCreationOperation creation when Calls(creation, constructor):
                    creations.Add(creation);
                    break;
                case IInvalidOperation unbound when SymbolEqualityComparer.Default.Equals(UnboundCalls.IntendedMethod(unbound)?.OriginalDefinition, constructor):
                    creations.Add(unbound);
                    break;
            }
        }

        return creations;
    }

    /// <summary>
    /// True when code of the compilation outside <paramref name="method"/>'s type calls it (<c>_builder.Flush()</c> in
    /// the type that holds the builder), found in the files that name the type.
    /// </summary>
    public bool IsCalledOutsideItsType(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (method.ContainingType is not { } type)
        {
            return false;
        }

        var found = new List<ExpressionSyntax>();
        AddCallsElsewhere(type, method.Name, found, cancellationToken);
        foreach (var call in Bound(found, cancellationToken))
        {
            if (Calls(call, method))
            {
                return true;
            }
        }

        return false;
    }

    // The operations the places found in the text bind to, one semantic model per file in turn.
    private IEnumerable<IOperation> Bound(List<ExpressionSyntax> found, CancellationToken cancellationToken)
    {
        SemanticModel? model = null;
        foreach (var candidate in found)
        {
#pragma warning disable RS1030 // Calls and creations lie outside the analyzed code; each method's are read once by the facts that cache them.
            if (model?.SyntaxTree != candidate.SyntaxTree)
            {
                model = _compilation.GetSemanticModel(candidate.SyntaxTree);
            }
#pragma warning restore RS1030
            if (model.GetOperation(candidate, cancellationToken) is { } operation)
            {
                yield return operation;
            }
        }
    }

    // new Segment(path), and new(path) where the target's type is Segment, in the files that spell its name.
    private void AddCreations(INamedTypeSymbol type, List<ExpressionSyntax> found, CancellationToken cancellationToken)
    {
        foreach (var tree in TreesNaming(type.Name, cancellationToken))
        {
            AddNamed(tree, new TextSpan(0, tree.Length), type.Name, found, cancellationToken);
            AddNamed(tree, new TextSpan(0, tree.Length), "new", found, cancellationToken);
        }
    }

    // The places that may call the method, or null when its calls cannot all be found from the text: an accessor or
    // operator, or a constructor that derived types may call unwritten (a private one leaves only its own nested types).
    private List<ExpressionSyntax>? FindCalls(IMethodSymbol method, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var calls = new List<ExpressionSyntax>();
        switch (method.MethodKind)
        {
            case MethodKind.Ordinary:
                CallsIn(type, method.Name, calls, cancellationToken);
                if (method.DeclaredAccessibility != Accessibility.Private && !IsVisibleToOtherAssemblies(method))
                {
                    AddCallsElsewhere(type, method.Name, calls, cancellationToken);
                }

                return calls;
            case MethodKind.Constructor when (type.IsSealed || type.IsValueType || method.DeclaredAccessibility == Accessibility.Private) &&
                                             !IsVisibleToOtherAssemblies(method):
                AddCreations(type, calls, cancellationToken);
                return calls;
            default:
                return null;
        }
    }

    // A method other assemblies can call may have callers this compilation does not hold: its callers elsewhere are not
    // searched, which also spares every public storage API a search of the whole compilation's text.
    private static bool IsVisibleToOtherAssemblies(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Calls(IOperation? call, IMethodSymbol method) => call switch
    {
        IInvocationOperation invocation => SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, method),
        IObjectCreationOperation creation => SymbolEqualityComparer.Default.Equals(creation.Constructor?.OriginalDefinition, method),
        _ => false,
    };

    // The calls in a type's code that invoke a method of this name, found from the name's places in the text:
    // most methods that change a directory entry are called from outside their type, or not at all.
    private static void CallsIn(INamedTypeSymbol type, string name, List<ExpressionSyntax> calls, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            AddNamed(reference.SyntaxTree, reference.Span, name, calls, cancellationToken);
        }
    }

    // Calls of the name elsewhere in the files that name the type: a caller in another type holds a field, a local or a
    // creation of it, so its file spells the type's name. The type's own declarations were searched by CallsIn; the
    // other types of its files are searched here.
    private void AddCallsElsewhere(INamedTypeSymbol type, string name, List<ExpressionSyntax> calls, CancellationToken cancellationToken)
    {
        var found = new List<ExpressionSyntax>();
        foreach (var tree in TreesNaming(type.Name, cancellationToken))
        {
            found.Clear();
            AddNamed(tree, new TextSpan(0, tree.Length), name, found, cancellationToken);
            foreach (var call in found)
            {
                if (!IsInDeclarationOf(type, call))
                {
                    calls.Add(call);
                }
            }
        }
    }

    private static bool IsInDeclarationOf(INamedTypeSymbol type, SyntaxNode node)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == node.SyntaxTree && reference.Span.Contains(node.Span))
            {
                return true;
            }
        }

        return false;
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
            if (SourceTextSearch.ContainsAny(tree, new TextSpan(0, tree.Length), words, cancellationToken))
            {
                trees.Add(tree);
            }
        }

        return _treesNaming.GetOrAdd(typeName, trees);
    }

    // The calls whose text spells the word within the span: an invocation of a method by that name, a creation of a type
    // by that name, or (for the word "new") a creation whose type is the target's.
    private static void AddNamed(SyntaxTree tree, TextSpan span, string word, List<ExpressionSyntax> calls, CancellationToken cancellationToken)
    {
        var positions = new List<int>();
        SourceTextSearch.FindAll(tree, span, word, positions, cancellationToken);
        SyntaxNode? root = null;
        foreach (var position in positions)
        {
            root ??= tree.GetRoot(cancellationToken);
            var token = root.FindToken(position);
            if (token.SpanStart != position || token.ValueText != word)
            {
                continue;
            }

            if (token.Parent is ImplicitObjectCreationExpressionSyntax implicitCreation)
            {
                calls.Add(implicitCreation);
                continue;
            }

            if (token.Parent is not SimpleNameSyntax called)
            {
                continue;
            }

            SyntaxNode callee = called.Parent is MemberAccessExpressionSyntax access && access.Name == called ? access
                : called.Parent is QualifiedNameSyntax qualified && qualified.Right == called ? qualified
                : called;
            switch (callee.Parent)
            {
                case InvocationExpressionSyntax invocation when invocation.Expression == callee:
                    calls.Add(invocation);
                    break;
                case ObjectCreationExpressionSyntax creation when creation.Type == callee:
                    calls.Add(creation);
                    break;
            }
        }
    }
}
