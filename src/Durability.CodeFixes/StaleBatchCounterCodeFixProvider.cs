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
/// Fixes DUR003's stale fsync: when the type has a member that fsyncs and resets the counter, the bare fsync
/// becomes a call to it; otherwise the reset is inserted right after the fsync. The reverse finding (a reset
/// without an fsync) has no mechanical fix: whether to fsync or to stop resetting is the author's call.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StaleBatchCounterCodeFixProvider)), Shared]
public sealed class StaleBatchCounterCodeFixProvider : DocumentFixProvider
{
    /// <inheritdoc />
    protected override string EquivalenceKey => RuleIdentifiers.StaleBatchCounter;

    /// <inheritdoc />
    protected override string? TitleFor(Diagnostic diagnostic, SyntaxNode root, bool runtimeAvailable)
    {
        if (FindFsyncStatement(root, diagnostic) is null)
        {
            return null;
        }

        return diagnostic.Properties.TryGetValue(StaleBatchCounterAnalyzer.HelperProperty, out var helper) && helper is not null
            ? $"Call {helper}(), which fsyncs and resets the counter"
            : $"Reset '{diagnostic.Properties[StaleBatchCounterAnalyzer.CounterProperty]}' after the fsync";
    }

    /// <inheritdoc />
    protected override async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var fixes = diagnostics
            .Select(d => (Diagnostic: d, Statement: FindFsyncStatement(root, d)))
            .Where(f => f.Statement is not null)
            .ToDictionary(f => f.Statement!, f => f.Diagnostic);
        var newRoot = root.ReplaceNodes(
            fixes.Keys.Select(s => (SyntaxNode)s.Parent!).Distinct(),
            (original, _) => Rewrite(original, fixes));
        return document.WithSyntaxRoot(newRoot);
    }

    private static SyntaxNode Rewrite(SyntaxNode parent, System.Collections.Generic.Dictionary<ExpressionStatementSyntax, Diagnostic> fixes) =>
        StatementLists.Rewrite(parent, statement =>
        {
            var match = fixes.Keys.FirstOrDefault(k => k.Span == statement.Span);
            if (match is null)
            {
                return new[] { statement };
            }

            var diagnostic = fixes[match];
            return diagnostic.Properties.TryGetValue(StaleBatchCounterAnalyzer.HelperProperty, out var helper) && helper is not null
                ? new[] { SyntaxFactory.ParseStatement(helper + "();").WithTriviaFrom(statement) }
                : new[] { statement, RuntimeCalls.StatementLike(statement, diagnostic.Properties[StaleBatchCounterAnalyzer.CounterProperty] + " = 0;") };
        });

    private static ExpressionStatementSyntax? FindFsyncStatement(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.ContainsKey(StaleBatchCounterAnalyzer.CounterProperty))
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { } statement &&
               statement.Expression.Span == diagnostic.Location.SourceSpan &&
               RuntimeCalls.CanInsertAfter(statement)
            ? statement
            : null;
    }
}
