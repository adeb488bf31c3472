using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Durability.CodeFixes;

/// <summary>
/// Puts a statement (an fsync) before or after the statement that holds a call (a close, a rename, a flush): in the
/// statement's list, in a new block with it when it is written braceless under an if or a loop (<c>if (x) File.Move(a, b);</c>),
/// or in a block body that replaces a void member's arrow body (<c>void Dispose() => _data.Dispose();</c>).
/// </summary>
internal static class StatementsBeside
{
    /// <summary>
    /// The statement <paramref name="expression"/> is, or the void member whose arrow body it is; null when nothing can go
    /// beside it (a value that is used, a lambda's body).
    /// </summary>
    public static SyntaxNode? HolderOf(ExpressionSyntax expression) => expression.Parent switch
    {
        ExpressionStatementSyntax statement when RuntimeCalls.CanPlaceBeside(statement) => statement,
        ArrowExpressionClauseSyntax arrow => ArrowBodies.VoidMemberOf(arrow),
        _ => null,
    };

    /// <summary>Puts <paramref name="added"/> before <paramref name="holder"/>, one from <see cref="HolderOf"/>.</summary>
    public static void InsertBefore(SyntaxEditor editor, SyntaxNode holder, StatementSyntax added)
    {
        switch (holder)
        {
            case StatementSyntax statement when RuntimeCalls.CanInsertAfter(statement):
                editor.InsertBefore(statement, RuntimeCalls.StatementBefore(statement, added));
                break;
            case StatementSyntax embedded:
                editor.ReplaceNode(embedded, RuntimeCalls.BlockOf(new[] { added, embedded }).WithTriviaFrom(embedded));
                break;
            default:
                editor.ReplaceNode(holder, ArrowBodies.WithBlockBody(holder, new[] { added }, System.Array.Empty<StatementSyntax>()));
                break;
        }
    }

    /// <summary>Puts <paramref name="added"/> after <paramref name="holder"/>, one from <see cref="HolderOf"/>.</summary>
    public static void InsertAfter(SyntaxEditor editor, SyntaxNode holder, StatementSyntax added)
    {
        switch (holder)
        {
            case StatementSyntax statement when RuntimeCalls.CanInsertAfter(statement):
                editor.InsertAfter(statement, RuntimeCalls.StatementLike(statement, added));
                break;
            case StatementSyntax embedded:
                editor.ReplaceNode(embedded, RuntimeCalls.BlockWith(embedded, new[] { added }));
                break;
            default:
                editor.ReplaceNode(holder, ArrowBodies.WithBlockBody(holder, System.Array.Empty<StatementSyntax>(), new[] { added }));
                break;
        }
    }
}
