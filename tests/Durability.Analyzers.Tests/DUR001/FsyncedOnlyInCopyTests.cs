using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer, Durability.CodeFixes.FlushWithoutFsyncCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR001;

/// <summary>
/// DUR001 on streams whose only fsync is in a member that copies the file elsewhere (a Backup, an Export): it fsyncs so
/// that the copy starts from the disk, when someone asks for a copy, and leaves every flush on the write path in the page
/// cache. That one fsync used to cover the whole type.
/// </summary>
public sealed class FsyncedOnlyInCopyTests
{
    private static DiagnosticResult Flushed(int location, string stream, string copying) =>
        Verifier.Diagnostic(RuleCatalog.FlushFsyncedOnlyInCopy).WithLocation(location).WithArguments(stream, copying);

    private static DiagnosticResult FlushedAsync(int location, string stream, string copying) =>
        Verifier.Diagnostic(RuleCatalog.FlushAsyncFsyncedOnlyInCopy).WithLocation(location).WithArguments(stream, copying);

    [Fact]
    public Task A_write_ahead_log_fsynced_only_by_its_backup_is_flagged_at_its_flushes_and_fsynced_in_its_FlushAsync_which_covers_the_truncation() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class WriteAheadLog
            {
                private readonly FileStream _walStream = new("db.wal", FileMode.Append, FileAccess.ReadWrite);

                public ValueTask WriteCommitRecordAsync(byte[] record, CancellationToken ct) => _walStream.WriteAsync(record, ct);

                public async Task FlushAsync(CancellationToken ct = default)
                {
                    await {|#0:_walStream.FlushAsync(ct)|};
                }

                public async Task TruncateAsync(CancellationToken ct = default)
                {
                    _walStream.SetLength(0);
                    _walStream.Position = 0;
                    await {|#1:_walStream.FlushAsync(ct)|};
                }

                internal async Task BackupAsync(string destinationPath, CancellationToken ct = default)
                {
                    _walStream.Flush(flushToDisk: true);
                    _walStream.Position = 0;
                    await using var destination = new FileStream(destinationPath, FileMode.Create);
                    await _walStream.CopyToAsync(destination, ct);
                }
            }
            """,
            new[] { FlushedAsync(0, "_walStream", "BackupAsync"), FlushedAsync(1, "_walStream", "BackupAsync") },
            """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            using Durability.Runtime;

            public sealed class WriteAheadLog
            {
                private readonly FileStream _walStream = new("db.wal", FileMode.Append, FileAccess.ReadWrite);

                public ValueTask WriteCommitRecordAsync(byte[] record, CancellationToken ct) => _walStream.WriteAsync(record, ct);

                public async Task FlushAsync(CancellationToken ct = default)
                {
                    await Fsync.FileAsync(_walStream, ct);
                }

                public async Task TruncateAsync(CancellationToken ct = default)
                {
                    _walStream.SetLength(0);
                    _walStream.Position = 0;
                    await _walStream.FlushAsync(ct);
                }

                internal async Task BackupAsync(string destinationPath, CancellationToken ct = default)
                {
                    _walStream.Flush(flushToDisk: true);
                    _walStream.Position = 0;
                    await using var destination = new FileStream(destinationPath, FileMode.Create);
                    await _walStream.CopyToAsync(destination, ct);
                }
            }
            """);

    [Fact]
    public Task A_journal_writer_fsynced_through_its_stream_only_by_an_export_is_flagged_at_the_writers_flush() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class Journal
            {
                private readonly FileStream _file = new("journal.bin", FileMode.Append, FileAccess.Write);
                private readonly BinaryWriter _writer;

                public Journal() => _writer = new BinaryWriter(_file);

                public void Append(long key, byte[] value)
                {
                    _writer.Write(key);
                    _writer.Write(value.Length);
                    _writer.Write(value);
                    {|#0:_writer.Flush()|};
                }

                public void ExportTo(string path)
                {
                    _writer.Flush();
                    _file.Flush(true);
                    File.Copy("journal.bin", path, overwrite: true);
                }
            }
            """,
            Flushed(0, "_writer", "ExportTo"));

    [Fact]
    public Task A_stream_fsynced_on_its_write_path_as_well_as_in_its_backup_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class PageStore
            {
                private readonly FileStream _file = new("pages.db", FileMode.OpenOrCreate, FileAccess.ReadWrite);

                public void WritePage(long offset, byte[] page)
                {
                    _file.Position = offset;
                    _file.Write(page, 0, page.Length);
                    _file.Flush();
                }

                public void Checkpoint() => _file.Flush(true);

                public void Backup(string path)
                {
                    _file.Flush();
                    _file.Flush(true);
                    File.Copy("pages.db", path, overwrite: true);
                }
            }
            """);

    [Fact]
    public Task A_backups_own_flush_before_its_fsync_is_covered_by_it() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class SnapshotStore
            {
                private readonly FileStream _file = new("snapshot.bin", FileMode.OpenOrCreate, FileAccess.ReadWrite);
                private readonly StreamWriter _writer;

                public SnapshotStore() => _writer = new StreamWriter(_file);

                public void Save(string state) => _writer.Write(state);

                public void Backup(string path)
                {
                    _writer.Flush();
                    _file.Flush(true);
                    File.Copy("snapshot.bin", path, overwrite: true);
                }
            }
            """);

    [Fact]
    public Task A_commit_that_reaches_its_flush_through_the_types_own_Flush_is_held_to_its_promise() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class EventJournal
            {
                private readonly FileStream _file = new("events.log", FileMode.Append, FileAccess.Write);

                public void Append(byte[] record) => _file.Write(record, 0, record.Length);

                public void Flush() => {|#0:_file.Flush()|};

                public void Commit() => Flush();

                public void Checkpoint() => _file.Flush(true);
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushFsyncedOnlyElsewhere).WithLocation(0).WithArguments("_file", "Commit"));
}
