using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Durability.CodeFixes;

/// <summary>
/// Members and lambdas written with an expression body whose value nobody uses (<c>void Commit() => File.Move(a, b);</c>,
/// <c>f => File.Delete(f)</c>): a fix that adds a statement next to the call turns the body into a block.
/// </summary>
internal static class ArrowBodies
{
    /// <summary>The void member (method, local function, constructor, setter) <paramref name="arrow"/> is the body of, or null.</summary>
    public static SyntaxNode? VoidMemberOf(ArrowExpressionClauseSyntax arrow)
    {
        var returnsVoid = arrow.Parent switch
        {
            MethodDeclarationSyntax method => IsVoid(method.ReturnType),
            LocalFunctionStatementSyntax function => IsVoid(function.ReturnType),
            ConstructorDeclarationSyntax => true,
            AccessorDeclarationSyntax accessor => accessor.Keyword.ValueText is "set" or "init" or "add" or "remove",
            _ => false,
        };
        return returnsVoid ? arrow.Parent : null;
    }

    /// <summary>
    /// <paramref name="member"/> (a member from <see cref="VoidMemberOf"/> or a lambda) with a block body: the statements
    /// <paramref name="before"/>, the expression as a statement, then the statements <paramref name="after"/>.
    /// </summary>
    public static SyntaxNode WithBlockBody(SyntaxNode member, IEnumerable<StatementSyntax> before, IEnumerable<StatementSyntax> after)
    {
        if (member is LambdaExpressionSyntax { ExpressionBody: { } expression } lambda)
        {
            return lambda.WithExpressionBody(null).WithBlock(Block(expression, before, after));
        }

        var arrow = member switch
        {
            BaseMethodDeclarationSyntax method => method.ExpressionBody,
            LocalFunctionStatementSyntax function => function.ExpressionBody,
            AccessorDeclarationSyntax accessor => accessor.ExpressionBody,
            _ => null,
        };
        if (arrow is null)
        {
            return member;
        }

        var body = Block(arrow.Expression, before, after);
        return member switch
        {
            BaseMethodDeclarationSyntax method => method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body),
            LocalFunctionStatementSyntax function => function.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body),
            AccessorDeclarationSyntax accessor => accessor.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body),
            _ => member,
        };
    }

    private static bool IsVoid(TypeSyntax type) => type is PredefinedTypeSyntax { Keyword.ValueText: "void" };

    private static BlockSyntax Block(ExpressionSyntax expression, IEnumerable<StatementSyntax> before, IEnumerable<StatementSyntax> after)
    {
        var statements = new List<StatementSyntax>(before) { SyntaxFactory.ExpressionStatement(expression) };
        statements.AddRange(after);
        return RuntimeCalls.BlockOf(statements);
    }
}
