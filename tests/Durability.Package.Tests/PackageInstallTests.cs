using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using Durability.Testing;

namespace Durability.Package.Tests;

/// <summary>The packed Durability.Analyzers package, installed from a local source into a fresh project, reports at build time.</summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class PackageInstallTests
{
    private readonly PackedPackages _packages;

    public PackageInstallTests(PackedPackages packages) => _packages = packages;

    [Fact]
    public void Analyzer_package_holds_the_analyzers_and_nothing_from_Roslyn()
    {
        using var package = ZipFile.OpenRead(Path.Combine(_packages.Source, $"Durability.Analyzers.{_packages.Version}.nupkg"));
        var files = package.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("package/") && !n.StartsWith("_rels/") && n != "[Content_Types].xml").OrderBy(n => n, System.StringComparer.Ordinal).ToArray();
        Assert.Equal(
            new[] { "Durability.Analyzers.nuspec", "LICENSE", "README.md", "analyzers/dotnet/cs/Durability.Analyzers.dll", "analyzers/dotnet/cs/Durability.CodeFixes.dll" },
            files);

        using var nuspec = new StreamReader(package.GetEntry("Durability.Analyzers.nuspec")!.Open());
        var manifest = nuspec.ReadToEnd();
        Assert.Contains("<developmentDependency>true</developmentDependency>", manifest);
        Assert.Contains($"<dependency id=\"Durability.Runtime\" version=\"{_packages.Version}\"", manifest);
        Assert.DoesNotContain("Microsoft.CodeAnalysis", manifest);
    }

    [Fact]
    public async Task Installed_package_reports_its_rules_in_dotnet_build_and_runtime_calls_compile()
    {
        var project = _packages.CreateConsumerProject("WalConsumer", "SegmentWal.cs", """
            using System.IO;
            using Durability.Runtime;

            namespace WalConsumer;

            public sealed class SegmentWal
            {
                private readonly FileStream _segment = new("segment.wal", FileMode.Append);
                private readonly StreamWriter _index = new("segment.idx");

                public void Append(byte[] record)
                {
                    _segment.Write(record);
                    _segment.Flush();
                }

                public void Index(string line)
                {
                    _index.WriteLine(line);
                    _index.Flush();
                    Fsync.File(_index);
                }
            }
            """);

        var build = await DotnetCli.RunAsync(project, null, "build", "-nologo", "-v:q", "-clp:NoSummary");

        build.EnsureSuccess("dotnet build of the consumer");
        var warnings = build.Output.Split('\n')
            .Where(line => line.Contains("warning DUR"))
            .Select(line => line.Substring(line.IndexOf("SegmentWal.cs", System.StringComparison.Ordinal)).Trim())
            .Distinct()
            .OrderBy(line => line, System.StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(
            new[]
            {
                "SegmentWal.cs(14,9): warning DUR001: Flush of '_segment' stops at the OS page cache and '_segment' is never fsynced: its data is lost on power failure (https://github.com/durability-analyzers/durability-analyzers/blob/main/docs/rules/DUR001.md) [" + Path.Combine(project, "WalConsumer.csproj") + "]",
                "SegmentWal.cs(8,44): warning DUR002: Creating '\"segment.wal\"' is not followed by an fsync of the directory of '\"segment.wal\"': after a crash the new file can be missing (https://github.com/durability-analyzers/durability-analyzers/blob/main/docs/rules/DUR002.md) [" + Path.Combine(project, "WalConsumer.csproj") + "]",
                "SegmentWal.cs(9,44): warning DUR002: Creating '\"segment.idx\"' is not followed by an fsync of the directory of '\"segment.idx\"': after a crash the new file can be missing (https://github.com/durability-analyzers/durability-analyzers/blob/main/docs/rules/DUR002.md) [" + Path.Combine(project, "WalConsumer.csproj") + "]",
            },
            warnings);
    }
}
