using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer, Durability.CodeFixes.FlushWithoutFsyncCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR001;

/// <summary>
/// DUR001 on a write of a file member in a member that promises durability (FlushToDisk, a commit in storage code) that
/// returns with no flush and no fsync of it: there is no flush to report, and the write may still be in the stream's
/// buffer when the log that protects it is cleared.
/// </summary>
public sealed class WrittenUnsyncedInPromiseTests
{
    private static DiagnosticResult Written(int location, string stream, string member) =>
        Verifier.Diagnostic(RuleCatalog.WrittenUnsyncedInPromise).WithLocation(location).WithArguments(stream, member);

    [Fact]
    public Task A_data_file_written_in_a_loop_by_FlushToDisk_before_the_log_is_cleared_is_flagged_and_fsynced_after_the_loop() =>
        Verifier.CodeFixAsync("""
            using System.Collections.Generic;
            using System.IO;

            internal sealed class CollectionWriter
            {
                private readonly FileStream _index;
                private readonly FileStream _data;
                private readonly FileStream _log;
                private readonly List<(bool IsValue, long Position, byte[] Bytes)> _pending = new();

                public CollectionWriter(string path)
                {
                    _index = new FileStream(path + ".inx", FileMode.OpenOrCreate, FileAccess.ReadWrite);
                    _data = new FileStream(path + ".dat", FileMode.OpenOrCreate, FileAccess.ReadWrite);
                    _log = new FileStream(path + ".log", FileMode.OpenOrCreate, FileAccess.ReadWrite);
                }

                public void FlushToDisk()
                {
                    foreach (var (isValue, position, bytes) in _pending)
                    {
                        if (isValue)
                        {
                            _data.Position = position;
                            {|#0:_data.Write(bytes, 0, bytes.Length)|};
                        }
                        else
                        {
                            _index.Position = position;
                            _index.Write(bytes, 0, bytes.Length);
                        }
                    }

                    _index.Flush(flushToDisk: true);
                    ClearLog();
                }

                private void ClearLog()
                {
                    _log.SetLength(0);
                    _log.Flush(flushToDisk: true);
                }
            }
            """,
            new[] { Written(0, "_data", "FlushToDisk") },
            """
            using System.Collections.Generic;
            using System.IO;

            internal sealed class CollectionWriter
            {
                private readonly FileStream _index;
                private readonly FileStream _data;
                private readonly FileStream _log;
                private readonly List<(bool IsValue, long Position, byte[] Bytes)> _pending = new();

                public CollectionWriter(string path)
                {
                    _index = new FileStream(path + ".inx", FileMode.OpenOrCreate, FileAccess.ReadWrite);
                    _data = new FileStream(path + ".dat", FileMode.OpenOrCreate, FileAccess.ReadWrite);
                    _log = new FileStream(path + ".log", FileMode.OpenOrCreate, FileAccess.ReadWrite);
                }

                public void FlushToDisk()
                {
                    foreach (var (isValue, position, bytes) in _pending)
                    {
                        if (isValue)
                        {
                            _data.Position = position;
                            _data.Write(bytes, 0, bytes.Length);
                        }
                        else
                        {
                            _index.Position = position;
                            _index.Write(bytes, 0, bytes.Length);
                        }
                    }

                    _data.Flush(flushToDisk: true);

                    _index.Flush(flushToDisk: true);
                    ClearLog();
                }

                private void ClearLog()
                {
                    _log.SetLength(0);
                    _log.Flush(flushToDisk: true);
                }
            }
            """);

    [Fact]
    public Task A_commit_record_written_through_a_helper_and_never_flushed_is_flagged_at_the_last_write_and_fsynced_there() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.Text;

            public sealed class TransactionJournal
            {
                private readonly StreamWriter _writer;

                public TransactionJournal(string path) => _writer = new StreamWriter(new FileStream(path, FileMode.Append), Encoding.UTF8);

                public void Commit(long transaction, string[] changes)
                {
                    lock (_writer)
                    {
                        AppendRecords(transaction, changes);
                    }
                }

                private void AppendRecords(long transaction, string[] changes)
                {
                    foreach (var change in changes)
                    {
                        _writer.WriteLine(change);
                    }

                    {|#0:_writer.WriteLine("COMMIT " + transaction)|};
                }

                public void Checkpoint() => Durability.Runtime.Fsync.File(_writer);
            }
            """,
            new[] { Written(0, "_writer", "Commit") },
            """
            using System.IO;
            using System.Text;
            using Durability.Runtime;

            public sealed class TransactionJournal
            {
                private readonly StreamWriter _writer;

                public TransactionJournal(string path) => _writer = new StreamWriter(new FileStream(path, FileMode.Append), Encoding.UTF8);

                public void Commit(long transaction, string[] changes)
                {
                    lock (_writer)
                    {
                        AppendRecords(transaction, changes);
                    }
                }

                private void AppendRecords(long transaction, string[] changes)
                {
                    foreach (var change in changes)
                    {
                        _writer.WriteLine(change);
                    }

                    _writer.WriteLine("COMMIT " + transaction);
                    Fsync.File(_writer);
                }

                public void Checkpoint() => Durability.Runtime.Fsync.File(_writer);
            }
            """);

    [Fact]
    public Task An_arrow_bodied_commit_is_flagged_and_becomes_a_block_that_fsyncs() =>
        Verifier.CodeFixAsync("""
            using System;
            using System.IO;

            public sealed class SegmentFile : IDisposable
            {
                private readonly FileStream _segment = new("segment.log", FileMode.Append);

                public void Commit(byte[] record) => {|#0:_segment.Write(record, 0, record.Length)|};

                public void Dispose() => _segment.Dispose();
            }
            """,
            new[] { Written(0, "_segment", "Commit") },
            """
            using System;
            using System.IO;

            public sealed class SegmentFile : IDisposable
            {
                private readonly FileStream _segment = new("segment.log", FileMode.Append);

                public void Commit(byte[] record)
                {
                    _segment.Write(record, 0, record.Length);
                    _segment.Flush(flushToDisk: true);
                }

                public void Dispose() => _segment.Dispose();
            }
            """);

    [Fact]
    public Task A_commit_that_only_flushes_what_it_writes_is_reported_at_its_flush_and_not_at_the_write() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class WriteAheadLog
            {
                private readonly FileStream _log = new("wal.log", FileMode.Append);

                public void Commit(byte[] record)
                {
                    _log.Write(record, 0, record.Length);
                    {|#0:_log.Flush()|};
                }

                public void Checkpoint() => _log.Flush(flushToDisk: true);
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushFsyncedOnlyElsewhere).WithLocation(0).WithArguments("_log", "Commit"));

    [Fact]
    public Task Writes_made_durable_before_the_promise_returns_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class WriteAheadLog
            {
                private readonly FileStream _log = new("wal.log", FileMode.Append);
                private readonly FileStream _journal = new("journal.log", FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough);
                private readonly FileStream _pages = new("pages.db", FileMode.OpenOrCreate);

                // fsynced in the member itself
                public void Commit(byte[] record)
                {
                    _log.Write(record, 0, record.Length);
                    _log.Flush(flushToDisk: true);
                }

                // fsynced by the type's own method it calls
                public void CommitBatch(byte[][] records)
                {
                    foreach (var record in records)
                    {
                        _log.Write(record, 0, record.Length);
                    }

                    Sync();
                }

                // every write of a write-through file reaches the disk
                public void CommitJournal(byte[] entry) => _journal.Write(entry, 0, entry.Length);

                // handed to a helper of the project, which may make it durable
                public void CommitPage(long offset, byte[] page)
                {
                    _pages.Position = offset;
                    _pages.Write(page, 0, page.Length);
                    PageFiles.Persist(_pages);
                }

                private void Sync() => _log.Flush(flushToDisk: true);
            }

            internal static class PageFiles
            {
                public static void Persist(FileStream file) => file.Flush(flushToDisk: true);
            }
            """);

    [Fact]
    public Task Writes_outside_members_that_promise_durability_and_commits_outside_storage_code_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            // group commit: appends wait in the page cache for the next Sync, which is the promise
            public sealed class WriteAheadLog
            {
                private readonly FileStream _log = new("wal.log", FileMode.Append);

                public void Append(byte[] record) => _log.Write(record, 0, record.Length);

                // steps of the caller's commit, named for what they write
                public void WriteCommitRecord(long transaction) => _log.Write(System.BitConverter.GetBytes(transaction), 0, 8);

                public void AppendCommitBatch(byte[] batch) => _log.Write(batch, 0, batch.Length);

                public void Sync() => _log.Flush(flushToDisk: true);
            }

            // a commit into memory
            public sealed class BufferJournal
            {
                private readonly MemoryStream _buffer = new();

                public void Commit(byte[] record) => _buffer.Write(record, 0, record.Length);

                public void Flush() => _buffer.Flush();
            }
            """);

    [Fact]
    public Task A_commit_in_code_that_intends_no_durability_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            // an edit session whose commit writes a listing for people; nothing in this project fsyncs or names storage
            public sealed class EditSession
            {
                private readonly StreamWriter _listing = new(new FileStream("listing.txt", FileMode.Create));

                public void Commit(string line) => _listing.WriteLine(line);

                public void Close()
                {
                    _listing.Flush();
                    _listing.Dispose();
                }
            }
            """);
}
