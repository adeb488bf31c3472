using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Durability.CodeFixes;

/// <summary>
/// DUR002's fix of a file deleted before the rename that replaces it: the deletion goes (with the <c>if (File.Exists(x))</c>
/// around it, when that is all the <c>if</c> does) and the rename overwrites instead (<c>File.Move(temp, target, overwrite:
/// true)</c>, <c>info.MoveTo(target, overwrite: true)</c>), so the file is replaced in one step. Offered only where the
/// compilation has those overloads (.NET Core 3.0 and later) and the deletion is a statement of its own. Part of
/// <see cref="UnsyncedDirectoryEntryCodeFixProvider"/>: one fixer per rule, as <c>dotnet format</c> applies one.
/// </summary>
internal static class ReplacingRenameFix
{
    public const string Title = "Rename over the file in one step";

    /// <summary>The statement to drop and the rename to overwrite with, or null when the fix cannot make them one step.</summary>
    public static (StatementSyntax Deletion, InvocationExpressionSyntax Rename)? Plan(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.ContainsKey(UnsyncedDirectoryEntryAnalyzer.OverwritingMoveProperty) || diagnostic.AdditionalLocations.Count != 1 ||
            root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } delete ||
            root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } rename ||
            delete.Parent is not ExpressionStatementSyntax statement || rename.Parent is not ExpressionStatementSyntax ||
            statement.Parent is not (BlockSyntax or IfStatementSyntax) || statement.Span.Contains(rename.Span))
        {
            return null;
        }

        // A deletion that is the whole of an if with another test goes only with its if, which the fix does not judge.
        var guard = GuardOf(statement);
        return guard is null && statement.Parent is IfStatementSyntax ? null : (guard ?? (StatementSyntax)statement, rename);
    }

    /// <summary>
    /// Marks each planned deletion and rename (text and spans unchanged), so that the directory-sync fixes applied to the
    /// same document in one pass keep them; <see cref="ApplyMarkedAsync"/> then makes the edits.
    /// </summary>
    public static SyntaxNode Mark(SyntaxNode root, ImmutableArray<Diagnostic> diagnostics, string kind)
    {
        var marks = new Dictionary<SyntaxNode, SyntaxAnnotation>();
        var pair = 0;
        foreach (var diagnostic in diagnostics)
        {
            if (Plan(root, diagnostic) is { } plan && !marks.ContainsKey(plan.Deletion) && !marks.ContainsKey(plan.Rename))
            {
                var id = pair++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                marks[plan.Deletion] = new SyntaxAnnotation(kind, "delete:" + id);
                marks[plan.Rename] = new SyntaxAnnotation(kind, "rename:" + id);
            }
        }

        return root.ReplaceNodes(marks.Keys, (node, rewritten) => rewritten.WithAdditionalAnnotations(marks[node]));
    }

    /// <summary>Drops each marked deletion and makes its rename overwrite.</summary>
    public static async Task<Document> ApplyMarkedAsync(Document document, string kind, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var renames = new List<SyntaxNode>();
        foreach (var node in root.GetAnnotatedNodes(kind))
        {
            foreach (var annotation in node.GetAnnotations(kind))
            {
                if (annotation.Data!.StartsWith("rename:", System.StringComparison.Ordinal))
                {
                    renames.Add(node);
                }
            }
        }

        var edited = root.ReplaceNodes(renames, (_, rewritten) => Overwriting((InvocationExpressionSyntax)rewritten));
        var marked = new List<SyntaxNode>();
        foreach (var node in edited.GetAnnotatedNodes(kind))
        {
            foreach (var annotation in node.GetAnnotations(kind))
            {
                if (annotation.Data!.StartsWith("delete:", System.StringComparison.Ordinal))
                {
                    marked.Add(node);
                }
            }
        }

        return document.WithSyntaxRoot(edited.RemoveNodes(marked, SyntaxRemoveOptions.KeepNoTrivia) ?? edited);
    }

    // if (File.Exists(path)) File.Delete(path), if (info.Exists) { info.Delete(); }: the test goes with the deletion it guards.
    private static IfStatementSyntax? GuardOf(StatementSyntax deletion)
    {
        var embedded = deletion.Parent is BlockSyntax { Statements.Count: 1 } block ? block : (SyntaxNode)deletion;
        return embedded.Parent is IfStatementSyntax { Else: null } guard && guard.Statement == embedded &&
               guard.Condition is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Exists" } } or
                   MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Exists" }
            ? guard
            : null;
    }

    // File.Move(temp, target) -> File.Move(temp, target, overwrite: true); info.MoveTo(target) -> info.MoveTo(target, overwrite: true).
    private static InvocationExpressionSyntax Overwriting(InvocationExpressionSyntax rename) =>
        rename.WithArgumentList(rename.ArgumentList.AddArguments(
            SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression))
                .WithNameColon(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName("overwrite")))));
}
