using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Durability.AnalyzerProfile;

/// <summary>
/// What one keystroke in the IDE costs the analyzers: the document holding a storage type is edited (a character
/// typed in a method body), the compilation is the previous one with that file replaced, as a workspace makes it, and
/// only that document is analysed, as the IDE does for the open file. Work the rules do over the whole compilation
/// (passes over every file) shows here as a cost that grows with the project, not with the edit.
/// </summary>
internal static class EditPass
{
    /// <summary>Runs <paramref name="edits"/> edits of the first file spelling <paramref name="marker"/>; the per-analyzer times of each edit.</summary>
    public static PassResult Run(ProfiledSource source, ProfiledAnalyzers build, string marker, int edits)
    {
        var compilation = (Compilation)source.NewCompilation();
        var tree = source.Trees.First(t => t.GetText().ToString().Contains(marker, StringComparison.Ordinal));
        compilation.GetDiagnostics();
        var perAnalyzer = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var wall = TimeSpan.Zero;
        var diagnostics = 0;
        long allocated = 0;
        for (var edit = 0; edit < edits; edit++)
        {
            // Type inside the first method body: a comment that changes nothing bound, as a keystroke mostly does.
            var text = tree.GetText();
            var whole = text.ToString();
            var at = whole.IndexOf("{", whole.IndexOf(marker, StringComparison.Ordinal), StringComparison.Ordinal) + 1;
            var edited = tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(at, 0), "/*" + edit + "*/")));
            compilation = compilation.ReplaceSyntaxTree(tree, edited);
            tree = edited;

            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => Console.Error.WriteLine($"#exception {analyzer}: {exception.Message}"),
                concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
            var withAnalyzers = compilation.WithAnalyzers(build.Analyzers, options);
            var model = compilation.GetSemanticModel(tree);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            diagnostics += withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None).GetAwaiter().GetResult().Length;
            wall += clock.Elapsed;
            allocated += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            foreach (var analyzer in build.Analyzers)
            {
                var time = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime;
                var name = build.KeyOf(analyzer);
                perAnalyzer[name] = perAnalyzer.TryGetValue(name, out var sum) ? sum + time : time;
            }
        }

        // Per edit, so that the report reads as the cost of one keystroke.
        foreach (var name in perAnalyzer.Keys.ToList())
        {
            perAnalyzer[name] = perAnalyzer[name] / edits;
        }

        return new PassResult(wall / edits, TimeSpan.Zero, allocated / edits, diagnostics / edits, perAnalyzer);
    }
}
