using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Testing;

/// <summary>
/// Checks a code fix: the analyzer reports the expected diagnostics on the sources, applying the fix
/// (one diagnostic at a time, or through the provider's FixAllProvider in a scope) gives exactly the
/// fixed sources, and the fixed project compiles and reports only <see cref="FixedDiagnostics"/>.
/// </summary>
public class CodeFixTest<TAnalyzer, TCodeFix> : AnalyzerTest<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>The expected sources after the fix, in the order of <see cref="AnalyzerTest{TAnalyzer}.Sources"/>.</summary>
    public List<string> FixedSources { get; } = new();

    /// <summary>Diagnostics still expected after the fix (by default none).</summary>
    public List<DiagnosticResult> FixedDiagnostics { get; } = new();

    /// <summary>Apply the code action with this equivalence key (by default the first one offered).</summary>
    public string? CodeActionEquivalenceKey { get; set; }

    /// <summary>Apply the code action with this title, when set.</summary>
    public string? CodeActionTitle { get; set; }

    /// <summary>When set, fix through the provider's FixAllProvider in this scope instead of one diagnostic at a time.</summary>
    public FixAllScope? FixAllScope { get; set; }

    /// <summary>How many fixes may be applied one at a time before the test gives up.</summary>
    public int MaxIterations { get; set; } = 50;

    protected TCodeFix CodeFix { get; } = new();

    public new async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await base.RunAsync(cancellationToken).ConfigureAwait(false);
        if (FixedSources.Count != Sources.Count)
        {
            throw new VerificationException($"The test has {Sources.Count} sources but {FixedSources.Count} fixed sources.");
        }

        var (project, _) = CreateProject(Sources, Array.Empty<DiagnosticResult>());
        var fixedProject = FixAllScope is { } scope
            ? await FixAllAsync(project, scope, cancellationToken).ConfigureAwait(false)
            : await FixOneByOneAsync(project, cancellationToken).ConfigureAwait(false);

        for (var index = 0; index < FixedSources.Count; index++)
        {
            var document = fixedProject.Documents.Single(d => d.FilePath == PathOf(index));
            var actual = (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
            var expected = TestMarkup.Parse(FixedSources[index]).Text;
            if (actual != expected)
            {
                throw new VerificationException($"The fixed {PathOf(index)} differs from the expected text (- expected, + actual):{Environment.NewLine}{TextDiff.Lines(expected, actual)}");
            }
        }

        await CheckCompilesAsync(fixedProject, "The fixed code", cancellationToken).ConfigureAwait(false);
        var (_, expectedAfterFix) = CreateProject(FixedSources, FixedDiagnostics);
        var remaining = await GetAnalyzerDiagnosticsAsync(fixedProject, cancellationToken).ConfigureAwait(false);
        CompareDiagnostics(expectedAfterFix, remaining, "applying the fix");
    }

    private async Task<Project> FixOneByOneAsync(Project project, CancellationToken cancellationToken)
    {
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var fixedOne = false;
            foreach (var diagnostic in await FixableDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false))
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                var action = await ChooseActionAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
                if (action is null)
                {
                    continue;
                }

                project = await ApplyAsync(project, action, cancellationToken).ConfigureAwait(false);
                fixedOne = true;
                break;
            }

            if (!fixedOne)
            {
                return project;
            }
        }

        throw new VerificationException($"The fix was still offered after {MaxIterations} applications: it does not converge.");
    }

    private async Task<Project> FixAllAsync(Project project, FixAllScope scope, CancellationToken cancellationToken)
    {
        var diagnostics = await FixableDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree)!;
            var action = await ChooseActionAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
            if (action is null)
            {
                continue;
            }

            var provider = CodeFix.GetFixAllProvider() ?? throw new VerificationException($"{typeof(TCodeFix).Name} has no FixAllProvider.");
            if (!provider.GetSupportedFixAllScopes().Contains(scope))
            {
                throw new VerificationException($"{typeof(TCodeFix).Name}'s FixAllProvider does not support {scope}.");
            }

            var context = new FixAllContext(
                document,
                CodeFix,
                scope,
                action.EquivalenceKey,
                CodeFix.FixableDiagnosticIds,
                new AnalyzerDiagnosticProvider(this),
                cancellationToken);
            var fixAll = await provider.GetFixAsync(context).ConfigureAwait(false)
                         ?? throw new VerificationException("FixAll produced no code action.");
            return await ApplyAsync(project, fixAll, cancellationToken).ConfigureAwait(false);
        }

        throw new VerificationException("No diagnostic had a code action to start FixAll from.");
    }

    private async Task<ImmutableArray<Diagnostic>> FixableDiagnosticsAsync(Project project, CancellationToken cancellationToken)
    {
        var diagnostics = await GetAnalyzerDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false);
        return diagnostics.Where(d => CodeFix.FixableDiagnosticIds.Contains(d.Id) && d.Location.IsInSource).ToImmutableArray();
    }

    private async Task<CodeAction?> ChooseActionAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await CodeFix.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions.FirstOrDefault(a =>
            (CodeActionEquivalenceKey is null || a.EquivalenceKey == CodeActionEquivalenceKey) &&
            (CodeActionTitle is null || a.Title == CodeActionTitle));
    }

    private static async Task<Project> ApplyAsync(Project project, CodeAction action, CancellationToken cancellationToken)
    {
        var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        var solution = project.Solution;
        foreach (var operation in operations.OfType<ApplyChangesOperation>())
        {
            solution = operation.ChangedSolution;
        }

        return solution.GetProject(project.Id)!;
    }

    /// <summary>Feeds FixAll the analyzer's diagnostics, as the IDE and dotnet format do.</summary>
    private sealed class AnalyzerDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly CodeFixTest<TAnalyzer, TCodeFix> _test;

        public AnalyzerDiagnosticProvider(CodeFixTest<TAnalyzer, TCodeFix> test) => _test = test;

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            var all = await _test.GetAnalyzerDiagnosticsAsync(document.Project, cancellationToken).ConfigureAwait(false);
            return all.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await _test.GetAnalyzerDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false);
    }
}
