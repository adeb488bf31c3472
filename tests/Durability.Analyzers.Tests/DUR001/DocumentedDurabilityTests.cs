using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer, Durability.CodeFixes.FlushWithoutFsyncCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR001;

/// <summary>
/// DUR001 on a member of storage code whose own comment tells callers it flushes to disk, while it only reaches the page
/// cache and another member fsyncs the stream: held to that promise as a Sync() is.
/// </summary>
public sealed class DocumentedDurabilityTests
{
    [Fact]
    public Task A_logs_FlushAsync_documented_as_flushing_to_disk_is_held_to_it_although_its_commit_fsyncs() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            public sealed class WAL
            {
                private readonly FileStream _fileStream = new("db.wal", FileMode.Append, FileAccess.Write);
                private readonly StreamWriter _writer;

                public WAL() => _writer = new StreamWriter(_fileStream);

                public void Log(string operation) => _writer.WriteLine(operation);

                public void Commit()
                {
                    _writer.Flush();
                    _fileStream.Flush(flushToDisk: true);
                }

                /// <summary>
                /// Asynchronously flushes buffered data to disk.
                /// </summary>
                public async Task FlushAsync()
                {
                    await {|#1:_writer.FlushAsync()|};
                    await {|#0:_fileStream.FlushAsync()|};
                }
            }
            """,
            new[]
            {
                Verifier.Diagnostic(RuleCatalog.FlushFsyncedOnlyElsewhere).WithLocation(0).WithArguments("_fileStream", "FlushAsync"),
                Verifier.Diagnostic(RuleCatalog.FlushFsyncedOnlyElsewhere).WithLocation(1).WithArguments("_writer", "FlushAsync"),
            },
            """
            using System.IO;
            using System.Threading.Tasks;
            using Durability.Runtime;

            public sealed class WAL
            {
                private readonly FileStream _fileStream = new("db.wal", FileMode.Append, FileAccess.Write);
                private readonly StreamWriter _writer;

                public WAL() => _writer = new StreamWriter(_fileStream);

                public void Log(string operation) => _writer.WriteLine(operation);

                public void Commit()
                {
                    _writer.Flush();
                    _fileStream.Flush(flushToDisk: true);
                }

                /// <summary>
                /// Asynchronously flushes buffered data to disk.
                /// </summary>
                public async Task FlushAsync()
                {
                    await Fsync.FileAsync(_writer);
                    await _fileStream.FlushAsync();
                }
            }
            """);

    [Fact]
    public Task A_comment_that_says_the_flush_does_not_reach_the_disk_promises_nothing() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class PageStore
            {
                private readonly FileStream _file = new("pages.db", FileMode.OpenOrCreate, FileAccess.ReadWrite);

                public void Write(long offset, byte[] page)
                {
                    _file.Position = offset;
                    _file.Write(page, 0, page.Length);
                }

                /// <summary>Hands buffered pages to the OS. This does not make them durable: call <see cref="Sync"/>.</summary>
                public void Flush() => _file.Flush();

                /// <summary>Flushes the pages to disk.</summary>
                public void Sync() => _file.Flush(true);
            }
            """);

    [Fact]
    public Task A_helper_documented_as_flushing_to_disk_that_fsyncs_the_file_streams_it_is_given_keeps_its_word() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            public sealed class QueueFileDriver
            {
                public void AtomicWrite(string path, Action<Stream> action)
                {
                    using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0x10000, FileOptions.SequentialScan);
                    action(stream);
                    HardFlush(stream);
                }

                /// <summary>
                /// Flush a stream, checking to see if it is a file -- in which case it asks for a flush-to-disk.
                /// </summary>
                private static void HardFlush(Stream? stream)
                {
                    if (stream == null) return;
                    if (stream is FileStream fs) fs.Flush(true);
                    stream.Flush();
                }
            }
            """);

    [Fact]
    public Task A_comment_that_names_no_disk_promises_nothing() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class SegmentWriter
            {
                private readonly FileStream _segment = new("segment.dat", FileMode.Append, FileAccess.Write);

                public void Add(byte[] record) => _segment.Write(record, 0, record.Length);

                // Flushes the write buffer so that readers of the file see the records.
                public void Flush() => _segment.Flush();

                public void Seal() => _segment.Flush(true);
            }
            """);
}
