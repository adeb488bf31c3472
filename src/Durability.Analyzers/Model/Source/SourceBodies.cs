using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// The bodies of methods declared in source, as operation trees, for the summaries that look into the methods a
/// body calls. One reader, so every summary agrees on which methods it may look into.
/// </summary>
internal static class SourceBodies
{
    /// <summary>
    /// True for a method with a body in this compilation's source. Durability.Runtime's members are known from the API
    /// model instead: read from source (a solution holding the runtime's project) they would give the IDE other answers than the build.
    /// </summary>
    public static bool CanSummarise(IMethodSymbol method) =>
        !method.IsExtern && !method.IsAbstract && !method.DeclaringSyntaxReferences.IsEmpty && !FileApiModel.IsRuntimeMember(method);

    /// <summary>The operation tree of each declaration of <paramref name="method"/> that has one (a partial method has two parts).</summary>
    public static IEnumerable<IOperation> Of(Compilation compilation, IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            // A referenced project's source (a CompilationReference in the IDE) is not this compilation's to bind.
            if (!compilation.ContainsSyntaxTree(reference.SyntaxTree))
            {
                continue;
            }

            var syntax = reference.GetSyntax(cancellationToken);
#pragma warning disable RS1030 // A callee's body lies outside the symbol being analyzed; each summary reads it once and caches the answer.
            var body = compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(syntax, cancellationToken);
#pragma warning restore RS1030
            if (body is not null)
            {
                yield return body;
            }
        }
    }

    /// <summary>The value <paramref name="local"/> is declared with in <paramref name="scope"/>, or null.</summary>
    public static IOperation? InitializerOf(ILocalSymbol local, IOperation scope) =>
        DeclaratorOf(local, scope) is { } declarator ? declarator.Initializer?.Value ?? declarator.GetVariableInitializer()?.Value : null;

    /// <summary>The declaration of <paramref name="local"/> in <paramref name="scope"/>, or null.</summary>
    public static IVariableDeclaratorOperation? DeclaratorOf(ILocalSymbol local, IOperation scope)
    {
        foreach (var operation in scope.DescendantsAndSelf())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
            {
                return declarator;
            }
        }

        return null;
    }

    /// <summary>
    /// The one value <paramref name="local"/> is assigned in <paramref name="scope"/> besides a null it may be declared with
    /// (<c>string fileName = null; try { fileName = Path.Combine(...); ... }</c>); null when it is assigned none or several.
    /// </summary>
    public static IOperation? OnlyValueAssigned(ILocalSymbol local, IOperation scope)
    {
        IOperation? only = null;
        foreach (var operation in scope.Descendants())
        {
            if (operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value: var value } &&
                SymbolEqualityComparer.Default.Equals(target.Local, local) && !IsNull(value))
            {
                if (only is not null)
                {
                    return null;
                }

                only = value;
            }
        }

        return only;
    }

    /// <summary>True for the null literal, conversions aside.</summary>
    public static bool IsNull(IOperation? value) => FileApiModel.StripConversions(value) is { ConstantValue: { HasValue: true, Value: null } };

    /// <summary>True when <paramref name="local"/> is declared inside <paramref name="span"/> (a loop, a filter's pattern).</summary>
    public static bool IsDeclaredWithin(ILocalSymbol local, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        foreach (var location in local.Locations)
        {
            if (span.Contains(location.SourceSpan))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The whole body or initializer <paramref name="operation"/> belongs to: the root of its operation tree.</summary>
    public static IOperation RootOf(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    /// <summary>
    /// Every operation in the initializers of <paramref name="type"/>'s own fields and properties
    /// (<c>FileStream _log = new(...)</c>), with the member it initializes.
    /// </summary>
    public static IEnumerable<(ISymbol Member, IOperation Operation)> OperationsOfInitializers(Compilation compilation, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is not (IFieldSymbol { IsImplicitlyDeclared: false } or IPropertySymbol))
            {
                continue;
            }

            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                if (!compilation.ContainsSyntaxTree(reference.SyntaxTree))
                {
                    continue;
                }

                var syntax = reference.GetSyntax(cancellationToken);
                foreach (var child in syntax.ChildNodes())
                {
#pragma warning disable RS1030 // A type read for its members' values lies outside the symbol being analyzed; read once and cached.
                    var initializer = compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(child, cancellationToken);
#pragma warning restore RS1030
                    if (initializer is ISymbolInitializerOperation)
                    {
                        foreach (var operation in initializer.DescendantsAndSelf())
                        {
                            yield return (member, operation);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The bodies of <paramref name="type"/>'s own methods, constructors and accessors whose text names one of
    /// <paramref name="names"/>: where a fact about a member (a path field, a stream field) can be found.
    /// </summary>
    public static IEnumerable<IOperation> OfMethodsNaming(Compilation compilation, INamedTypeSymbol type, string[] names, CancellationToken cancellationToken)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && CanSummarise(method) && SourceTextSearch.AnyDeclarationContains(method, names, cancellationToken))
            {
                foreach (var body in Of(compilation, method, cancellationToken))
                {
                    yield return body;
                }
            }
        }
    }

    /// <summary>Every operation in the bodies of <paramref name="type"/>'s own methods, with the method it is in.</summary>
    public static IEnumerable<(IMethodSymbol Method, IOperation Operation)> OperationsOfMethods(Compilation compilation, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol method || !CanSummarise(method))
            {
                continue;
            }

            foreach (var body in Of(compilation, method, cancellationToken))
            {
                foreach (var operation in body.DescendantsAndSelf())
                {
                    yield return (method, operation);
                }
            }
        }
    }
}
