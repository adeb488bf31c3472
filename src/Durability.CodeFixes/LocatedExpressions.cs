using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Durability.CodeFixes;

/// <summary>
/// The expression a diagnostic points at by a span (its additional locations name the paths a fix writes again): found in
/// the document's syntax, never carried as text.
/// </summary>
internal static class LocatedExpressions
{
    /// <summary>The expression whose span is exactly <paramref name="span"/>, or null.</summary>
    public static ExpressionSyntax? At(SyntaxNode root, TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<ExpressionSyntax>(e => e.Span == span);

    /// <summary>The expression at the one additional location of <paramref name="diagnostic"/>, or null when it has not exactly one.</summary>
    public static ExpressionSyntax? AtOnlyAdditionalLocation(SyntaxNode root, Diagnostic diagnostic) =>
        diagnostic.AdditionalLocations.Count == 1 ? At(root, diagnostic.AdditionalLocations[0].SourceSpan) : null;
}
