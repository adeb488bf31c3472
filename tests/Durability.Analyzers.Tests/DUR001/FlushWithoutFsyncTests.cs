using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer, Durability.CodeFixes.FlushWithoutFsyncCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR001;

/// <summary>DUR001 must flag: page-cache-only flushes of file-backed streams in storage code.</summary>
public sealed class FlushWithoutFsyncTests
{
    private static DiagnosticResult Flush(int location, string variable) =>
        Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(location).WithArguments(variable);

    private static DiagnosticResult FlushAsync(int location, string variable) =>
        Verifier.Diagnostic(RuleCatalog.FlushAsyncWithoutFsync).WithLocation(location).WithArguments(variable);

    [Fact]
    public Task Lsm_memtable_wal_that_flushes_and_never_fsyncs_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Text;

            class MemtableWal
            {
                private readonly FileStream _fd = new FileStream("wal.log", FileMode.Append);

                public void Append(string key, byte[] value)
                {
                    _fd.Write(Encoding.UTF8.GetBytes(key));
                    _fd.Write(value);
                    {|#0:_fd.Flush()|};
                }
            }
            """,
            Flush(0, "_fd"));

    [Fact]
    public Task A_type_named_atomic_that_commits_a_file_with_a_flush_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class AtomicFile
            {
                private readonly FileStream _stream;

                public AtomicFile(string path) => _stream = new FileStream(path, FileMode.OpenOrCreate);

                public void Write(byte[] payload, long position)
                {
                    _stream.Position = position;
                    _stream.Write(payload);
                    _stream.Position = 0;
                    _stream.Write(System.BitConverter.GetBytes(position));
                    {|#0:_stream.Flush()|};
                }
            }

            class AtomicCounterSnapshot
            {
                private readonly MemoryStream _buffer = new MemoryStream();

                public void Write(byte[] value)
                {
                    _buffer.Write(value);
                    _buffer.Flush();
                }
            }
            """,
            Flush(0, "_stream"));

    [Fact]
    public Task Flush_false_is_flagged_like_flush() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentWriter
            {
                private FileStream _segment = File.Open("seg-0001", FileMode.Append);

                public void Write(byte[] record)
                {
                    _segment.Write(record);
                    {|#0:_segment.Flush(false)|};
                }
            }
            """,
            Flush(0, "_segment"));

    [Fact]
    public Task Each_flush_call_gets_its_own_diagnostic() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class JournalFile
            {
                private readonly FileStream _journal = new("journal", FileMode.Append);

                public void Begin() { _journal.WriteByte(1); {|#0:_journal.Flush()|}; }

                public void End() { _journal.WriteByte(2); {|#1:_journal.Flush()|}; }
            }
            """,
            Flush(0, "_journal"),
            Flush(1, "_journal"));

    [Fact]
    public Task FlushAsync_has_its_own_message() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class EventStore
            {
                private readonly FileStream _events = new("events.jsonl", FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);

                public async Task AppendAsync(byte[] line, CancellationToken ct)
                {
                    await _events.WriteAsync(line, ct);
                    await {|#0:_events.FlushAsync(ct)|};
                }
            }
            """,
            FlushAsync(0, "_events"));

    [Fact]
    public Task Stream_writer_over_a_path_is_file_backed() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class CommitLog
            {
                private readonly StreamWriter _writer = new StreamWriter("commit.log", append: true);

                public void Append(string entry)
                {
                    _writer.WriteLine(entry);
                    {|#0:_writer.Flush()|};
                }
            }
            """,
            Flush(0, "_writer"));

    [Fact]
    public Task Writers_from_file_factories_and_wrappers_over_file_streams_are_file_backed() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class LedgerFiles
            {
                private readonly TextWriter _text = File.AppendText("ledger.txt");
                private readonly BinaryWriter _binary;
                private readonly BufferedStream _buffered;

                public LedgerFiles(string path)
                {
                    _binary = new BinaryWriter(File.Create(path + ".bin"));
                    _buffered = new BufferedStream(new FileInfo(path + ".buf").Open(FileMode.Append), 65536);
                }

                public void Flush()
                {
                    {|#0:_text.Flush()|};
                    {|#1:_binary.Flush()|};
                    {|#2:_buffered.Flush()|};
                }
            }
            """,
            Flush(0, "_text"),
            Flush(1, "_binary"),
            Flush(2, "_buffered"));

    [Fact]
    public Task Local_file_stream_that_the_method_never_fsyncs_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            static class CheckpointWriter
            {
                public static void Write(string path, byte[] state)
                {
                    using var file = new FileStream(path, FileMode.Create);
                    file.Write(state);
                    {|#0:file.Flush()|};
                }
            }
            """,
            Flush(0, "file"));

    [Fact]
    public Task File_stream_parameter_that_the_method_never_fsyncs_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            static class PageStore
            {
                public static void WritePage(FileStream data, long offset, byte[] page)
                {
                    data.Position = offset;
                    data.Write(page);
                    {|#0:data.Flush()|};
                }
            }
            """,
            Flush(0, "data"));

    [Fact]
    public Task Durable_words_in_the_namespace_mark_intent() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            namespace Acme.Storage
            {
                class Appender
                {
                    private readonly FileStream _file = new("data", FileMode.Append);

                    public void Append(byte b) { _file.WriteByte(b); {|#0:_file.Flush()|}; }
                }
            }
            """,
            Flush(0, "_file"));

    [Fact]
    public Task A_storage_interface_base_class_or_plural_namespace_marks_intent() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            namespace Acme.Lists
            {
                public interface IDataStore { void Save(byte[] data); }

                public abstract class JournalBase { }

                // Named for nothing, but it is the project's data store: its flushes are meant to keep the data.
                class FileSystem : IDataStore
                {
                    private readonly FileStream _file = new("list.json", FileMode.Create);

                    public void Save(byte[] data) { _file.Write(data); {|#0:_file.Flush()|}; }
                }

                class Appender : JournalBase
                {
                    private readonly FileStream _file = new("entries", FileMode.Append);

                    public void Append(byte b) { _file.WriteByte(b); {|#1:_file.Flush()|}; }
                }
            }

            namespace Acme.DataStores
            {
                class FileList
                {
                    private readonly FileStream _file = new("items", FileMode.Append);

                    public void Add(byte b) { _file.WriteByte(b); {|#2:_file.Flush()|}; }
                }
            }
            """,
            Flush(0, "_file"),
            Flush(1, "_file"),
            Flush(2, "_file"));

    [Fact]
    public Task Loggers_pages_device_and_cache_namespaces_do_not_mark_intent() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            namespace Acme
            {
                public interface ILog { void Info(string message); }

                public interface IPage { void Render(); }

                class MessageWriter : ILog
                {
                    private readonly StreamWriter _writer = new("app.txt", append: true);

                    public void Info(string message) { _writer.WriteLine(message); _writer.Flush(); }
                }

                class ReportPage : IPage
                {
                    private readonly StreamWriter _writer = new("report.html");

                    public void Render() { _writer.Write("<html/>"); _writer.Flush(); }
                }
            }

            namespace Acme.Logs
            {
                class Archive
                {
                    private readonly FileStream _file = new("archive.txt", FileMode.Append);

                    public void Add(byte b) { _file.WriteByte(b); _file.Flush(); }
                }
            }

            namespace Windows.Storage
            {
                public interface IStorageFile { string Path { get; } }
            }

            namespace Acme.Explorer
            {
                // A UWP file handle names a file the user picked, not a store.
                class PickedFile : Windows.Storage.IStorageFile
                {
                    private readonly FileStream _file = new("picked.txt", FileMode.Append);

                    public string Path => "picked.txt";

                    public void Add(byte b) { _file.WriteByte(b); _file.Flush(); }
                }
            }

            // A cache's files can be fetched again, whatever else its namespace says.
            namespace MonkeyCache.FileStore
            {
                class Barrel
                {
                    private readonly FileStream _file = new("entry.dat", FileMode.Create);

                    public void Add(byte b) { _file.WriteByte(b); _file.Flush(); }
                }
            }

            namespace Microsoft.Azure.Devices.Edge.Metrics
            {
                class MetricsWriter
                {
                    private readonly FileStream _file = new("metrics.txt", FileMode.Append);

                    public void Add(byte b) { _file.WriteByte(b); _file.Flush(); }
                }
            }
            """);

    [Fact]
    public Task Scope_all_flags_code_without_storage_names()
    {
        var test = new AnalyzerTest<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer>
        {
            EditorConfig = """
                root = true

                [*.cs]
                dotnet_code_quality.durability_scope = all
                """,
        };
        test.Sources.Add("""
            using System.IO;

            class CsvExporter
            {
                public void Export(string path, string csv)
                {
                    using var output = new StreamWriter(path);
                    output.Write(csv);
                    {|#0:output.Flush()|};
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Flush(0, "output"));
        return test.RunAsync();
    }

    [Fact]
    public Task Rule_specific_patterns_win_over_shared_ones()
    {
        var test = new AnalyzerTest<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer>
        {
            EditorConfig = """
                root = true

                [*.cs]
                dotnet_code_quality.durable_type_patterns = Nothing
                dotnet_code_quality.DUR001.durable_type_patterns = *Repository
                """,
        };
        test.Sources.Add("""
            using System.IO;

            class OrderRepository
            {
                private readonly FileStream _file = new("orders", FileMode.Append);

                public void Save(byte b) { _file.WriteByte(b); {|#0:_file.Flush()|}; }
            }

            class OrderLog
            {
                private readonly FileStream _file = new("orders.log", FileMode.Append);

                public void Save(byte b) { _file.WriteByte(b); _file.Flush(); }
            }
            """);
        test.ExpectedDiagnostics.Add(Flush(0, "_file"));
        return test.RunAsync();
    }

    [Fact]
    public Task Export_methods_in_a_project_that_fsyncs_are_still_held_to_a_commit_that_calls_them_and_to_read_only_fsyncs() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class PageFile
            {
                private readonly FileStream _file = new("pages", FileMode.Append);

                public void Checkpoint() => _file.Flush(true);
            }

            class CsvExporter
            {
                public void Export(string path, string[] rows)
                {
                    using var output = new StreamWriter(path);
                    foreach (var row in rows)
                    {
                        output.WriteLine(row);
                    }

                    output.Flush();
                }
            }

            class LedgerBook
            {
                private readonly FileStream _file = new("ledger", FileMode.Append);

                public void Commit(byte[] entry)
                {
                    _file.Write(entry);
                    ExportTotals();
                }

                private void ExportTotals() => {|#0:_file.Flush()|};
            }

            class ArchiveExporter
            {
                public void ExportArchive(string path)
                {
                    using var archive = File.OpenRead(path);
                    {|#1:archive.Flush(true)|};
                }
            }
            """,
            Flush(0, "_file"),
            Verifier.Diagnostic(RuleCatalog.FsyncOfReadOnlyStream).WithLocation(1).WithArguments("archive"));

    [Fact]
    public Task A_log_handed_to_a_flush_policy_none_of_whose_implementations_fsyncs_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            public interface IWalFlushPolicy
            {
                ValueTask FlushCommitAsync(FileStream stream);
            }

            public sealed class CountingFlushPolicy : IWalFlushPolicy
            {
                public int Commits;

                public ValueTask FlushCommitAsync(FileStream stream)
                {
                    Commits++;
                    return ValueTask.CompletedTask;
                }
            }

            public sealed class WriteAheadLog
            {
                private readonly FileStream _stream = new("db.wal", FileMode.OpenOrCreate);
                private readonly IWalFlushPolicy _policy;

                public WriteAheadLog(IWalFlushPolicy policy) => _policy = policy;

                public async Task AppendAsync(byte[] frames)
                {
                    await _stream.WriteAsync(frames);
                    await {|#0:_stream.FlushAsync()|};
                    await _policy.FlushCommitAsync(_stream);
                }
            }
            """,
            FlushAsync(0, "_stream"));

    [Fact]
    public Task A_writer_opened_inside_a_lambda_given_to_an_exception_translating_wrapper_is_the_file_it_opens() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Text;

            public sealed class StorageException : Exception
            {
                public static T Translate<T>(Func<T> action, Func<string> path)
                {
                    try
                    {
                        return action();
                    }
                    catch (IOException e)
                    {
                        throw new StorageException(path(), e);
                    }
                }

                public StorageException(string path, Exception inner) : base(path, inner)
                {
                }
            }

            public sealed class BackupManifestWriter : IDisposable
            {
                private readonly StreamWriter _manifest;
                private readonly StreamWriter _summary;

                public BackupManifestWriter(string path)
                {
                    _manifest = StorageException.Translate(() => new StreamWriter(path, false, new UTF8Encoding(false)), () => path);
                    _summary = StorageException.Translate(() => new StreamWriter(new MemoryStream()), () => path);
                }

                public void RecordFileCopied(string name)
                {
                    _manifest.WriteLine(name);
                    {|#0:_manifest.Flush()|};
                    _summary.WriteLine(name);
                    _summary.Flush();
                }

                public void Dispose()
                {
                    _manifest.Dispose();
                    _summary.Dispose();
                }
            }
            """,
            Flush(0, "_manifest"));
}
