using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Durability.Analyzers.Model;

/// <summary>
/// The file an optional path parameter names when the caller gives none: <c>Save(string file = null)</c> that starts with
/// <c>if (string.IsNullOrEmpty(file)) file = Filename;</c>, <c>file ??= Filename;</c> or <c>file = file ?? Filename;</c>
/// saves the type's own file by default, as <c>Load(string file = null)</c> loads it; <c>file = CheckPath(file ?? Filename)</c>
/// names the same checked path wherever it is written so. Read from syntax alone.
/// </summary>
internal static class ParameterDefaults
{
    /// <summary>The default <paramref name="assignment"/> gives its parameter, or null when it is no such fallback.</summary>
    public static ExpressionSyntax? Of(AssignmentExpressionSyntax assignment)
    {
        if (assignment.Left is not IdentifierNameSyntax { Identifier.ValueText: var parameter })
        {
            return null;
        }

        if (assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression))
        {
            return assignment.Right;
        }

        if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
        {
            return null;
        }

        if (assignment.Right is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression, Left: IdentifierNameSyntax { Identifier.ValueText: var left } } coalesce &&
            left == parameter)
        {
            return coalesce.Right;
        }

        // file = CheckPath(file ?? Filename): the same checked path in every member that falls back the same way.
        foreach (var part in assignment.Right.DescendantNodes())
        {
            if (part is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression, Left: IdentifierNameSyntax { Identifier.ValueText: var given } } && given == parameter)
            {
                return assignment.Right;
            }
        }

        // if (string.IsNullOrEmpty(file)) file = Filename; with or without braces around the one statement.
        var statement = assignment.Parent as ExpressionStatementSyntax;
        var holder = statement?.Parent is BlockSyntax { Statements.Count: 1 } block ? block.Parent : statement?.Parent;
        return holder is IfStatementSyntax { Else: null, Condition: var condition } && TestsUnset(condition, parameter) ? assignment.Right : null;
    }

    // string.IsNullOrEmpty(p), string.IsNullOrWhiteSpace(p), p == null, p is null.
    private static bool TestsUnset(ExpressionSyntax condition, string parameter) => condition switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsNullOrEmpty" or "IsNullOrWhiteSpace" }, ArgumentList.Arguments: { Count: 1 } arguments } =>
            arguments[0].Expression is IdentifierNameSyntax { Identifier.ValueText: var tested } && tested == parameter,
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression, Left: IdentifierNameSyntax { Identifier.ValueText: var tested }, Right: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } =>
            tested == parameter,
        IsPatternExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var tested }, Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } =>
            tested == parameter,
        _ => false,
    };
}
