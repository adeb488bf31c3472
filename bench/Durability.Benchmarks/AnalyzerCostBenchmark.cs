using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Durability.Benchmarks;

/// <summary>
/// Builds a generated project with -p:ReportAnalyzer=true and compares the DUR analyzers' time with the
/// whole compile and with the NetAnalyzers analyzers in the same build.
/// </summary>
internal static class AnalyzerCostBenchmark
{
    public sealed record Result(int Lines, double CompileSeconds, double DurSeconds, double NetAnalyzersSeconds, double MedianNetAnalyzerSeconds, string Detail);

    // "   0.123   12   Namespace.TypeAnalyzer (CA1234, CA5678)" under each analyzer assembly.
    private static readonly Regex AnalyzerLine = new(@"^\s*(?<seconds>[0-9]+[.,][0-9]+|<0[.,]001)\s+(?<percent>[0-9<]+)\s+(?<name>[A-Za-z][\w.`+]*)(?<ids>\s*\(.*\))?\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex TotalLine = new(@"Total analyzer execution time:\s*(?<seconds>[0-9]+[.,][0-9]+)", RegexOptions.CultureInvariant);
    private static readonly Regex CscTime = new(@"(?<ms>[0-9]+) ms\s+Csc\s+1 calls", RegexOptions.CultureInvariant);

    /// <param name="storageEvery">One type in this many is storage code dense with the rules' patterns; the rest is ordinary code.</param>
    public static async Task<Result> RunAsync(string root, int lines, int storageEvery)
    {
        var directory = Path.Combine(root, "generated-" + storageEvery);
        var analyzerProject = Path.Combine(RepositoryRoot(), "src", "Durability.Analyzers");
        (await RunAsync(analyzerProject, "build", "-c", "Release", "-v:q")).EnsureSuccess();
        GeneratedProject.Write(directory, lines, Path.Combine(analyzerProject, "bin", "Release", "netstandard2.0", "Durability.Analyzers.dll"), storageEvery);
        (await RunAsync(directory, "build", "-c", "Release", "-v:q")).EnsureSuccess();
        var build = (await RunAsync(directory, "build", "-c", "Release", "--no-incremental", "-p:ReportAnalyzer=true", "-v:d", "-clp:PerformanceSummary")).EnsureSuccess();
        File.WriteAllText(Path.Combine(root, $"analyzer-build-{storageEvery}.log"), build.Output);

        var analyzers = ParseAnalyzers(build.Output);
        var dur = analyzers.Where(a => a.Name.StartsWith("Durability.Analyzers.", StringComparison.Ordinal)).ToList();
        var net = analyzers.Where(a => IsNetAnalyzer(a.Name)).ToList();
        var compileSeconds = CscTime.Match(build.Output) is { Success: true } csc ? double.Parse(csc.Groups["ms"].Value, CultureInfo.InvariantCulture) / 1000 : double.NaN;
        var durSeconds = dur.Sum(a => a.Seconds);
        var netSeconds = net.Sum(a => a.Seconds);
        var median = net.Count == 0 ? double.NaN : net.Select(a => a.Seconds).OrderBy(s => s).ElementAt(net.Count / 2);
        // Most NetAnalyzers analyzers find nothing to look at in this code and report under a millisecond; the median of those that do work is the fairer yardstick.
        var working = Working(net);
        var workingMedian = working.Count == 0 ? double.NaN : working[working.Count / 2];

        var detail = new StringBuilder();
        detail.AppendLine(CultureInfo.InvariantCulture, $"Generated project: {lines:N0} lines, one type in {storageEvery} storage code; Csc task {compileSeconds:F2} s (whole compile, analyzers included); {analyzers.Count} analyzers reported.");
        detail.AppendLine();
        detail.AppendLine("| Analyzer | Seconds | Share of compile | / median NetAnalyzers analyzer | / median of those taking >= 5 ms |");
        detail.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var analyzer in dur)
        {
            detail.AppendLine(CultureInfo.InvariantCulture, $"| {analyzer.Name} | {analyzer.Seconds:F3} | {analyzer.Seconds / compileSeconds:P2} | {analyzer.Seconds / median:F1}x | {analyzer.Seconds / workingMedian:F2}x |");
        }

        detail.AppendLine(CultureInfo.InvariantCulture, $"| All DUR rules | {durSeconds:F3} | {durSeconds / compileSeconds:P2} | | |");
        detail.AppendLine(CultureInfo.InvariantCulture, $"| NetAnalyzers ({net.Count} analyzers; {working.Count} take >= 5 ms) | {netSeconds:F3} | {netSeconds / compileSeconds:P2} | median {median:F3} s | median {workingMedian:F3} s |");
        detail.AppendLine();
        detail.AppendLine("Targets: all DUR rules at most 2 % of compile time; each cheaper than the median NetAnalyzers analyzer.");
        return new Result(lines, compileSeconds, durSeconds, netSeconds, median, detail.ToString());
    }

    /// <summary>True for an analyzer of the SDK's NetAnalyzers, the yardstick.</summary>
    internal static bool IsNetAnalyzer(string name) =>
        name.StartsWith("Microsoft.CodeQuality", StringComparison.Ordinal) || name.StartsWith("Microsoft.NetCore", StringComparison.Ordinal) ||
        name.StartsWith("Microsoft.CodeAnalysis.NetAnalyzers", StringComparison.Ordinal);

    /// <summary>The times, in order, of the analyzers that took at least 5 ms: those that found something to do.</summary>
    internal static List<double> Working(IEnumerable<(string Name, double Seconds)> analyzers) =>
        analyzers.Where(a => a.Seconds >= 0.005).Select(a => a.Seconds).OrderBy(s => s).ToList();

    internal static List<(string Name, double Seconds)> ParseAnalyzers(string output)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in output.Split('\n'))
        {
            var match = AnalyzerLine.Match(raw.TrimEnd('\r'));
            if (!match.Success || !match.Groups["name"].Value.Contains("Analyzer", StringComparison.Ordinal) || match.Groups["name"].Value.Contains(", Version", StringComparison.Ordinal))
            {
                continue;
            }

            var text = match.Groups["seconds"].Value.Replace(',', '.');
            var seconds = text.StartsWith('<') ? 0.0005 : double.Parse(text, CultureInfo.InvariantCulture);
            result[match.Groups["name"].Value] = Math.Max(seconds, result.GetValueOrDefault(match.Groups["name"].Value));
        }

        return result.Select(kv => (kv.Key, kv.Value)).ToList();
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    internal static (int ExitCode, string Output) EnsureSuccess(this (int ExitCode, string Output) result) =>
        result.ExitCode == 0 ? result : throw new InvalidOperationException("dotnet build failed:\n" + result.Output[^Math.Min(4000, result.Output.Length)..]);

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
