using System.Collections.Immutable;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Durability.AnalyzerProfile;

/// <summary>Minimum and median over the counted rounds, per analyzer, for each build side by side.</summary>
internal static class ProfileReport
{
    public static string ToMarkdown(string sources, int rounds, Dictionary<ProfiledAnalyzers, List<PassResult>> results)
    {
        var builds = results.Keys.ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"In-process, one thread, warm; {sources}; {rounds} rounds of each build, alternating. Minimum / median ms.");
        text.AppendLine();
        text.AppendLine("| | " + string.Join(" | ", builds.Select(b => b.Name)) + " |");
        text.AppendLine("|---|" + string.Concat(builds.Select(_ => "---:|")));
        var durability = builds[0].Durability;
        var analyzers = results.Values.SelectMany(r => r).SelectMany(r => r.PerAnalyzer.Keys).Distinct().Where(durability.Contains).OrderBy(n => n, System.StringComparer.Ordinal);
        foreach (var analyzer in analyzers)
        {
            text.AppendLine($"| {analyzer} | " + string.Join(" | ", builds.Select(b => Cell(results[b].Select(r => r.PerAnalyzer.TryGetValue(analyzer, out var t) ? t.TotalMilliseconds : 0)))) + " |");
        }

        text.AppendLine("| all, callbacks | " + string.Join(" | ", builds.Select(b => Cell(results[b].Select(r => r.PerAnalyzer.Where(p => durability.Contains(p.Key)).Sum(p => p.Value.TotalMilliseconds))))) + " |");
        if (results.Values.SelectMany(r => r).Any(r => r.PerAnalyzer.Keys.Any(k => !durability.Contains(k))))
        {
            // The yardstick's analyzers that did any work in the pass (most find nothing to look at), and their median.
            static List<double> Working(PassResult r, ImmutableHashSet<string> durability, double least = 0.05) =>
                r.PerAnalyzer.Where(p => !durability.Contains(p.Key) && p.Value.TotalMilliseconds >= least).Select(p => p.Value.TotalMilliseconds).OrderBy(v => v).ToList();
            text.AppendLine("| NetAnalyzers taking >= 0.05 ms, count | " + string.Join(" | ", builds.Select(b => Cell(results[b].Select(r => (double)Working(r, durability).Count)))) + " |");
            text.AppendLine("| NetAnalyzers taking >= 0.05 ms, median analyzer | " + string.Join(" | ", builds.Select(b => Cell(results[b].Select(r => Working(r, durability) is { Count: > 0 } w ? w[w.Count / 2] : 0)))) + " |");
            text.AppendLine("| NetAnalyzers taking >= 5 ms, count | " + string.Join(" | ", builds.Select(b => Cell(results[b].Select(r => (double)Working(r, durability, 5).Count)))) + " |");
            text.AppendLine("| NetAnalyzers taking >= 5 ms, median analyzer | " + string.Join(" | ", builds.Select(b => Cell(results[b].Select(r => Working(r, durability, 5) is { Count: > 0 } w ? w[w.Count / 2] : 0)))) + " |");
            text.AppendLine("| NetAnalyzers, all | " + string.Join(" | ", builds.Select(b => Cell(results[b].Select(r => r.PerAnalyzer.Where(p => !durability.Contains(p.Key)).Sum(p => p.Value.TotalMilliseconds))))) + " |");
        }

        text.AppendLine("| all, wall of the pass | " + string.Join(" | ", builds.Select(b => Cell(results[b].Select(r => r.Wall.TotalMilliseconds)))) + " |");
        text.AppendLine("| all, processor time of the pass | " + string.Join(" | ", builds.Select(b => Cell(results[b].Select(r => r.Cpu.TotalMilliseconds)))) + " |");
        text.AppendLine("| allocated, MB | " + string.Join(" | ", builds.Select(b => Cell(results[b].Select(r => r.AllocatedBytes / 1e6)))) + " |");
        text.AppendLine("| diagnostics | " + string.Join(" | ", builds.Select(b => results[b].Count == 0 ? "-" : results[b][0].Diagnostics.ToString(CultureInfo.InvariantCulture))) + " |");
        return text.ToString();
    }

    private static string Cell(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{sorted[0]:F1} / {sorted[sorted.Count / 2]:F1}");
    }
}
