using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Durability.CodeFixes;

/// <summary>
/// Fixes DUR002's file deleted before the rename that replaces it: the deletion goes (with the <c>if (File.Exists(x))</c>
/// around it, when that is all the <c>if</c> does) and the rename overwrites instead (<c>File.Move(temp, target, overwrite:
/// true)</c>, <c>info.MoveTo(target, overwrite: true)</c>), so the file is replaced in one step. Offered only where the
/// compilation has those overloads (.NET Core 3.0 and later) and the deletion is a statement of its own.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeletedBeforeRenameCodeFixProvider)), Shared]
public sealed class DeletedBeforeRenameCodeFixProvider : DocumentFixProvider
{
    private const string Title = "Rename over the file in one step";

    /// <inheritdoc />
    protected override string EquivalenceKey => RuleIdentifiers.UnsyncedDirectoryEntry;

    /// <inheritdoc />
    protected override string? TitleFor(Diagnostic diagnostic, SyntaxNode root, bool runtimeAvailable) =>
        Plan(root, diagnostic) is not null ? Title : null;

    /// <inheritdoc />
    protected override async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var plans = new List<(StatementSyntax Deletion, InvocationExpressionSyntax Rename)>();
        var nodes = new List<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            if (Plan(root, diagnostic) is { } plan && !nodes.Contains(plan.Deletion) && !nodes.Contains(plan.Rename))
            {
                plans.Add(plan);
                nodes.Add(plan.Deletion);
                nodes.Add(plan.Rename);
            }
        }

        if (plans.Count == 0)
        {
            return document;
        }

        var tracked = root.TrackNodes(nodes);
        foreach (var (deletion, rename) in plans)
        {
            var current = tracked.GetCurrentNode(rename)!;
            tracked = tracked.ReplaceNode(current, Overwriting(current));
            tracked = tracked.RemoveNode(tracked.GetCurrentNode(deletion)!, SyntaxRemoveOptions.KeepNoTrivia)!;
        }

        return document.WithSyntaxRoot(tracked);
    }

    // The statement to drop and the rename to overwrite with, or null when the fix cannot make them one step.
    private static (StatementSyntax Deletion, InvocationExpressionSyntax Rename)? Plan(SyntaxNode root, Diagnostic diagnostic)
    {
        if (Property(diagnostic, UnsyncedDirectoryEntryAnalyzer.OverwritingMoveProperty) is null || diagnostic.AdditionalLocations.Count != 1 ||
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
