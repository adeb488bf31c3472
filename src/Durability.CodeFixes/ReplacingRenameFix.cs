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
/// compilation has those overloads (.NET Core 3.0 and later) and the deletion is a statement of its own. A file moved aside
/// to a backup first (<c>File.Move(target, backup); File.Move(temp, target);</c>, both in one block) gets
/// <c>File.Replace(temp, target, backup)</c>, which keeps the backup. Part of
/// <see cref="UnsyncedDirectoryEntryCodeFixProvider"/>: one fixer per rule, as <c>dotnet format</c> applies one.
/// </summary>
internal static class ReplacingRenameFix
{
    public const string Title = "Rename over the file in one step";

    public const string ReplaceTitle = "Replace the file in one step with File.Replace";

    public const string CopyAsideTitle = "Copy the file aside and rename over it in one step";

    /// <summary>
    /// The statement that empties the name (a deletion, or a move aside to a backup) and the rename to make one step with it,
    /// or null when the fix cannot, with what becomes of them.
    /// </summary>
    public static (StatementSyntax Deletion, InvocationExpressionSyntax Rename, ReplacingRenameEdit Edit)? Plan(SyntaxNode root, Diagnostic diagnostic)
    {
        var movedAside = diagnostic.Properties.ContainsKey(UnsyncedDirectoryEntryAnalyzer.MovedAsideProperty);
        var overwriting = diagnostic.Properties.ContainsKey(UnsyncedDirectoryEntryAnalyzer.OverwritingMoveProperty);
        if (!(overwriting || movedAside) || diagnostic.AdditionalLocations.Count != 1 ||
            root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } delete ||
            root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } rename ||
            delete.Parent is not ExpressionStatementSyntax statement || rename.Parent is not ExpressionStatementSyntax renameStatement ||
            statement.Parent is not (BlockSyntax or IfStatementSyntax) || statement.Span.Contains(rename.Span))
        {
            return null;
        }

        if (movedAside)
        {
            // File.Replace needs the live file: only where the move aside, which needs it too, runs whenever the rename does.
            // Elsewhere (a move aside under if (File.Exists(path))) the live file is copied aside and renamed over instead.
            return diagnostic.Properties.ContainsKey(UnsyncedDirectoryEntryAnalyzer.ReplaceWithBackupProperty) &&
                   statement.Parent is BlockSyntax && renameStatement.Parent == statement.Parent
                ? (statement, rename, ReplacingRenameEdit.ReplaceWithBackup)
                : overwriting ? (statement, rename, ReplacingRenameEdit.CopyAsideAndOverwrite) : null;
        }

        // A deletion that is the whole of an if with another test goes only with its if, which the fix does not judge.
        var guard = GuardOf(statement);
        return guard is null && statement.Parent is IfStatementSyntax ? null : (guard ?? (StatementSyntax)statement, rename, ReplacingRenameEdit.DropAndOverwrite);
    }

    /// <summary>The title of the fix <paramref name="edit"/> makes.</summary>
    public static string TitleOf(ReplacingRenameEdit edit) => edit switch
    {
        ReplacingRenameEdit.ReplaceWithBackup => ReplaceTitle,
        ReplacingRenameEdit.CopyAsideAndOverwrite => CopyAsideTitle,
        _ => Title,
    };

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
                var (emptying, renaming) = plan.Edit switch
                {
                    ReplacingRenameEdit.ReplaceWithBackup => ("delete:", "replace:"),
                    ReplacingRenameEdit.CopyAsideAndOverwrite => ("copy:", "rename:"),
                    _ => ("delete:", "rename:"),
                };
                marks[plan.Deletion] = new SyntaxAnnotation(kind, emptying + id);
                marks[plan.Rename] = new SyntaxAnnotation(kind, renaming + id);
            }
        }

        return root.ReplaceNodes(marks.Keys, (node, rewritten) => rewritten.WithAdditionalAnnotations(marks[node]));
    }

    /// <summary>
    /// Drops each marked deletion and makes its rename overwrite; drops each marked move aside and makes its rename a
    /// <c>File.Replace</c> with its backup; turns each move aside marked for copying into a copy, its rename overwriting.
    /// </summary>
    public static async Task<Document> ApplyMarkedAsync(Document document, string kind, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var renames = new Dictionary<SyntaxNode, ExpressionSyntax?>();
        var copies = new List<SyntaxNode>();
        var backups = new Dictionary<string, ExpressionSyntax>();
        var replaced = new List<(SyntaxNode Rename, string Id)>();
        foreach (var node in root.GetAnnotatedNodes(kind))
        {
            foreach (var annotation in node.GetAnnotations(kind))
            {
                var data = annotation.Data!;
                if (data.StartsWith("rename:", System.StringComparison.Ordinal))
                {
                    renames[node] = null;
                }
                else if (data.StartsWith("replace:", System.StringComparison.Ordinal))
                {
                    replaced.Add((node, data.Substring("replace:".Length)));
                }
                else if (data.StartsWith("copy:", System.StringComparison.Ordinal))
                {
                    copies.Add(node);
                }
                else if (node is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 2 } moved } })
                {
                    // The move aside, File.Move(live, backup): its backup is File.Replace's third argument.
                    backups[data.Substring("delete:".Length)] = moved[1].Expression;
                }
            }
        }

        foreach (var (rename, id) in replaced)
        {
            if (backups.TryGetValue(id, out var backup))
            {
                renames[rename] = backup;
            }
        }

        var edited = root.ReplaceNodes(
            System.Linq.Enumerable.Concat(renames.Keys, copies),
            (original, rewritten) => copies.Contains(original)
                ? CopyingAside((ExpressionStatementSyntax)rewritten)
                : renames[original] is { } backup
                    ? ReplacingWithBackup((InvocationExpressionSyntax)rewritten, backup)
                    : Overwriting((InvocationExpressionSyntax)rewritten));
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

    // File.Move(live, backup) -> File.Copy(live, backup, overwrite: true), info.MoveTo(backup) -> info.CopyTo(backup,
    // overwrite: true): the live file stays until the rename replaces it.
    private static ExpressionStatementSyntax CopyingAside(ExpressionStatementSyntax moveAside)
    {
        var move = (InvocationExpressionSyntax)moveAside.Expression;
        var access = (MemberAccessExpressionSyntax)move.Expression;
        var toInfo = access.Name.Identifier.ValueText == "MoveTo";
        var copy = move.WithExpression(access.WithName(SyntaxFactory.IdentifierName(toInfo ? "CopyTo" : "Copy")));
        return moveAside.WithExpression(move.ArgumentList.Arguments.Count == (toInfo ? 1 : 2) ? Overwriting(copy) : copy);
    }

    // File.Move(temp, target) -> File.Replace(temp, target, backup), the move aside's backup.
    private static InvocationExpressionSyntax ReplacingWithBackup(InvocationExpressionSyntax rename, ExpressionSyntax backup) =>
        rename.WithExpression(((MemberAccessExpressionSyntax)rename.Expression).WithName(SyntaxFactory.IdentifierName("Replace")))
            .WithArgumentList(rename.ArgumentList.AddArguments(SyntaxFactory.Argument(backup.WithoutTrivia())));

    // File.Move(temp, target) -> File.Move(temp, target, overwrite: true); info.MoveTo(target) -> info.MoveTo(target, overwrite: true).
    private static InvocationExpressionSyntax Overwriting(InvocationExpressionSyntax rename) =>
        rename.WithArgumentList(rename.ArgumentList.AddArguments(
            SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression))
                .WithNameColon(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName("overwrite")))));
}
