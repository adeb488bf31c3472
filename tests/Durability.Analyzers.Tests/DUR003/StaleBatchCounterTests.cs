using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.StaleBatchCounterAnalyzer, Durability.CodeFixes.StaleBatchCounterCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR003;

/// <summary>DUR003: fsyncs that leave a batch-sync counter stale, and resets without an fsync.</summary>
public sealed class StaleBatchCounterTests
{
    /// <summary>The audited WAL's shape (seed note 002), as the issue gives it in C#.</summary>
    internal const string AuditedWal = """
        using System.IO;

        enum SyncMode { Sync, Batch, None }

        class WriteAheadLog
        {
            private readonly FileStream _fd = new("wal.log", FileMode.Append);
            private readonly SyncMode _syncMode = SyncMode.Batch;
            private readonly int _batchSyncCount = 100;
            private int _writeCount;

            public void Append(byte[] record)
            {
                _fd.Write(record);
                DoSync();
            }

            public void AppendBatch(byte[] records)
            {
                _fd.Write(records);
                DoSync(force: true);
            }

            void DoSync(bool force = false) {
                if (_syncMode == SyncMode.Sync || force) { {|#0:_fd.Flush(true)|}; }
                else if (_syncMode == SyncMode.Batch) {
                    _writeCount++;
                    if (_writeCount >= _batchSyncCount) { _fd.Flush(true); _writeCount = 0; }
                }
            }
        }
        """;

    internal static DiagnosticResult Stale(int location, string stream = "_fd", string counter = "_writeCount", string threshold = "_batchSyncCount") =>
        Verifier.Diagnostic(RuleCatalog.FsyncLeavesCounterStale).WithLocation(location).WithArguments(stream, counter, threshold);

    [Fact]
    public Task The_audited_forced_branch_is_flagged() =>
        Verifier.AnalyzerAsync(AuditedWal, Stale(0));

    [Fact]
    public Task Rotation_and_truncation_that_fsync_directly_are_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentLog
            {
                private FileStream _fd = new("0.wal", FileMode.Append);
                private long _writes;
                private const int Threshold = 64;

                public void Append(byte[] record)
                {
                    _fd.Write(record);
                    _writes += 1;
                    if (_writes > Threshold)
                    {
                        _fd.Flush(flushToDisk: true);
                        _writes = 0;
                    }
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
                    {|#1:RandomAccess.FlushToDisk(_fd.SafeFileHandle)|};
                }
            }
            """,
            Stale(0, counter: "_writes", threshold: "Threshold"),
            Stale(1, counter: "_writes", threshold: "Threshold"));

    [Fact]
    public Task A_reset_only_on_one_branch_after_the_fsync_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class JournalWriter
            {
                private readonly FileStream _fd = new("journal", FileMode.Append);
                private int _pending;
                private readonly int _limit = 10;

                public void Write(byte b)
                {
                    _fd.WriteByte(b);
                    if (++_pending >= _limit) { _fd.Flush(true); _pending = 0; }
                }

                public void Checkpoint(bool verbose)
                {
                    {|#0:_fd.Flush(true)|};
                    if (verbose)
                    {
                        _pending = 0;
                    }
                }
            }
            """,
            Stale(0, counter: "_pending", threshold: "_limit"));

    [Fact]
    public Task A_reset_where_the_stream_is_not_fsynced_is_flagged() =>
        Verifier.AnalyzerAsync("""
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
                    {|#0:_unsynced = 0|};
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.CounterResetWithoutFsync).WithLocation(0).WithArguments("_unsynced", "_fd"));
}
