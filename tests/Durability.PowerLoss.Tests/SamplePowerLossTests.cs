using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Durability.Testing;
using Xunit.Abstractions;

namespace Durability.PowerLoss.Tests;

/// <summary>
/// DUR001's findings in samples/LegacyStorage are real data loss: the event store (EventStore.cs, writer.Flush())
/// and the LSM tree's memtable WAL (LsmTree.cs, _wal.Flush()) acknowledge writes that a power cut then takes away.
/// The same engines after <c>dotnet format analyzers</c> lose nothing. Each engine is written by a driver process
/// that prints a key only after the write returned, killed, and read back after the cut.
/// </summary>
public sealed class SamplePowerLossTests : IDisposable
{
    private const int Rounds = 3;
    private static readonly string[] Engines = { "event", "lsm" };

    private readonly ITestOutputHelper _output;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "durability-powerloss-" + Guid.NewGuid().ToString("N"));

    public SamplePowerLossTests(ITestOutputHelper output) => _output = output;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [SkippableFact]
    public async Task The_flagged_engines_lose_acknowledged_writes_and_the_fixed_ones_do_not()
    {
        using var lazyFs = LazyFs.MountOrSkip();
        var unfixed = await BuildDriverAsync("unfixed", format: false);
        var fixedDriver = await BuildDriverAsync("fixed", format: true);

        var lostBefore = await LoseAsync(lazyFs, unfixed, "unfixed");
        var lostAfter = await LoseAsync(lazyFs, fixedDriver, "fixed");
        foreach (var engine in Engines)
        {
            _output.WriteLine($"{engine}: {Rounds} rounds; before dotnet format {lostBefore[engine].Lost} of {lostBefore[engine].Acknowledged} acknowledged writes lost, after {lostAfter[engine].Lost} of {lostAfter[engine].Acknowledged}");
        }

        foreach (var engine in Engines)
        {
            Assert.True(lostBefore[engine].Lost > 0, $"{engine}: the unfixed engine lost nothing, so the power cut shows nothing");
            Assert.Equal(0, lostAfter[engine].Lost);
        }
    }

    // Each round: run the driver until killed, cut the power, read back, count acknowledged keys that are gone.
    private async Task<Dictionary<string, (int Acknowledged, int Lost)>> LoseAsync(LazyFs lazyFs, string driver, string name)
    {
        var totals = Engines.ToDictionary(engine => engine, _ => (Acknowledged: 0, Lost: 0));
        for (var round = 0; round < Rounds; round++)
        {
            var data = Path.Combine(lazyFs.MountPath, $"{name}-{round}");
            var acknowledged = KilledWriter.RunAndKill(driver, TimeSpan.FromMilliseconds(300), "write", data);
            lazyFs.PowerCut();
            var count = acknowledged.Count.ToString(CultureInfo.InvariantCulture);
            var read = (await DotnetCli.RunAsync(_work, null, driver, "read", data, count)).EnsureSuccess($"reading {name} round {round} back");
            var present = read.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
            foreach (var engine in Engines)
            {
                var written = acknowledged.Where(line => line.StartsWith(engine + " ", StringComparison.Ordinal)).ToList();
                var (known, lost) = totals[engine];
                totals[engine] = (known + written.Count, lost + written.Count(line => !present.Contains(line)));
            }
        }

        return totals;
    }

    // A copy of the sample (formatted or not) and a driver over it, built; returns the driver's dll.
    private async Task<string> BuildDriverAsync(string name, bool format)
    {
        var sample = Path.Combine(_work, name, "LegacyStorage");
        Directory.CreateDirectory(sample);
        var source = Path.Combine(RepositoryPaths.Root, "samples", "LegacyStorage");
        foreach (var file in Directory.GetFiles(source, "*.cs"))
        {
            File.Copy(file, Path.Combine(sample, Path.GetFileName(file)));
        }

        var project = File.ReadAllText(Path.Combine(source, "LegacyStorage.csproj"))
            .Replace(@"..\..\src\", Path.Combine(RepositoryPaths.Root, "src") + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            .Replace("</TargetFramework>", "</TargetFramework><Nullable>enable</Nullable>", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(sample, "LegacyStorage.csproj"), project);
        if (format)
        {
            (await DotnetCli.RunAsync(sample, null, "format", "analyzers", "--diagnostics", "DUR001", "DUR002", "DUR003", "DUR004", "DUR005", "--severity", "warn"))
                .EnsureSuccess("dotnet format");
            Assert.Contains("_wal.Flush(flushToDisk: true);", File.ReadAllText(Path.Combine(sample, "LsmTree.cs")));
            Assert.Contains("Fsync.File(writer);", File.ReadAllText(Path.Combine(sample, "EventStore.cs")));
        }

        var driver = Path.Combine(_work, name, "Driver");
        Directory.CreateDirectory(driver);
        File.WriteAllText(Path.Combine(driver, "Driver.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
              <ItemGroup><ProjectReference Include="{Path.Combine(sample, "LegacyStorage.csproj")}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(driver, "Program.cs"), DriverSource);
        (await DotnetCli.RunAsync(driver, null, "build", "-nologo", "-v:q", "-o", Path.Combine(driver, "out"))).EnsureSuccess($"building the {name} driver");
        return Path.Combine(driver, "out", "Driver.dll");
    }

    // "write <data>": event store and LSM tree writes, each printed after it returned. "read <data> <n>": what survived.
    private const string DriverSource = """
        using System;
        using System.IO;
        using LegacyStorage;

        var data = args[1];
        if (args[0] == "write")
        {
            var events = new EventStore(Path.Combine(data, "events"));
            using var lsm = new LsmTree(Path.Combine(data, "lsm"), memtableLimit: 1_000_000);
            for (var n = 0; ; n++)
            {
                events.Persist(new StoredEvent("orders", "Placed", $"e{n}"));
                Console.WriteLine($"event e{n}");
                lsm.Put($"k{n}", "v");
                Console.WriteLine($"lsm k{n}");
                Console.Out.Flush();
            }
        }

        foreach (var stored in new EventStore(Path.Combine(data, "events")).Read("orders"))
        {
            Console.WriteLine($"event {stored.Data}");
        }

        using var reader = new LsmTree(Path.Combine(data, "lsm"), memtableLimit: int.MaxValue);
        var count = int.Parse(args[2]);
        for (var n = 0; n < count; n++)
        {
            if (reader.Get($"k{n}") is not null)
            {
                Console.WriteLine($"lsm k{n}");
            }
        }
        """;
}
