using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Durability.Analyzers.Analyzers;
using Durability.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Durability.CodeFixes;

/// <summary>
/// Fixes DUR002 by inserting <c>Fsync.ParentDirectory(path);</c>, or <c>Fsync.Directory(dir);</c> for a path built by
/// <c>Path.Combine(dir, name)</c>, right after the statement that creates, renames or deletes the entry (for a
/// rename across directories, one per directory). Fix All does not
/// insert the same sync twice in a row: consecutive changes in one directory share the last one.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnsyncedDirectoryEntryCodeFixProvider)), Shared]
public sealed class UnsyncedDirectoryEntryCodeFixProvider : DocumentFixProvider
{
    private const string Title = "Fsync the parent directory";

    /// <inheritdoc />
    protected override string EquivalenceKey => RuleIdentifiers.UnsyncedDirectoryEntry;

    /// <inheritdoc />
    protected override string? TitleFor(Diagnostic diagnostic, SyntaxNode root, bool runtimeAvailable) =>
        runtimeAvailable && PlanInsert(root, diagnostic) is not null ? Title : null;

    /// <inheritdoc />
    protected override async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || !RuntimeCalls.IsAvailable(compilation))
        {
            // The fix calls Durability.Runtime; without it the output would not compile.
            return document;
        }

        var inserts = new Dictionary<StatementSyntax, List<string>>();
        foreach (var diagnostic in diagnostics)
        {
            if (PlanInsert(root, diagnostic) is not { } plan)
            {
                continue;
            }

            if (!inserts.TryGetValue(plan.After, out var lines))
            {
                inserts.Add(plan.After, lines = new List<string>());
            }

            lines.AddRange(plan.Lines.Where(line => !lines.Contains(line)));
        }

        DropRepeatsOfTheNextInsert(inserts);
        if (inserts.Count == 0)
        {
            return document;
        }

        var newRoot = root.ReplaceNodes(
            inserts.Keys.Select(statement => (SyntaxNode)statement.Parent!).Distinct(),
            (original, _) => InsertInto(original, inserts));
        return document.WithSyntaxRoot(RuntimeCalls.AddUsingIfMissing(newRoot));
    }

    // File.Delete(a); File.Delete(b); in one directory gets one sync, after the second.
    private static void DropRepeatsOfTheNextInsert(Dictionary<StatementSyntax, List<string>> inserts)
    {
        foreach (var entry in inserts.ToList())
        {
            var statement = entry.Key;
            var lines = entry.Value;
            var next = StatementLists.Next(statement);
            if (next is null)
            {
                continue;
            }

            lines.RemoveAll(line => (inserts.TryGetValue(next, out var following) && following.Contains(line)) || next.ToString() == line);
            if (lines.Count == 0)
            {
                inserts.Remove(statement);
            }
        }
    }

    private static SyntaxNode InsertInto(SyntaxNode parent, Dictionary<StatementSyntax, List<string>> inserts) =>
        StatementLists.Rewrite(parent, statement =>
        {
            var original = inserts.Keys.FirstOrDefault(k => k.Span == statement.Span && k.Parent!.Span == parent.Span);
            return original is null
                ? new[] { statement }
                : new[] { statement }.Concat(inserts[original].Select(line => RuntimeCalls.StatementLike(statement, line)));
        });

    private static (StatementSyntax After, List<string> Lines)? PlanInsert(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(UnsyncedDirectoryEntryAnalyzer.SyncCallsProperty, out var calls) || string.IsNullOrEmpty(calls))
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var statement = node.FirstAncestorOrSelf<StatementSyntax>(s => RuntimeCalls.CanInsertAfter(s));
        if (statement is null or ReturnStatementSyntax or ThrowStatementSyntax or YieldStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax)
        {
            return null;
        }

        return (statement, calls!.Split('\n').Select(call => call + ";").ToList());
    }
}
