using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Durability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Durability.Analyzers.Tests.RealWorld;

/// <summary>
/// One project folder of ../shared/corpus compiled as the corpus runner compiles it: the folder's .cs files
/// that no nested project claims, against the framework only (NuGet dependencies stay unresolved, as in an
/// IDE during a restore), with the SDK's implicit usings where the project enables them.
/// </summary>
internal sealed record CorpusProject(string Snapshot, string Directory, IReadOnlyList<string> Files)
{
    private const string ImplicitUsings =
        "global using global::System;\nglobal using global::System.Collections.Generic;\nglobal using global::System.IO;\n" +
        "global using global::System.Linq;\nglobal using global::System.Net.Http;\nglobal using global::System.Threading;\n" +
        "global using global::System.Threading.Tasks;\n";

    private static readonly Regex ImplicitUsingsEnabled = new(@"<ImplicitUsings>\s*(enable|true)\s*</ImplicitUsings>", RegexOptions.IgnoreCase);

    private static readonly CSharpParseOptions ParseOptions = new(
        LanguageVersion.Preview,
        preprocessorSymbols: new[] { "NET", "NETCOREAPP", "NET5_0_OR_GREATER", "NET6_0_OR_GREATER", "NET7_0_OR_GREATER", "NET8_0_OR_GREATER", "RELEASE", "TRACE" });

    /// <summary>../shared/corpus beside the repository, or null when this machine has no copy of it.</summary>
    public static string? CorpusRoot
    {
        get
        {
            var root = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "corpus"));
            return System.IO.Directory.Exists(root) ? root : null;
        }
    }

    /// <summary>The snapshot folder names, sorted; empty without a corpus.</summary>
    public static IEnumerable<string> Snapshots() =>
        CorpusRoot is { } root
            ? System.IO.Directory.GetDirectories(root).Select(Path.GetFileName).OrderBy(name => name, StringComparer.Ordinal)!
            : Enumerable.Empty<string>();

    /// <summary>The projects of one snapshot, innermost folders first, as the runner groups them.</summary>
    public static List<CorpusProject> Load(string snapshot)
    {
        var root = Path.Combine(CorpusRoot ?? throw new InvalidOperationException("no corpus"), snapshot);
        var projectDirectories = System.IO.Directory.GetFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(path))
            .Select(path => Path.GetDirectoryName(path)!)
            .Distinct()
            .OrderByDescending(directory => directory.Length)
            .ThenBy(directory => directory, StringComparer.Ordinal)
            .ToList();
        if (projectDirectories.Count == 0)
        {
            projectDirectories.Add(root);
        }

        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var projects = new List<CorpusProject>();
        foreach (var directory in projectDirectories)
        {
            var files = System.IO.Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories)
                .Where(file => !IsBuildOutput(file) && claimed.Add(file))
                .OrderBy(file => file, StringComparer.Ordinal)
                .ToList();
            if (files.Count > 0)
            {
                projects.Add(new CorpusProject(snapshot, directory, files));
            }
        }

        return projects;
    }

    public CSharpCompilation Compile()
    {
        var trees = Files.Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), ParseOptions, file)).ToList();
        if (UsesImplicitUsings())
        {
            trees.Add(CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions, Path.Combine(Directory, "obj", "GlobalUsings.g.cs")));
        }

        return CSharpCompilation.Create(
            Path.GetFileName(Directory),
            trees,
            TestReferences.Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
    }

    private bool UsesImplicitUsings()
    {
        var root = Path.Combine(CorpusRoot!, Snapshot);
        foreach (var project in System.IO.Directory.GetFiles(Directory, "*.csproj"))
        {
            if (ImplicitUsingsEnabled.IsMatch(File.ReadAllText(project)))
            {
                return true;
            }
        }

        for (var directory = Directory; directory.StartsWith(root, StringComparison.Ordinal); directory = Path.GetDirectoryName(directory)!)
        {
            foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets" })
            {
                var props = Path.Combine(directory, name);
                if (File.Exists(props) && ImplicitUsingsEnabled.IsMatch(File.ReadAllText(props)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsBuildOutput(string path) =>
        path.Contains("/bin/", StringComparison.Ordinal) || path.Contains("/obj/", StringComparison.Ordinal) || path.Contains("/.git/", StringComparison.Ordinal);
}
