using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.CodeFixes;
using Durability.Testing;
using Microsoft.CodeAnalysis.CodeFixes;
using static Durability.Analyzers.Tests.DUR003.StaleBatchCounterTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.StaleBatchCounterAnalyzer, Durability.CodeFixes.StaleBatchCounterCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR003;

/// <summary>DUR003's fix: call the existing fsync-and-reset helper, or reset after the fsync; fsync before a reset that had none.</summary>
public sealed class StaleBatchCounterFixTests
{
    [Fact]
    public Task A_reset_without_an_fsync_gets_the_fsync_before_it() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class BatchedLog
            {
                private readonly FileStream _fd = new("log", FileMode.Append);
                private int _unsynced;
                private readonly int _batch = 100;

                public void Append(byte b)
                {
                    _fd.WriteByte(b);
                    _unsynced++;
                    if (_unsynced == _batch) { _fd.Flush(true); _unsynced = 0; }
                }

                public void Commit()
                {
                    _fd.Flush();
                    // Everything appended is now durable.
                    {|#0:_unsynced = 0|};
                }
            }
            """,
            new[] { Verifier.Diagnostic(Rules.RuleCatalog.CounterResetWithoutFsync).WithLocation(0).WithArguments("_unsynced", "_fd") },
            """
            using System.IO;

            class BatchedLog
            {
                private readonly FileStream _fd = new("log", FileMode.Append);
                private int _unsynced;
                private readonly int _batch = 100;

                public void Append(byte b)
                {
                    _fd.WriteByte(b);
                    _unsynced++;
                    if (_unsynced == _batch) { _fd.Flush(true); _unsynced = 0; }
                }

                public void Commit()
                {
                    _fd.Flush();
                    // Everything appended is now durable.
                    _fd.Flush(flushToDisk: true);
                    _unsynced = 0;
                }
            }
            """);

    [Fact]
    public Task Without_a_helper_the_reset_is_inserted_after_the_fsync() =>
        Verifier.CodeFixAsync(AuditedWal, new[] { Stale(0) }, AuditedWal.Replace(
            "if (_syncMode == SyncMode.Sync || force) { {|#0:_fd.Flush(true)|}; }",
            "if (_syncMode == SyncMode.Sync || force) { _fd.Flush(true); _writeCount = 0; }"));

    [Fact]
    public Task With_a_helper_the_fsync_becomes_a_call_to_it() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class SegmentLog
            {
                private readonly FileStream _fd = new("0.wal", FileMode.Append);
                private int _writes;

                public void Append(byte[] record)
                {
                    _fd.Write(record);
                    if (++_writes >= 32) { SyncNow(); }
                }

                public void Checkpoint(byte[] marker)
                {
                    _fd.Write(marker);
                    {|#0:_fd.Flush(true)|}; // checkpoint must be durable
                }

                private void SyncNow()
                {
                    _fd.Flush(true);
                    _writes = 0;
                }
            }
            """,
            new[] { Stale(0, counter: "_writes", threshold: "32") },
            """
            using System.IO;

            class SegmentLog
            {
                private readonly FileStream _fd = new("0.wal", FileMode.Append);
                private int _writes;

                public void Append(byte[] record)
                {
                    _fd.Write(record);
                    if (++_writes >= 32) { SyncNow(); }
                }

                public void Checkpoint(byte[] marker)
                {
                    _fd.Write(marker);
                    SyncNow(); // checkpoint must be durable
                }

                private void SyncNow()
                {
                    _fd.Flush(true);
                    _writes = 0;
                }
            }
            """);

    [Fact]
    public Task FixAll_resets_after_every_stale_fsync()
    {
        var test = new CodeFixTest<StaleBatchCounterAnalyzer, StaleBatchCounterCodeFixProvider> { FixAllScope = FixAllScope.Document };
        test.Sources.Add("""
            using System.IO;

            class SegmentLog
            {
                private FileStream _fd = new("0.wal", FileMode.Append);
                private long _writes;

                public void Append(byte[] record)
                {
                    _fd.Write(record);
                    if (++_writes > 64) { _fd.Flush(true); _writes = 0; }
                }

                public void Rotate(string next)
                {
                    {|#0:_fd.Flush(true)|};
                    _fd.Dispose();
                    _fd = new FileStream(next, FileMode.CreateNew);
                }

                public void Truncate(long length)
                {
                    _fd.SetLength(length);
                    {|#1:_fd.Flush(true)|};
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Stale(0, counter: "_writes", threshold: "64"));
        test.ExpectedDiagnostics.Add(Stale(1, counter: "_writes", threshold: "64"));
        test.FixedSources.Add("""
            using System.IO;

            class SegmentLog
            {
                private FileStream _fd = new("0.wal", FileMode.Append);
                private long _writes;

                public void Append(byte[] record)
                {
                    _fd.Write(record);
                    if (++_writes > 64) { _fd.Flush(true); _writes = 0; }
                }

                public void Rotate(string next)
                {
                    _fd.Flush(true);
                    _writes = 0;
                    _fd.Dispose();
                    _fd = new FileStream(next, FileMode.CreateNew);
                }

                public void Truncate(long length)
                {
                    _fd.SetLength(length);
                    _fd.Flush(true);
                    _writes = 0;
                }
            }
            """);
        return test.RunAsync();
    }
}
