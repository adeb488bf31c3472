using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Durability.AnalyzerProfile;

// dotnet run -c Release --project bench/Durability.AnalyzerProfile -- <sources> <Durability.Analyzers.dll> [<baseline dll>] [rounds]
//   <sources>: generated:<lines>:<one storage type in N> (the benchmark's generated project) or a folder of C# projects
//   (each folder holding a .csproj is one compilation, as the corpus runner does).
//   --yardstick=<folder>: the SDK's NetAnalyzers (<sdk>/Sdks/Microsoft.NET.Sdk/analyzers) run in the same passes with the
//   Recommended mode's severities; the report adds their median beside the DUR rules.
//   --edit=<word>: instead of whole passes, the IDE's case: ten edits of the first file spelling <word>, each analysed
//   alone in the compilation the edit makes; times are per edit.
// With two assemblies the rounds alternate between them; the first round of each is a warm-up (the JIT) and not counted.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: <generated:LINES:EVERY | folder> <analyzer dll> [<baseline analyzer dll>] [rounds]");
    return 2;
}

var rounds = args.Length > 2 && int.TryParse(args[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var given) ? given : 8;
var assemblies = args.Skip(1).Where(a => a.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToList();
var editMarker = args.FirstOrDefault(a => a.StartsWith("--edit=", StringComparison.Ordinal))?["--edit=".Length..];
var yardstickFolder = args.FirstOrDefault(a => a.StartsWith("--yardstick=", StringComparison.Ordinal))?["--yardstick=".Length..];
var yardstick = yardstickFolder is null ? Yardstick.None : Yardstick.Load(yardstickFolder);
ProfiledSource.Severities = yardstick.Severities;
var sources = ProfiledSources.Load(args[0]);
Console.Error.WriteLine($"{sources.Count} compilations, {sources.Sum(s => s.Trees.Count)} files");

var variants = assemblies.Select((path, i) => new ProfiledAnalyzers(i == 0 ? "this tree" : "baseline", path, yardstick)).ToList();
var results = variants.ToDictionary(v => v, _ => new List<PassResult>());
for (var round = 0; round <= rounds; round++)
{
    foreach (var variant in variants)
    {
        var result = editMarker is null ? AnalyzerPass.Run(sources, variant) : EditPass.Run(sources[0], variant, editMarker, edits: 10);
        if (round > 0)
        {
            results[variant].Add(result);
        }

        Console.Error.WriteLine($"  round {round} {variant.Name}: {result.Wall.TotalMilliseconds:F0} ms, {result.AllocatedBytes / 1_000_000} MB, {result.Diagnostics} diagnostics");
    }
}

Console.WriteLine(ProfileReport.ToMarkdown(editMarker is null ? args[0] : $"{args[0]}, per edit of the file spelling {editMarker}", rounds, results));
return 0;
