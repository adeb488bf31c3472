using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Durability.Analyzers.Model;

/// <summary>
/// The one value a field or property of a type is given, in a constructor or its initializer, when nothing else in the
/// type assigns it: <c>_directory = Path.GetDirectoryName(path)</c> in the constructor makes a later
/// <c>Fsync.Directory(_directory)</c> a sync of the directory of <c>path</c>. A get-only property computed from others
/// (<c>string LogPath =&gt; Path.Combine(_directory, "wal.log")</c>) has its expression as its value. Found from the type's
/// syntax once per type; a value is bound only when a rule asks for it.
/// </summary>
internal sealed class MemberPaths
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<INamedTypeSymbol, Dictionary<string, SyntaxNode?>> _assigned = new(SymbolEqualityComparer.Default);

    public MemberPaths(Compilation compilation) => _compilation = compilation;

    /// <summary>The value <paramref name="member"/> is given once, at construction, or null.</summary>
    public IOperation? ValueOf(ISymbol member, CancellationToken cancellationToken)
    {
        if (member is not (IFieldSymbol or IPropertySymbol) || member.ContainingType is not { } type)
        {
            return null;
        }

        var assigned = _assigned.TryGetValue(type, out var known) ? known : _assigned.GetOrAdd(type, FindAssignments(type, cancellationToken));
        if (!assigned.TryGetValue(member.Name, out var value) || value is null)
        {
            return null;
        }

        // path!, (path) and path ?? throw ... are no operations of their own: ask for what they hold.
        while (true)
        {
            if (value is PostfixUnaryExpressionSyntax suppressed && suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression))
            {
                value = suppressed.Operand;
            }
            else if (value is BinaryExpressionSyntax { Right: ThrowExpressionSyntax } coalesced && coalesced.IsKind(SyntaxKind.CoalesceExpression))
            {
                value = coalesced.Left;
            }
            else if (value is ParenthesizedExpressionSyntax parenthesized)
            {
                value = parenthesized.Expression;
            }
            else
            {
                break;
            }
        }

        if (!_compilation.ContainsSyntaxTree(value.SyntaxTree))
        {
            // A member of a referenced project's type: its source is not this compilation's to bind.
            return null;
        }

#pragma warning disable RS1030 // The constructor lies outside the analysed body; it is bound only for a would-be finding.
        return _compilation.GetSemanticModel(value.SyntaxTree).GetOperation(value, cancellationToken);
#pragma warning restore RS1030
    }

    // Every name assigned in the type's text, with its value when it is assigned exactly once, in a constructor or an
    // initializer; null when it is assigned more than once or in any other member.
    private static Dictionary<string, SyntaxNode?> FindAssignments(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var assigned = new Dictionary<string, SyntaxNode?>();
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax, Initializer.Value: { } initializer } field:
                        Add(assigned, field.Identifier.ValueText, initializer);
                        break;
                    case PropertyDeclarationSyntax { Initializer.Value: { } initializer } property:
                        Add(assigned, property.Identifier.ValueText, initializer);
                        break;
                    case PropertyDeclarationSyntax property when ComputedValue(property) is { } computed:
                        Add(assigned, property.Identifier.ValueText, computed);
                        break;
                    case AssignmentExpressionSyntax assignment when AssignedName(assignment.Left) is { } name:
                        Add(assigned, name, assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && IsInConstructor(assignment) ? assignment.Right : null);
                        break;
                    case PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax when IsIncrementOrDecrement(node):
                    case ArgumentSyntax { RefKindKeyword.RawKind: not 0 }:
                        if (AssignedName(OperandOf(node)) is { } changed)
                        {
                            Add(assigned, changed, null);
                        }

                        break;
                }
            }
        }

        return assigned;
    }

    // string LogPath => ...; or { get => ...; } or { get { return ...; } }, with no setter.
    private static ExpressionSyntax? ComputedValue(PropertyDeclarationSyntax property)
    {
        if (property.ExpressionBody is { Expression: var body })
        {
            return body;
        }

        if (property.AccessorList is not { Accessors: { Count: 1 } accessors } || !accessors[0].IsKind(SyntaxKind.GetAccessorDeclaration))
        {
            return null;
        }

        return accessors[0] switch
        {
            { ExpressionBody.Expression: var getter } => getter,
            { Body.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } returned } => returned,
            _ => null,
        };
    }

    private static void Add(Dictionary<string, SyntaxNode?> assigned, string name, SyntaxNode? value) =>
        assigned[name] = assigned.ContainsKey(name) ? null : value;

    private static string? AssignedName(ExpressionSyntax? target) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
        _ => null,
    };

    private static bool IsIncrementOrDecrement(SyntaxNode node) =>
        node.IsKind(SyntaxKind.PostIncrementExpression) || node.IsKind(SyntaxKind.PostDecrementExpression) ||
        node.IsKind(SyntaxKind.PreIncrementExpression) || node.IsKind(SyntaxKind.PreDecrementExpression);

    private static ExpressionSyntax? OperandOf(SyntaxNode node) => node switch
    {
        PostfixUnaryExpressionSyntax postfix => postfix.Operand,
        PrefixUnaryExpressionSyntax prefix => prefix.Operand,
        ArgumentSyntax argument => argument.Expression,
        _ => null,
    };

    private static bool IsInConstructor(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ConstructorDeclarationSyntax:
                    return true;
                case MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return false;
            }
        }

        return false;
    }
}
