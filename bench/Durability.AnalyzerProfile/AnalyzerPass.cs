using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.AnalyzerProfile;

/// <summary>What one pass of a build's analyzers over every compilation cost.</summary>
internal sealed record PassResult(TimeSpan Wall, TimeSpan Cpu, long AllocatedBytes, int Diagnostics, IReadOnlyDictionary<string, TimeSpan> PerAnalyzer);

internal static class AnalyzerPass
{
    /// <summary>
    /// Runs the analyzers on one thread over fresh compilations of newly parsed files. The compilations are bound before the clock starts
    /// (as the compiler has bound them when it runs analyzers), so what is timed is the analyzers and their driver.
    /// </summary>
    public static PassResult Run(IReadOnlyList<ProfiledSource> sources, ProfiledAnalyzers build)
    {
        var perAnalyzer = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var wall = TimeSpan.Zero;
        var cpu = TimeSpan.Zero;
        long allocated = 0;
        var diagnostics = 0;
        foreach (var source in sources)
        {
            var compilation = source.NewCompilationOfNewTrees();
            compilation.GetDiagnostics();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => Console.Error.WriteLine($"#exception {analyzer}: {exception.Message}"),
                concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
            var withAnalyzers = compilation.WithAnalyzers(build.Analyzers, options);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            diagnostics += withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult().Length;
            wall += clock.Elapsed;
            cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            allocated += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            foreach (var analyzer in build.Analyzers)
            {
                var time = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime;
                var name = build.KeyOf(analyzer);
                perAnalyzer[name] = perAnalyzer.TryGetValue(name, out var sum) ? sum + time : time;
            }
        }

        return new PassResult(wall, cpu, allocated, diagnostics, perAnalyzer);
    }
}
