using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Durability.CodeFixes;

/// <summary>The statement lists fixes insert into: a block's or a switch section's.</summary>
internal static class StatementLists
{
    /// <summary>The statements of <paramref name="parent"/>, or an empty list when it holds none.</summary>
    public static SyntaxList<StatementSyntax> Of(SyntaxNode? parent) => parent switch
    {
        BlockSyntax block => block.Statements,
        SwitchSectionSyntax section => section.Statements,
        _ => default,
    };

    /// <summary>The statement right after <paramref name="statement"/> in its list, or null.</summary>
    public static StatementSyntax? Next(StatementSyntax statement)
    {
        var siblings = Of(statement.Parent);
        var index = siblings.IndexOf(statement);
        return index >= 0 && index + 1 < siblings.Count ? siblings[index + 1] : null;
    }

    /// <summary>Rebuilds the list of <paramref name="parent"/>, replacing each statement with what <paramref name="rewrite"/> returns for it.</summary>
    public static SyntaxNode Rewrite(SyntaxNode parent, Func<StatementSyntax, IEnumerable<StatementSyntax>> rewrite)
    {
        var rewritten = new List<StatementSyntax>();
        foreach (var statement in Of(parent))
        {
            rewritten.AddRange(rewrite(statement));
        }

        var list = SyntaxFactory.List(rewritten);
        return parent is BlockSyntax block ? block.WithStatements(list) : ((SwitchSectionSyntax)parent).WithStatements(list);
    }
}
