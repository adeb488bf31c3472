using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Durability.Testing;

namespace Durability.Package.Tests;

/// <summary>
/// Storage libraries often target netstandard2.0 or .NET Framework. Installed there, the package reports its rules,
/// brings Durability.Runtime's netstandard2.0 build, and <c>dotnet format</c> fixes every finding into code that
/// builds with <c>-warnaserror</c>, in C# 7.3 as those projects default to.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class OlderFrameworkTests
{
    private static readonly Regex Finding = new(@"(?<file>\w+\.cs)\((?<line>\d+),\d+\): (?<level>warning|error) (?<id>DUR\d{3})", RegexOptions.CultureInvariant);

    private readonly PackedPackages _packages;

    public OlderFrameworkTests(PackedPackages packages) => _packages = packages;

    [Theory]
    [InlineData("netstandard2.0")]
    [InlineData("net48")]
    public async Task Every_finding_is_fixed_by_dotnet_format_and_the_result_builds_with_warnaserror(string targetFramework)
    {
        var project = _packages.CreateConsumerProject(
            "Storage" + targetFramework.Replace(".", string.Empty, StringComparison.Ordinal),
            new Dictionary<string, string> { ["SegmentStore.cs"] = StorageSource },
            targetFramework: targetFramework);

        var build = (await DotnetCli.RunAsync(project, null, "build", "-nologo", "--no-incremental")).EnsureSuccess($"dotnet build ({targetFramework})");
        Assert.Equal(
            new[]
            {
                "SegmentStore.cs:20: DUR001",
                "SegmentStore.cs:27: DUR005",
                "SegmentStore.cs:39: DUR002",
                "SegmentStore.cs:39: DUR004",
                "SegmentStore.cs:44: DUR002",
            },
            Findings(build.Output));

        (await DotnetCli.RunAsync(project, null, "format", "analyzers", "--diagnostics", "DUR001", "DUR002", "DUR003", "DUR004", "DUR005", "--severity", "warn"))
            .EnsureSuccess($"dotnet format ({targetFramework})");
        var gate = await DotnetCli.RunAsync(project, null, "build", "-nologo", "--no-incremental", "-warnaserror");
        gate.EnsureSuccess($"dotnet build -warnaserror after dotnet format ({targetFramework})");
        Assert.Empty(Findings(gate.Output));

        var fixedSource = File.ReadAllText(Path.Combine(project, "SegmentStore.cs"));
        Assert.Contains("_segment.Flush(flushToDisk: true);", fixedSource);
        Assert.Contains("DurableFile.WriteAllText(", fixedSource);
        Assert.Contains("Fsync.Directory(_directory);", fixedSource);
        Assert.Contains("throw;", fixedSource);
    }

    private static string[] Findings(string output) =>
        Finding.Matches(output)
            .Select(m => $"{m.Groups["file"].Value}:{m.Groups["line"].Value}: {m.Groups["id"].Value}")
            .Distinct()
            .OrderBy(line => line, StringComparer.Ordinal)
            .ToArray();

    // C# 7.3: what netstandard2.0 and .NET Framework projects compile by default.
    private const string StorageSource = """
        using System;
        using System.IO;

        namespace Storage
        {
            public sealed class SegmentStore : IDisposable
            {
                private readonly string _directory;
                private readonly FileStream _segment;

                public SegmentStore(string directory, FileStream segment)
                {
                    _directory = directory;
                    _segment = segment;
                }

                public void Append(byte[] record)
                {
                    _segment.Write(record, 0, record.Length);
                    _segment.Flush();
                }

                public bool TryCommit(FileStream index)
                {
                    try
                    {
                        index.Flush(true);
                        return true;
                    }
                    catch (IOException)
                    {
                        return false;
                    }
                }

                public void SaveManifest(string json)
                {
                    File.WriteAllText(Path.Combine(_directory, "MANIFEST.tmp"), json);
                    File.Replace(Path.Combine(_directory, "MANIFEST.tmp"), Path.Combine(_directory, "MANIFEST"), null);
                }

                public void Seal(string name)
                {
                    File.Move(Path.Combine(_directory, "active"), Path.Combine(_directory, name));
                }

                public void Dispose() => _segment.Dispose();
            }
        }
        """;
}
