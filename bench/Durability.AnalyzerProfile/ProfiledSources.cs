using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Durability.AnalyzerProfile;

/// <summary>One compilation's parsed files; each pass builds a fresh compilation from them, so nothing bound is reused.</summary>
internal sealed record ProfiledSource(string Name, IReadOnlyList<SyntaxTree> Trees, IReadOnlyList<MetadataReference> References)
{
    /// <summary>The severities the yardstick's rules run with (none without one).</summary>
    public static System.Collections.Immutable.ImmutableDictionary<string, ReportDiagnostic> Severities { get; set; } =
        System.Collections.Immutable.ImmutableDictionary<string, ReportDiagnostic>.Empty;

    private static CSharpCompilationOptions Options => new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true,
        nullableContextOptions: NullableContextOptions.Enable).WithSpecificDiagnosticOptions(Severities);

    public CSharpCompilation NewCompilation() => CSharpCompilation.Create(Name, Trees, References, Options);

    /// <summary>
    /// A compilation of the same files parsed again, as a command-line build has them: what the rules keep per tree
    /// (for the IDE's next compilation) is not reused from an earlier pass.
    /// </summary>
    public CSharpCompilation NewCompilationOfNewTrees() => CSharpCompilation.Create(Name,
        Trees.Select(tree => CSharpSyntaxTree.ParseText(tree.GetText(), (CSharpParseOptions)tree.Options, tree.FilePath)), References, Options);
}

internal static class ProfiledSources
{
    private static readonly CSharpParseOptions Parse = new(LanguageVersion.Preview,
        preprocessorSymbols: new[] { "NET", "NETCOREAPP", "NET5_0_OR_GREATER", "NET6_0_OR_GREATER", "NET8_0_OR_GREATER", "RELEASE", "TRACE" });

    public static IReadOnlyList<ProfiledSource> Load(string spec)
    {
        var references = PlatformReferences();
        if (spec.StartsWith("generated:", StringComparison.Ordinal))
        {
            var parts = spec.Split(':');
            var directory = Path.Combine(Path.GetTempPath(), "durability-profile-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                Durability.Benchmarks.GeneratedProject.Write(directory, int.Parse(parts[1]), "none.dll", int.Parse(parts[2]));
                return new[] { new ProfiledSource("Generated", ParseAll(Directory.GetFiles(directory, "*.cs")), references) };
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        // As the corpus runner: each folder with a .csproj owns the files below it that no nested project claims.
        var root = Path.GetFullPath(spec);
        static bool Skip(string path) => path.Contains("/bin/") || path.Contains("/obj/") || path.Contains("/.git/");
        var projects = Directory.GetFiles(root, "*.csproj", SearchOption.AllDirectories).Where(p => !Skip(p))
            .Select(p => Path.GetDirectoryName(p)!).Distinct().OrderByDescending(d => d.Length).ToList();
        if (projects.Count == 0)
        {
            projects.Add(root);
        }

        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var sources = new List<ProfiledSource>();
        foreach (var project in projects)
        {
            var files = Directory.GetFiles(project, "*.cs", SearchOption.AllDirectories).Where(f => !Skip(f) && claimed.Add(f)).ToList();
            if (files.Count > 0)
            {
                sources.Add(new ProfiledSource(Path.GetFileName(project), ParseAll(files), references));
            }
        }

        return sources;
    }

    private static List<SyntaxTree> ParseAll(IEnumerable<string> files) =>
        files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), Parse, f)).ToList();

    private static List<MetadataReference> PlatformReferences() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name
                && (name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll")
                && !name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
}
