using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Durability.Testing;

namespace Durability.Package.Tests;

/// <summary>
/// The three ways users meet the package, on the LegacyStorage sample through the packed package:
/// build warnings, a -warnaserror CI gate with a SARIF log, and a bulk fix with dotnet format.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class EndToEndTests
{
    private static readonly Regex Warning = new(@"(?<file>[A-Za-z]+\.cs)\((?<line>\d+),\d+\): (?<level>warning|error) (?<id>DUR\d{3})", RegexOptions.CultureInvariant);

    private readonly PackedPackages _packages;

    public EndToEndTests(PackedPackages packages) => _packages = packages;

    [Fact]
    public async Task Sample_is_flagged_gated_logged_and_fixed_in_bulk()
    {
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "LegacyStorage");
        var files = Directory.GetFiles(sample, "*.cs").ToDictionary(path => Path.GetFileName(path), File.ReadAllText);
        var project = _packages.CreateConsumerProject("LegacyStorage", files);
        var expected = File.ReadAllLines(Path.Combine(sample, "expected-diagnostics.txt")).Where(l => l.Length > 0).ToArray();

        // 1. dotnet build reports exactly the expected diagnostics.
        var build = (await DotnetCli.RunAsync(project, null, "build", "-nologo", "--no-incremental")).EnsureSuccess("dotnet build");
        Assert.Equal(expected, Findings(build.Output, "warning"));

        // 2. The CI gate: -warnaserror fails and names every rule.
        var gate = await DotnetCli.RunAsync(project, null, "build", "-nologo", "--no-incremental", "-warnaserror");
        Assert.NotEqual(0, gate.ExitCode);
        Assert.Equal(expected, Findings(gate.Output, "error"));

        // 3. A SARIF log holds them.
        var sarifPath = Path.Combine(project, "durability.sarif");
        (await DotnetCli.RunAsync(project, null, "build", "-nologo", "--no-incremental", $"-p:ErrorLog={sarifPath},version=2.1")).EnsureSuccess("dotnet build with ErrorLog");
        Assert.Equal(expected.Length, SarifRuleIds(sarifPath).Count(id => id.StartsWith("DUR", StringComparison.Ordinal)));
        Assert.Equal(new[] { "DUR001", "DUR002", "DUR003", "DUR004" }, SarifRuleIds(sarifPath).Where(id => id.StartsWith("DUR", StringComparison.Ordinal)).Distinct().Order());

        // 4. dotnet format fixes them in bulk; the rebuilt code reports nothing and passes the gate.
        (await DotnetCli.RunAsync(project, null, "format", "analyzers", "--diagnostics", "DUR001", "DUR002", "DUR003", "DUR004", "--severity", "warn")).EnsureSuccess("dotnet format");
        var fixedBuild = (await DotnetCli.RunAsync(project, null, "build", "-nologo", "--no-incremental", "-warnaserror")).EnsureSuccess("dotnet build -warnaserror after dotnet format");
        Assert.Empty(Findings(fixedBuild.Output, "warning").Concat(Findings(fixedBuild.Output, "error")));
        Assert.Contains("Fsync.File(writer);", File.ReadAllText(Path.Combine(project, "EventStore.cs")));
        Assert.Contains("_wal.Flush(flushToDisk: true);", File.ReadAllText(Path.Combine(project, "LsmTree.cs")));
        Assert.Contains("file.Flush(flushToDisk: true);", File.ReadAllText(Path.Combine(project, "SnapshotStore.cs")));
        Assert.Contains("DurableFile.WriteAllText(", File.ReadAllText(Path.Combine(project, "SnapshotStore.cs")));

        // 5. The fixed engines still work: a writer process is killed and nothing it acknowledged is lost.
        await KilledWriterOfTheFixedEnginesLosesNothing(project);
    }

    private async Task KilledWriterOfTheFixedEnginesLosesNothing(string fixedProject)
    {
        var driver = _packages.CreateConsumerProject(
            "EngineDriver",
            new Dictionary<string, string> { ["Program.cs"] = EngineDriverSource },
            $"""<PropertyGroup><OutputType>Exe</OutputType></PropertyGroup><ItemGroup><ProjectReference Include="{Path.Combine(fixedProject, "LegacyStorage.csproj")}" /></ItemGroup>""");
        (await DotnetCli.RunAsync(driver, null, "build", "-nologo", "-v:q")).EnsureSuccess("dotnet build of the engine driver");
        var program = Path.Combine(driver, "bin", "Debug", "net10.0", "EngineDriver.dll");
        var data = Path.Combine(driver, "data");

        for (var kill = 0; kill < 3; kill++)
        {
            var acknowledged = await RunUntilKilledAsync(program, data, kill);
            var read = (await DotnetCli.RunAsync(driver, null, program, "read", data)).EnsureSuccess("reading the engines back");
            var present = read.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
            Assert.NotEmpty(acknowledged);
            var lost = acknowledged.Where(ack => !present.Contains(ack)).ToList();
            Assert.True(lost.Count == 0, $"round {kill}: {lost.Count} acknowledged writes lost, first {lost.FirstOrDefault()}");
        }
    }

    private static async Task<List<string>> RunUntilKilledAsync(string program, string data, int round)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { program, "write", data, round.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var acknowledged = new List<string>();
        while (acknowledged.Count < 200 && await process.StandardOutput.ReadLineAsync() is { } line)
        {
            acknowledged.Add(line.Trim());
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        return acknowledged.Where(a => a.StartsWith("wal ", StringComparison.Ordinal) || a.StartsWith("lsm ", StringComparison.Ordinal)).ToList();
    }

    // Writes through the fixed WAL and LSM tree, printing each key only after its write returned; "read" prints what survived.
    private const string EngineDriverSource = """
        using System;
        using System.IO;
        using LegacyStorage;

        var data = args[1];
        if (args[0] == "write")
        {
            var round = args[2];
            using var wal = new WriteAheadLog(Path.Combine(data, "wal"), SyncMode.Sync, maxSegmentBytes: 8192);
            using var lsm = new LsmTree(Path.Combine(data, "lsm"), memtableLimit: 50);
            for (var n = 0; ; n++)
            {
                wal.Append($"r{round}-{n}", new byte[64]);
                Console.WriteLine($"wal r{round}-{n}");
                lsm.Put($"r{round}-{n}", "v");
                Console.WriteLine($"lsm r{round}-{n}");
                Console.Out.Flush();
            }
        }

        foreach (var (key, _) in WriteAheadLog.ReadAll(Path.Combine(data, "wal")))
        {
            Console.WriteLine($"wal {key}");
        }

        using var reader = new LsmTree(Path.Combine(data, "lsm"), memtableLimit: int.MaxValue);
        for (var round = 0; round < 3; round++)
        {
            for (var n = 0; n < 1000; n++)
            {
                if (reader.Get($"r{round}-{n}") is not null)
                {
                    Console.WriteLine($"lsm r{round}-{n}");
                }
            }
        }
        """;

    private static string[] Findings(string output, string level) =>
        Warning.Matches(output)
            .Where(m => m.Groups["level"].Value == level)
            .Select(m => $"{m.Groups["file"].Value}:{m.Groups["line"].Value}: {m.Groups["id"].Value}")
            .Distinct()
            .OrderBy(line => line, StringComparer.Ordinal)
            .ToArray();

    private static IEnumerable<string> SarifRuleIds(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            foreach (var result in run.GetProperty("results").EnumerateArray())
            {
                yield return result.GetProperty("ruleId").GetString()!;
            }
        }
    }
}
