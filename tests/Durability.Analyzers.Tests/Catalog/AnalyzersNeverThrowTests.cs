using System.Collections.Generic;
using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Analyzers.Tests.Catalog;

/// <summary>An analyzer exception (AD0001) is a release blocker: every rule runs over broken and unusual code without one.</summary>
public sealed class AnalyzersNeverThrowTests
{
    public static IEnumerable<object[]> BrokenSources() => new[]
    {
        new object[] { "class WalFile { FileStream _fd; void M() { _fd.Flush(); File.Move(a, ); } }" },
        new object[] { "using System.IO; class JournalLog { void M(string p) { new FileStream(p, (FileMode)99).Flush(; File.Delete(); } }" },
        new object[] { "using System.IO; class StoreLog { Stream _s = File.Open(\"x\", FileMode.Create); void M() { _s.Flush(); Sync(_s); } void Sync(Stream s) => Sync(s); }" },
        new object[] { "using System.IO; class IndexStore { void M(dynamic d, string p) { d.Flush(); File.Move(d, p); Fsync.Directory(d); } }" },
        new object[] { "using System.IO; partial class SegmentLog { partial void Sync(FileStream f); void M(FileStream f) { f.Flush(); Sync(f); } }" },
        new object[] { "using System.IO; using System; class LedgerDb { Action<FileStream> _a = f => f.Flush(); void M() => File.Create(Path.Combine()); }" },
        new object[] { "using System.IO; class PageStore { FileStream this[int i] => null!; void M() { this[0].Flush(); File.Delete(this[1].Name); } }" },
        new object[] { "using System.IO; record struct TableLog(FileStream F) { void M() { F.Flush(); File.Copy(F.Name, F.Name + 1); } }" },
        new object[] { "using System.IO; class BatchLog { FileStream _f; int _n; void M() { if (++_n >= ) { _f.Flush(true); _n = 0; } _f.Flush(true); _n = ; } }" },
        new object[] { "using System.IO; class SnapshotStore { void M(string p) { using (var f = new FileStream(p + 1, )) { } File.Move(p + 1, p, true); File.WriteAllText(); W(p); } void W(string p) => W(p); }" },
        new object[] { "using System.IO; class SnapshotStore { void M(FileInfo i) { using var w = new StreamWriter(i.FullName, ); i.MoveTo(, true); File.Replace(i.FullName); } }" },
        new object[] { "using System.IO; class Journal { FileStream _f; void M() { try { _f.Flush(true); } catch (IOException e) when ( { } try { Sync(); } catch { return; } } void Sync() => Sync(); }" },
        new object[] { "using System.Runtime.InteropServices; static class N { [DllImport(\"libc\")] static extern int fsync(int fd); [DllImport(\"libc\")] static extern int fcntl(int fd, ); static void M() { fsync(); _ = fcntl(1, 51); for (;;) { try { fsync(1); } catch { continue; } } } }" },
        new object[] { "using System.IO; class BatchLog { FileStream _f; int _n { get; set; } void M() { _n += 1; if (_n == 3u) { _f.Flush(true); _n = 0; } this._n = 0L; } }" },
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task DUR001_survives(string source) => await RunAsync<FlushWithoutFsyncAnalyzer>(source);

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task DUR002_survives(string source) => await RunAsync<UnsyncedDirectoryEntryAnalyzer>(source);

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task DUR003_survives(string source) => await RunAsync<StaleBatchCounterAnalyzer>(source);

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task DUR004_survives(string source) => await RunAsync<UnsyncedFileContentsAnalyzer>(source);

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task DUR005_survives(string source) => await RunAsync<LostFsyncFailureAnalyzer>(source);

    private static async Task RunAsync<TAnalyzer>(string source)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new AnalyzerTest<TAnalyzer>();
        test.Sources.Add(source);
        await test.GetDiagnosticsAsync();
    }
}
