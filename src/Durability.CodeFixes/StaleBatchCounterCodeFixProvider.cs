using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Durability.CodeFixes;

/// <summary>
/// Fixes DUR003's stale fsync: when the type has a member that fsyncs and resets the counter, the bare fsync
/// becomes a call to it; otherwise the reset is inserted right after the fsync. For the reverse finding (a reset
/// without an fsync) the stream is fsynced right before the reset, so that the counter's claim becomes true; the
/// other way out, resetting less, changes behaviour and stays the author's call.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StaleBatchCounterCodeFixProvider)), Shared]
public sealed class StaleBatchCounterCodeFixProvider : DocumentFixProvider
{
    /// <inheritdoc />
    protected override string EquivalenceKey => RuleIdentifiers.StaleBatchCounter;

    /// <inheritdoc />
    protected override string? TitleFor(Diagnostic diagnostic, SyntaxNode root, bool runtimeAvailable)
    {
        if (FindResetStatement(root, diagnostic) is not null &&
            (runtimeAvailable || diagnostic.Properties[StaleBatchCounterAnalyzer.FsyncCallProperty] == "FlushToDisk"))
        {
            return $"Fsync '{diagnostic.Properties[StaleBatchCounterAnalyzer.StreamProperty]}' before the reset";
        }

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
            .Select(d => (Diagnostic: d, Statement: FindFsyncStatement(root, d) ?? FindResetStatement(root, d)))
            .Where(f => f.Statement is not null)
            .GroupBy(f => f.Statement!)
            .ToDictionary(g => g.Key, g => g.First().Diagnostic);
        var generator = SyntaxGenerator.GetGenerator(document);
        var newRoot = root.ReplaceNodes(
            fixes.Keys.Select(s => (SyntaxNode)s.Parent!).Distinct(),
            (original, _) => Rewrite(original, fixes, generator));
        return await RuntimeCalls.WithRuntimeImportsAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
    }

    private static SyntaxNode Rewrite(SyntaxNode parent, System.Collections.Generic.Dictionary<ExpressionStatementSyntax, Diagnostic> fixes, SyntaxGenerator generator) =>
        StatementLists.Rewrite(parent, statement =>
        {
            var match = fixes.Keys.FirstOrDefault(k => k.Span == statement.Span);
            if (match is null)
            {
                return new[] { statement };
            }

            var diagnostic = fixes[match];
            if (diagnostic.Properties.TryGetValue(StaleBatchCounterAnalyzer.FsyncCallProperty, out var call) && call is not null)
            {
                var stream = FsyncStatements.Member(generator, diagnostic.Properties[StaleBatchCounterAnalyzer.StreamProperty]!);
                var fsync = call == "FlushToDisk" ? FsyncStatements.FlushToDisk(generator, stream) : FsyncStatements.FsyncFile(generator, stream);
                // Comments above the reset move above the fsync; the reset keeps its indentation.
                var indentation = statement.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
                var reset = indentation.IsKind(SyntaxKind.None) ? statement.WithLeadingTrivia() : statement.WithLeadingTrivia(indentation);
                return new[] { RuntimeCalls.StatementBefore(statement, fsync).WithLeadingTrivia(statement.GetLeadingTrivia()), reset };
            }

            if (diagnostic.Properties.TryGetValue(StaleBatchCounterAnalyzer.HelperProperty, out var helper) && helper is not null)
            {
                var helperCall = (StatementSyntax)generator.ExpressionStatement(generator.InvocationExpression(FsyncStatements.Member(generator, helper)));
                return new[] { helperCall.WithTriviaFrom(statement) };
            }

            var counter = FsyncStatements.Member(generator, diagnostic.Properties[StaleBatchCounterAnalyzer.CounterProperty]!);
            var resetAfter = (StatementSyntax)generator.ExpressionStatement(generator.AssignmentStatement(counter, generator.LiteralExpression(0)));
            return new[] { statement, RuntimeCalls.StatementLike(statement, resetAfter) };
        });

    // The reset (counter = 0) a reset-without-fsync finding is on, as a statement of a block.
    private static ExpressionStatementSyntax? FindResetStatement(SyntaxNode root, Diagnostic diagnostic) =>
        diagnostic.Properties.ContainsKey(StaleBatchCounterAnalyzer.FsyncCallProperty) ? StatementAt(root, diagnostic) : null;

    private static ExpressionStatementSyntax? FindFsyncStatement(SyntaxNode root, Diagnostic diagnostic) =>
        diagnostic.Properties.ContainsKey(StaleBatchCounterAnalyzer.CounterProperty) ? StatementAt(root, diagnostic) : null;

    // The statement in a block whose expression is exactly the diagnostic's span.
    private static ExpressionStatementSyntax? StatementAt(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { } statement &&
               statement.Expression.Span == diagnostic.Location.SourceSpan &&
               RuntimeCalls.CanInsertAfter(statement)
            ? statement
            : null;
    }
}
