using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Durability.Analyzers.Tests.DUR002;

/// <summary>
/// What DUR002 hands its fix: the kind of each directory sync in a property and the expression it names as an
/// additional location, in the same order; no code as text.
/// </summary>
public sealed class FixDataTests
{
    [Fact]
    public async Task A_rename_across_directories_names_both_directories_by_location()
    {
        const string source = """
            using System.IO;

            public sealed class SegmentStore
            {
                public void Archive(string dir, string from, FileInfo stale)
                {
                    File.Move(from, Path.Combine(dir, "00000001.seg"));
                    File.Delete(stale.FullName);
                    stale.Delete();
                }
            }
            """;

        var diagnostics = await DiagnosticsAsync(source, "dotnet_code_quality.DUR002.report_deletions = true");

        Assert.Collection(
            diagnostics,
            rename =>
            {
                Assert.Equal("Directory|ParentDirectory", rename.Properties[UnsyncedDirectoryEntryAnalyzer.SyncKindsProperty]);
                Assert.Equal(new[] { "dir", "from" }, rename.AdditionalLocations.Select(TextAt).ToArray());
            },
            deletion =>
            {
                Assert.Equal("ParentDirectory", deletion.Properties[UnsyncedDirectoryEntryAnalyzer.SyncKindsProperty]);
                Assert.Equal(new[] { "stale.FullName" }, deletion.AdditionalLocations.Select(TextAt).ToArray());
            },
            infoDeletion =>
            {
                Assert.Equal("ParentDirectoryOfInfo", infoDeletion.Properties[UnsyncedDirectoryEntryAnalyzer.SyncKindsProperty]);
                Assert.Equal(new[] { "stale" }, infoDeletion.AdditionalLocations.Select(TextAt).ToArray());
            });
    }

    [Fact]
    public async Task A_path_with_side_effects_gets_no_fix_data()
    {
        const string source = """
            using System.IO;

            public sealed class SegmentStore
            {
                private int _next;

                public void Roll(string dir) => File.Create(Path.Combine(dir, (_next++).ToString())).Dispose();
            }
            """;

        var diagnostic = Assert.Single(await DiagnosticsAsync(source, string.Empty));

        Assert.False(diagnostic.Properties.ContainsKey(UnsyncedDirectoryEntryAnalyzer.SyncKindsProperty));
        Assert.Empty(diagnostic.AdditionalLocations);
    }

    private static string TextAt(Location location) => location.SourceTree!.GetText().ToString(location.SourceSpan);

    private static async Task<Diagnostic[]> DiagnosticsAsync(string source, string option)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/SegmentStore.cs");
        var compilation = CSharpCompilation.Create("FixData", new[] { tree }, TestReferences.Framework, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new OneOptionProvider(option));
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new UnsyncedDirectoryEntryAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync();
        return diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
    }

    // Every file sees the one "key = value" option given, as if from an .editorconfig.
    private sealed class OneOptionProvider : AnalyzerConfigOptionsProvider
    {
        private readonly OneOption _options;

        public OneOptionProvider(string option) => _options = new OneOption(option);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;
    }

    private sealed class OneOption : AnalyzerConfigOptions
    {
        private readonly string _key = string.Empty;
        private readonly string _value = string.Empty;

        public OneOption(string option)
        {
            var equals = option.IndexOf('=', System.StringComparison.Ordinal);
            if (equals > 0)
            {
                _key = option[..equals].Trim();
                _value = option[(equals + 1)..].Trim();
            }
        }

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
        {
            value = key == _key ? _value : null;
            return value is not null;
        }
    }
}
