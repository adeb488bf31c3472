using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Durability.Analyzers.Tests.RealWorld;
using Durability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Analyzers.Tests.Catalog;

/// <summary>
/// Summaries of mutually recursive helpers do not depend on which helper is asked first: every rule, run again and
/// again with concurrent analysis, reports the exact answer each time. A summary cached from a walk that cut the
/// cycle at the other helper would make LogA's flush, directory sync or temp file look unsynced in the runs where
/// LogB happens to be analysed first.
/// </summary>
public sealed class RecursiveHelpersDeterminismTests
{
    private const string Source = """
        using System.IO;
        using Durability.Runtime;

        class LogB
        {
            private readonly FileStream _b = new("b", FileMode.Open);
            public void Append(byte x) { _b.WriteByte(x); _b.Flush(); Helpers.SyncB(_b, 3); }
            public void Create(string p) { File.Create(p).Dispose(); Helpers.DirSyncB(p, 2); }
            public void Publish(string p) { Helpers.WriteB(p + ".tmp", 2); File.Move(p + ".tmp", p, true); Fsync.ParentDirectory(p); }
        }

        class LogA
        {
            private readonly FileStream _a = new("a", FileMode.Open);
            public void Append(byte x) { _a.WriteByte(x); _a.Flush(); Helpers.SyncA(_a, 3); }
            public void Create(string p) { File.Create(p).Dispose(); Helpers.DirSyncA(p, 2); }
            public void Publish(string p) { Helpers.WriteA(p + ".tmp", 2); File.Move(p + ".tmp", p, true); Fsync.ParentDirectory(p); }
        }

        class LogC
        {
            private readonly FileStream _c = new("c", FileMode.Open);
            public void Append(byte x) { _c.WriteByte(x); _c.Flush(); Helpers.Neither(_c, 3); }
        }

        static class Helpers
        {
            // SyncB's fsync comes from Real, asked after SyncA; SyncA's comes only through SyncB.
            public static void SyncB(FileStream s, int n) { if (n > 0) SyncA(s, n - 1); Real(s); }
            public static void SyncA(FileStream s, int n) { if (n > 0) SyncB(s, n - 1); }
            public static void Real(FileStream s) => s.Flush(true);
            public static void Neither(FileStream s, int n) { if (n > 0) Neither(s, n - 1); }

            public static void DirSyncB(string p, int n) { if (n > 0) DirSyncA(p, n - 1); Fsync.ParentDirectory(p); }
            public static void DirSyncA(string p, int n) { if (n > 0) DirSyncB(p, n - 1); }

            public static void WriteB(string p, int n)
            {
                if (n > 0) WriteA(p, n - 1);
                using var f = new FileStream(p, FileMode.Open, FileAccess.ReadWrite);
                f.WriteByte(1);
                f.Flush(true);
            }

            public static void WriteA(string p, int n) { if (n > 0) WriteB(p, n - 1); }
        }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_run_reports_the_exact_answer(bool logAFirst)
    {
        // Declaration order steers which helper the driver tends to ask about first; both orders must agree.
        var source = logAFirst ? SwapLogs(Source) : Source;
        var compilation = CSharpCompilation.Create(
            "Recursion",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            TestReferences.Framework.Add(TestReferences.DurabilityRuntime),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var runs = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => AnalyzeAsync(compilation))));

        // Only LogC's flush is unsynced: its helper recurses and never fsyncs.
        Assert.All(runs, run => Assert.Equal(new[] { "(23,51): DUR001" }, run));
    }

    // LogA's declaration moved above LogB's, keeping every line number below them.
    private static string SwapLogs(string source)
    {
        var b = source.IndexOf("class LogB", StringComparison.Ordinal);
        var a = source.IndexOf("class LogA", StringComparison.Ordinal);
        var c = source.IndexOf("class LogC", StringComparison.Ordinal);
        return source.Substring(0, b) + source.Substring(a, c - a) + source.Substring(b, a - b) + source.Substring(c);
    }

    private static async Task<string[]> AnalyzeAsync(Compilation compilation)
    {
        // A fresh compilation object per run: analyzers share nothing between runs but the symbols' meaning.
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.Clone().WithAnalyzers(AllRules.Analyzers(), options).GetAnalyzerDiagnosticsAsync();
        return diagnostics
            .Select(d => $"({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1}): {d.Id}")
            .OrderBy(text => text, StringComparer.Ordinal)
            .ToArray();
    }
}
