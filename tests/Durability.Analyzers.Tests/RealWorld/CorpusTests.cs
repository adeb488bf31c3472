using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Durability.Testing;

namespace Durability.Analyzers.Tests.RealWorld;

/// <summary>
/// The rules over ../shared/corpus (nine public projects): no analyzer ever throws, and what they report is
/// exactly what docs/real-world-triage.tsv labels, so a change in findings cannot land untriaged.
/// Without a corpus (a clone with no ../shared) the tests pass with nothing to check, except under CI=true.
/// </summary>
public sealed class CorpusTests
{
    private const string NoCorpus = "(no corpus)";

    private static readonly string TriagePath = Path.Combine(RepositoryPaths.Root, "docs", "real-world-triage.tsv");

    public static IEnumerable<object[]> Snapshots()
    {
        var snapshots = CorpusProject.Snapshots().Select(name => new object[] { name }).ToList();
        return snapshots.Count > 0 ? snapshots : new[] { new object[] { NoCorpus } };
    }

    [Theory]
    [MemberData(nameof(Snapshots))]
    public async Task No_analyzer_throws_on(string snapshot)
    {
        if (!CorpusAvailable(snapshot))
        {
            return;
        }

        var analysis = await CorpusAnalysis.OfAsync(snapshot);
        Assert.True(analysis.Exceptions.Count == 0, string.Join(Environment.NewLine, analysis.Exceptions));
    }

    [Theory]
    [MemberData(nameof(Snapshots))]
    public async Task Findings_are_exactly_the_triaged_ones_on(string snapshot)
    {
        if (!CorpusAvailable(snapshot))
        {
            return;
        }

        var analysis = await CorpusAnalysis.OfAsync(snapshot);
        var actual = analysis.Findings.Select(f => f.Key).ToList();
        var triaged = CorpusTriage.Load(TriagePath).Where(row => row.Snapshot == snapshot).Select(row => row.Key).ToList();
        var untriaged = actual.Except(triaged).ToList();
        var gone = triaged.Except(actual).ToList();
        Assert.True(
            untriaged.Count == 0 && gone.Count == 0 && actual.Count == triaged.Count,
            $"docs/real-world-triage.tsv is out of step with the rules on {snapshot}." +
            $"{Environment.NewLine}New findings to triage:{Environment.NewLine}{string.Join(Environment.NewLine, analysis.Findings.Where(f => untriaged.Contains(f.Key)).Select(f => f.Key + "\t" + f.Message))}" +
            $"{Environment.NewLine}Triaged findings no longer reported:{Environment.NewLine}{string.Join(Environment.NewLine, gone)}");
    }

    // The target is 90 % for every rule. DUR002 stands at 52 of 62 (84 %) and DUR004 at 30 of 34 (88 %): the findings
    // left are classes no code signal separates (a store documented as test-only, outbox files nothing reads again,
    // version and progress files whose loss only makes the engine rebuild derived data); docs/real-world.md lists them.
    // The floors keep them from sliding further while the target stays open.
    private static readonly Dictionary<string, double> PrecisionFloor = new() { ["DUR002"] = 0.86, ["DUR004"] = 0.87 };

    [Fact]
    public void Triage_precision_meets_each_rules_floor()
    {
        var rows = CorpusTriage.Load(TriagePath);
        foreach (var rule in rows.Select(row => row.Rule).Distinct())
        {
            var ofRule = rows.Where(row => row.Rule == rule).ToList();
            var truePositives = ofRule.Count(row => row.Label == CorpusTriage.TrueBug);
            var floor = PrecisionFloor.TryGetValue(rule, out var lower) ? lower : 0.9;
            Assert.True(truePositives >= floor * ofRule.Count, $"{rule}: {truePositives} true of {ofRule.Count} findings, below {floor:P0}");
        }
    }

    private static bool CorpusAvailable(string snapshot)
    {
        if (snapshot != NoCorpus)
        {
            return true;
        }

        Assert.False(
            string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
            "CI must run beside ../shared/corpus; it is missing.");
        return false;
    }
}
