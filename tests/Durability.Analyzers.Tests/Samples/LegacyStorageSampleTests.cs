using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Analyzers.Tests.Samples;

/// <summary>samples/LegacyStorage/expected-diagnostics.txt stays the exact list of what the rules report on the sample.</summary>
public sealed class LegacyStorageSampleTests
{
    [Fact]
    public async Task The_sample_reports_exactly_its_expected_diagnostics()
    {
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "LegacyStorage");
        var trees = Directory.GetFiles(sample, "*.cs")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), new CSharpParseOptions(LanguageVersion.Latest), path: Path.GetFileName(path)));
        var compilation = CSharpCompilation.Create(
            "LegacyStorage",
            trees,
            TestReferences.Framework.Add(TestReferences.DurabilityRuntime),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var analyzers = RealWorld.AllRules.Analyzers();
        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();

        var actual = diagnostics
            .Select(d => $"{d.Location.GetLineSpan().Path}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Id}")
            .OrderBy(line => line, StringComparer.Ordinal)
            .ToArray();
        var expected = File.ReadAllLines(Path.Combine(sample, "expected-diagnostics.txt")).Where(line => line.Length > 0).ToArray();
        Assert.Equal(expected, actual);
    }

}
