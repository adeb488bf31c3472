using System;
using System.IO;
using System.Threading.Tasks;
using Durability.Benchmarks;

// dotnet run -c Release --project bench/Durability.Benchmarks -- [quick|full] [wal] [replay] [crc] [analyzers]
//   or -- quick compare <baseline Durability.Analyzers.dll> [rounds]
// With no section named, all run. Results go to stdout as Markdown, progress to stderr.
var full = Array.IndexOf(args, "full") >= 0;
bool Wants(string section) => Array.TrueForAll(args, a => a is "quick" or "full") || Array.IndexOf(args, section) >= 0;
var root = Path.Combine(Path.GetTempPath(), "durability-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(root);
var report = new Report(full ? "full" : "quick");
try
{
    if (Wants("wal"))
    {
        Console.Error.WriteLine("WAL appends...");
        report.Wal(await WalBenchmark.RunAsync(TimeSpan.FromSeconds(full ? 10 : 1.5), root));
    }

    if (Wants("replay"))
    {
        Console.Error.WriteLine("Replay...");
        report.Replay(ReplayBenchmark.Run(root, full ? 1L << 30 : 128L << 20));
    }

    if (Wants("crc"))
    {
        Console.Error.WriteLine("CRC32C...");
        report.Crc(CrcBenchmark.Run(full ? 4 : 1));
    }

    // compare <baseline Durability.Analyzers.dll> [rounds]: alternating builds against an earlier analyzer assembly.
    if (Array.IndexOf(args, "compare") is var compare and >= 0 && compare + 1 < args.Length)
    {
        var rounds = compare + 2 < args.Length && int.TryParse(args[compare + 2], out var given) ? given : 4;
        Console.Error.WriteLine("Analyzer cost against a baseline...");
        foreach (var storageEvery in new[] { 3, 20 })
        {
            Console.WriteLine(await AnalyzerComparisonBenchmark.RunAsync(root, full ? 200_000 : 60_000, storageEvery, args[compare + 1], rounds));
        }
    }

    if (Wants("analyzers"))
    {
        Console.Error.WriteLine("Analyzer cost...");
        foreach (var storageEvery in new[] { 3, 20 })
        {
            report.Analyzers(await AnalyzerCostBenchmark.RunAsync(root, full ? 200_000 : 60_000, storageEvery));
        }
    }
}
finally
{
    Directory.Delete(root, recursive: true);
}

Console.WriteLine(report.ToMarkdown());
