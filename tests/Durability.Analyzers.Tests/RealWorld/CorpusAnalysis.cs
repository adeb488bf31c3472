using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Analyzers.Tests.RealWorld;

/// <summary>What every analyzer reports on one corpus snapshot, and every exception an analyzer threw there; computed once per test run.</summary>
internal sealed record CorpusAnalysis(string Snapshot, IReadOnlyList<CorpusFinding> Findings, IReadOnlyList<string> Exceptions)
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<CorpusAnalysis>>> Cache = new(StringComparer.Ordinal);

    public static Task<CorpusAnalysis> OfAsync(string snapshot) =>
        Cache.GetOrAdd(snapshot, name => new Lazy<Task<CorpusAnalysis>>(() => RunAsync(name))).Value;

    private static async Task<CorpusAnalysis> RunAsync(string snapshot)
    {
        var analyzers = AllRules.Analyzers();
        var findings = new List<CorpusFinding>();
        var exceptions = new ConcurrentQueue<string>();
        var root = Path.Combine(CorpusProject.CorpusRoot!, snapshot);
        foreach (var project in CorpusProject.Load(snapshot))
        {
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, analyzer, _) => exceptions.Enqueue($"{project.Directory}: {analyzer.GetType().Name} threw {exception}"),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var diagnostics = await project.Compile().WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Id.StartsWith("AD", StringComparison.Ordinal))
                {
                    exceptions.Enqueue(diagnostic.ToString());
                }
                else if (diagnostic.Id.StartsWith("DUR", StringComparison.Ordinal))
                {
                    var span = diagnostic.Location.GetLineSpan();
                    findings.Add(new CorpusFinding(
                        snapshot,
                        Path.GetRelativePath(root, span.Path).Replace('\\', '/'),
                        span.StartLinePosition.Line + 1,
                        diagnostic.Id,
                        diagnostic.GetMessage()));
                }
            }
        }

        findings.Sort();
        return new CorpusAnalysis(snapshot, findings, exceptions.ToList());
    }
}

/// <summary>One diagnostic on the corpus, located by snapshot, file and line.</summary>
internal sealed record CorpusFinding(string Snapshot, string File, int Line, string Rule, string Message) : IComparable<CorpusFinding>
{
    public string Key => $"{Snapshot}\t{File}\t{Line}\t{Rule}";

    public int CompareTo(CorpusFinding? other)
    {
        if (other is null)
        {
            return 1;
        }

        var order = string.CompareOrdinal(Snapshot, other.Snapshot);
        order = order != 0 ? order : string.CompareOrdinal(File, other.File);
        order = order != 0 ? order : Line.CompareTo(other.Line);
        order = order != 0 ? order : string.CompareOrdinal(Rule, other.Rule);
        return order != 0 ? order : string.CompareOrdinal(Message, other.Message);
    }
}
