using System.Threading.Tasks;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.StaleBatchCounterAnalyzer, Durability.CodeFixes.StaleBatchCounterCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR003;

/// <summary>DUR003 must not flag: helpers that fsync and reset, other streams, unrelated counters, closing for good.</summary>
public sealed class StaleBatchCounterQuietTests
{
    [Fact]
    public Task The_fixed_audited_wal_is_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class WriteAheadLog
            {
                private readonly FileStream _fd = new("wal.log", FileMode.Append);
                private readonly bool _batch = true;
                private readonly int _batchSyncCount = 100;
                private int _writeCount;

                void DoSync(bool force = false)
                {
                    if (!_batch || force)
                    {
                        _fd.Flush(true);
                        _writeCount = 0;
                    }
                    else
                    {
                        _writeCount++;
                        if (_writeCount >= _batchSyncCount) { _fd.Flush(true); _writeCount = 0; }
                    }
                }
            }
            """);

    [Fact]
    public Task A_helper_that_fsyncs_and_resets_and_its_callers_are_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentLog
            {
                private readonly FileStream _fd = new("0.wal", FileMode.Append);
                private readonly FileStream _index = new("0.idx", FileMode.Append);
                private int _writes;

                public void Append(byte[] record)
                {
                    _fd.Write(record);
                    if (++_writes >= 32) { SyncNow(); }
                }

                public void Checkpoint() => SyncNow();

                public void Rotate()
                {
                    SyncNow();
                    _index.Flush(true);
                }

                private void SyncNow()
                {
                    _fd.Flush(true);
                    _writes = 0;
                }

                public void Reset()
                {
                    SyncNow();
                    _writes = 0;
                }
            }
            """);

    [Fact]
    public Task An_fsync_of_another_stream_is_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class TruncatingLog
            {
                private readonly FileStream _fd = new("log", FileMode.Append);
                private int _count;
                private readonly int _every = 50;

                public void Append(byte b)
                {
                    _fd.WriteByte(b);
                    _count++;
                    if (_count >= _every) { _fd.Flush(true); _count = 0; }
                }

                public void Truncate(byte[] live)
                {
                    using var temp = new FileStream("log.tmp", FileMode.Create);
                    temp.Write(live);
                    temp.Flush(true);
                }
            }
            """);

    [Fact]
    public Task Counters_unrelated_to_fsync_are_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class RequestLog
            {
                private readonly FileStream _fd = new("requests.log", FileMode.Append);
                private int _windowRequests;
                private readonly int _windowSize = 1000;
                public double Rate { get; private set; }

                public void Record(byte b)
                {
                    _fd.WriteByte(b);
                    _fd.Flush(true);
                    _windowRequests++;
                    if (_windowRequests >= _windowSize)
                    {
                        Rate = _windowRequests / 60.0;
                        _windowRequests = 0;
                    }
                }
            }
            """);

    [Fact]
    public Task Closing_for_good_and_constructors_are_quiet() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class BatchedLog : IDisposable
            {
                private readonly FileStream _fd;
                private int _unsynced;
                private readonly int _batch;

                public BatchedLog(int batch)
                {
                    _fd = new FileStream("log", FileMode.Append);
                    _batch = batch;
                    _unsynced = 0;
                }

                public void Append(byte b)
                {
                    _fd.WriteByte(b);
                    if (++_unsynced >= _batch) { _fd.Flush(true); _unsynced = 0; }
                }

                public void Dispose()
                {
                    _fd.Flush(true);
                    _fd.Dispose();
                }
            }
            """);
}
