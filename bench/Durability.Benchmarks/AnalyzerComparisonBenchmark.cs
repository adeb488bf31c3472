using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace Durability.Benchmarks;

/// <summary>
/// Side by side in one run: the generated project built in turn with a baseline analyzer assembly and with this
/// repository's, several times each, with -p:ReportAnalyzer=true. Single builds move by about 30 % on a 2-core machine;
/// medians of alternating builds are what a change is judged by.
/// </summary>
internal static class AnalyzerComparisonBenchmark
{
    /// <param name="root">A scratch directory.</param>
    /// <param name="lines">The generated project's size.</param>
    /// <param name="storageEvery">One type in this many is storage code.</param>
    /// <param name="baselineAssembly">The Durability.Analyzers.dll to compare with (built from an earlier revision).</param>
    /// <param name="rounds">Builds with each assembly.</param>
    public static async Task<string> RunAsync(string root, int lines, int storageEvery, string baselineAssembly, int rounds)
    {
        var analyzerProject = Path.Combine(AnalyzerCostBenchmark.RepositoryRoot(), "src", "Durability.Analyzers");
        (await AnalyzerCostBenchmark.RunAsync(analyzerProject, "build", "-c", "Release", "-v:q")).EnsureSuccess();
        var assemblies = new Dictionary<string, string>
        {
            ["baseline"] = CopyTo(Path.Combine(root, "baseline"), Path.GetFullPath(baselineAssembly)),
            ["this tree"] = CopyTo(Path.Combine(root, "current"), Path.Combine(analyzerProject, "bin", "Release", "netstandard2.0", "Durability.Analyzers.dll")),
        };

        var directory = Path.Combine(root, "compared-" + storageEvery);
        GeneratedProject.Write(directory, lines, "$(DurDll)", storageEvery);
        (await AnalyzerCostBenchmark.RunAsync(directory, "build", "-c", "Release", "-v:q", "-p:DurDll=" + assemblies["this tree"])).EnsureSuccess();

        var seconds = assemblies.Keys.ToDictionary(k => k, _ => new Dictionary<string, List<double>>(StringComparer.Ordinal));
        var yardsticks = assemblies.Keys.ToDictionary(k => k, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (variant, assembly) in assemblies)
            {
                Console.Error.WriteLine($"  one type in {storageEvery}, round {round + 1} of {rounds}, {variant}...");
                var build = (await AnalyzerCostBenchmark.RunAsync(directory, "build", "-c", "Release", "--no-incremental", "-p:ReportAnalyzer=true", "-v:d", "-p:DurDll=" + assembly)).EnsureSuccess();
                var analyzers = AnalyzerCostBenchmark.ParseAnalyzers(build.Output);
                var working = AnalyzerCostBenchmark.Working(analyzers.Where(a => AnalyzerCostBenchmark.IsNetAnalyzer(a.Name)));
                yardsticks[variant].Add(working.Count == 0 ? double.NaN : working[working.Count / 2]);
                foreach (var (name, value) in analyzers.Where(a => a.Name.StartsWith("Durability.Analyzers.", StringComparison.Ordinal)))
                {
                    var rule = name[(name.LastIndexOf('.') + 1)..];
                    (seconds[variant].TryGetValue(rule, out var list) ? list : seconds[variant][rule] = new List<double>()).Add(value);
                }
            }
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Generated project: {lines:N0} lines, one type in {storageEvery} storage code; {rounds} alternating builds with each assembly; medians, and in brackets / the median NetAnalyzers analyzer taking >= 5 ms in the same builds.");
        text.AppendLine();
        text.AppendLine("| Analyzer | baseline | this tree |");
        text.AppendLine("|---|---:|---:|");
        var rules = seconds.Values.SelectMany(v => v.Keys).Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal).ToList();
        foreach (var rule in rules)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {rule} | {Cell(seconds["baseline"], yardsticks["baseline"], rule)} | {Cell(seconds["this tree"], yardsticks["this tree"], rule)} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| All DUR rules | {Median(Sums(seconds["baseline"], rounds)):F3} s | {Median(Sums(seconds["this tree"], rounds)):F3} s |");
        return text.ToString();
    }

    private static string CopyTo(string directory, string assembly)
    {
        Directory.CreateDirectory(directory);
        var copy = Path.Combine(directory, "Durability.Analyzers.dll");
        File.Copy(assembly, copy, overwrite: true);
        return copy;
    }

    private static string Cell(Dictionary<string, List<double>> seconds, List<double> yardsticks, string rule) =>
        seconds.TryGetValue(rule, out var values) ? FormattableString.Invariant($"{Median(values):F3} s ({Median(values) / Median(yardsticks):F1}x)") : "-";

    // The sum of the rules in each build, so that the median total comes from whole builds.
    private static List<double> Sums(Dictionary<string, List<double>> seconds, int rounds) =>
        Enumerable.Range(0, rounds).Select(round => seconds.Values.Where(v => v.Count > round).Sum(v => v[round])).ToList();

    private static double Median(List<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }
}
