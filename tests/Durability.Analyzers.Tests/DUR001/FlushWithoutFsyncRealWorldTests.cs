using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer, Durability.CodeFixes.FlushWithoutFsyncCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR001;

/// <summary>
/// DUR001 on the shapes real storage projects ship (issue 11): what it must flag although names say nothing,
/// and the false-positive classes of the corpus triage, each written anew.
/// </summary>
public sealed class FlushWithoutFsyncRealWorldTests
{
    internal static DiagnosticResult Flush(int location, string variable) =>
        Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(location).WithArguments(variable);

    [Fact]
    public Task A_flush_of_a_file_its_type_reads_back_at_start_and_keeps_open_to_append_is_flagged_whatever_the_type_is_called() =>
        Verifier.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;

            namespace Server.Security
            {
                // An access list: read at start, each new entry appended and flushed as if that made it safe.
                sealed class AccessList
                {
                    private const string FileName = "acl.txt";
                    private readonly HashSet<string> _allowed = new();
                    private readonly StreamWriter _writer;

                    public AccessList()
                    {
                        if (File.Exists(FileName))
                        {
                            foreach (var line in File.ReadAllLines(FileName))
                            {
                                _allowed.Add(line);
                            }
                        }

                        _writer = new StreamWriter(new FileStream(FileName, FileMode.Append, FileAccess.Write));
                    }

                    public void Allow(string user)
                    {
                        _allowed.Add(user);
                        _writer.WriteLine(user);
                        {|#0:_writer.Flush()|};
                    }
                }

                // Keeps its lock file open with the process id in it, read back by a check for a stale lock: no data.
                sealed class RegistryManager
                {
                    private readonly string _lockPath = "registry.locked";
                    private FileStream? _lockStream;
                    private StreamWriter? _lockWriter;

                    public bool IsStale() => File.Exists(_lockPath) && File.ReadAllText(_lockPath).Length == 0;

                    public void Acquire()
                    {
                        _lockStream = new FileStream(_lockPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 512, FileOptions.DeleteOnClose);
                        _lockWriter = new StreamWriter(_lockStream);
                        _lockWriter.Write(System.Environment.ProcessId);
                        _lockWriter.Flush();
                    }
                }

                // Keeps a file open and flushes it, but never reads it back: a trace of what happened, not state.
                sealed class AccessTrace
                {
                    private readonly StreamWriter _writer = new(new FileStream("access.trace", FileMode.Append, FileAccess.Write));

                    public void Record(string user)
                    {
                        _writer.WriteLine(user);
                        _writer.Flush();
                    }
                }
            }
            """,
            Flush(0, "_writer"));

    [Fact]
    public Task A_type_keeping_its_files_open_and_offering_a_flush_to_disk_is_storage_code_whatever_its_name() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            namespace KeyValue
            {
                // A redo-logged collection: it says it reaches the disk, so every flush of its files is held to that.
                sealed class CollectionWriter
                {
                    private readonly FileStream _index = new("c.inx", FileMode.OpenOrCreate);
                    private readonly FileStream _data = new("c.dat", FileMode.OpenOrCreate);

                    public void Put(byte[] key, byte[] row)
                    {
                        _index.Write(key);
                        _data.Write(row);
                    }

                    public void FlushToDisk()
                    {
                        {|#0:_index.Flush()|};
                        {|#1:_data.Flush()|};
                    }

                    public void Truncate()
                    {
                        _data.SetLength(0);
                        {|#2:_data.Flush()|};
                    }
                }

                // Named for reaching the disk, but keeps no file open: a utility whose other saves its callers sync.
                static class TextFiles
                {
                    public static void SaveToDisk(string path, string text) => File.WriteAllText(path, text);

                    public static void Append(string path, string text)
                    {
                        using var writer = new StreamWriter(path, append: true);
                        writer.Write(text);
                        writer.Flush();
                    }
                }

                // Keeps a file open, but its Sync is a file-sync client's trip to the server, not the disk.
                sealed class FolderMirror
                {
                    private readonly FileStream _listing = new("listing.txt", FileMode.Append);

                    public void SyncWithServer(System.Action<string> upload) => upload("listing.txt");

                    public void Record(byte[] entry)
                    {
                        _listing.Write(entry);
                        _listing.Flush();
                    }
                }
            }
            """,
            Flush(0, "_index"),
            Flush(1, "_data"),
            Flush(2, "_data"));

    [Fact]
    public Task A_type_that_fsyncs_one_file_is_storage_code_whatever_its_name() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class RecordDevice
            {
                private readonly FileStream _data = new("device.bin", FileMode.Append);
                private readonly FileStream _header = new("device.hdr", FileMode.OpenOrCreate);

                public void Write(byte[] record)
                {
                    _data.Write(record);
                    {|#0:_data.Flush()|};
                }

                public void WriteHeader(byte[] header)
                {
                    _header.Position = 0;
                    _header.Write(header);
                    _header.Flush(flushToDisk: true);
                }
            }
            """,
            Flush(0, "_data"));

    [Fact]
    public Task A_flush_in_a_project_that_fsyncs_elsewhere_is_checked() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class AccessList
            {
                private readonly StreamWriter _out = new("acl.txt", append: true);

                public void Grant(string user)
                {
                    _out.WriteLine(user);
                    {|#0:_out.Flush()|};
                }
            }

            static class Disk
            {
                public static void Persist(FileStream file) => file.Flush(true);
            }
            """,
            Flush(0, "_out"));

    [Fact]
    public Task A_project_that_fsyncs_with_a_space_before_the_parenthesis_fsyncs_all_the_same() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class AccessList
            {
                private readonly StreamWriter _out = new ("acl.txt", append: true);

                public void Grant (string user)
                {
                    _out.WriteLine (user);
                    {|#0:_out.Flush ()|};
                }
            }

            static class Disk
            {
                public static void Persist (FileStream file) => file.Flush ( true );
            }
            """,
            Flush(0, "_out"));

    [Fact]
    public Task An_fsync_only_at_close_does_not_cover_the_flushes_before_it() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            sealed class CommitLog : IDisposable
            {
                private readonly FileStream _file = new("commit.log", FileMode.Append);

                public void Append(byte[] entry)
                {
                    _file.Write(entry);
                    {|#0:_file.Flush()|};
                }

                public async System.Threading.Tasks.Task AppendAsync(byte[] entry)
                {
                    await _file.WriteAsync(entry);
                    await {|#1:_file.FlushAsync()|};
                }

                public void Dispose()
                {
                    _file.Flush();
                    _file.Flush(flushToDisk: true);
                    _file.Dispose();
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushFsyncedOnlyAtClose).WithLocation(0).WithArguments("_file"),
            Verifier.Diagnostic(RuleCatalog.FlushAsyncFsyncedOnlyAtClose).WithLocation(1).WithArguments("_file"));

    [Fact]
    public Task An_fsync_only_when_a_hosted_service_stops_does_not_cover_the_flushes_before_it_and_one_in_an_ordinary_method_does() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            sealed class WriteLog
            {
                private readonly FileStream _stream = new("meta.log", FileMode.Append);
                private readonly FileStream _index = new("meta.idx", FileMode.Append);

                public void Append(byte[] record, bool flush)
                {
                    _stream.Write(record);
                    if (flush)
                    {
                        {|#0:_stream.Flush()|};
                    }
                }

                public void AppendIndex(byte[] entry)
                {
                    _index.Write(entry);
                    _index.Flush();
                }

                public void Checkpoint() => _index.Flush(flushToDisk: true);

                public Task StopAsync(CancellationToken cancellationToken)
                {
                    _stream.Flush(flushToDisk: true);
                    _stream.Dispose();
                    return Task.CompletedTask;
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushFsyncedOnlyAtClose).WithLocation(0).WithArguments("_stream"));

    [Fact]
    public Task A_flush_to_disk_helper_that_falls_back_to_flush_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            static class StreamDurability
            {
                public static void FlushToDisk(Stream stream)
                {
                    if (stream is FileStream file)
                    {
                        file.Flush(flushToDisk: true);
                    }
                    else
                    {
                        {|#0:stream.Flush()|};
                    }
                }
            }
            """,
            Flush(0, "stream"));

    [Fact]
    public Task An_async_flush_to_disk_helper_that_falls_back_to_flush_async_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            static class StreamDurability
            {
                public static async Task FlushToDiskAsync(this Stream stream)
                {
                    if (stream is FileStream file)
                    {
                        file.Flush(flushToDisk: true);
                    }
                    else
                    {
                        await {|#0:stream.FlushAsync()|};
                    }
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushAsyncWithoutFsync).WithLocation(0).WithArguments("stream"));

    [Fact]
    public Task Write_through_files_need_no_fsync() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class JournalFile
            {
                private readonly FileStream _direct = new("a.journal", FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough);
                private readonly FileStream _viaOptions = new("b.journal", new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Options = FileOptions.WriteThrough | FileOptions.SequentialScan });
                private readonly StreamWriter _text = new(new FileStream("c.journal", FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough));

                public void Append(byte[] entry, string line)
                {
                    _direct.Write(entry);
                    _direct.Flush();
                    _viaOptions.Write(entry);
                    _viaOptions.Flush();
                    _text.WriteLine(line);
                    _text.Flush();
                }
            }
            """);

    [Fact]
    public Task Write_through_asked_for_through_a_variable_a_field_or_file_open_needs_no_fsync() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class JournalFile
            {
                private static readonly FileStreamOptions LogOptions = new() { Mode = FileMode.Append, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
                private const FileOptions Durable = FileOptions.WriteThrough | FileOptions.SequentialScan;

                private readonly FileStream _shared = new("a.journal", LogOptions);
                private readonly FileStream _constant = new("b.journal", FileMode.Append, FileAccess.Write, FileShare.Read, 4096, Durable);
                private readonly FileStream _opened = File.Open("c.journal", LogOptions);

                public void Append(byte[] entry, FileOptions extra)
                {
                    _shared.Write(entry);
                    _shared.Flush();
                    _constant.Write(entry);
                    _constant.Flush();
                    _opened.Write(entry);
                    _opened.Flush();

                    var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
                    using var local = new FileStream("d.journal", options);
                    local.Write(entry);
                    local.Flush();

                    using var combined = new FileStream("e.journal", FileMode.Append, FileAccess.Write, FileShare.Read, 4096, extra | FileOptions.WriteThrough);
                    combined.Write(entry);
                    combined.Flush();
                }
            }
            """);

    [Fact]
    public Task Options_without_write_through_still_need_an_fsync() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class JournalFile
            {
                private static readonly FileStreamOptions LogOptions = new() { Mode = FileMode.Append, Access = FileAccess.Write, Options = FileOptions.SequentialScan };

                private readonly FileStream _log = File.Open("a.journal", LogOptions);

                public void Append(byte[] entry)
                {
                    _log.Write(entry);
                    {|#0:_log.Flush()|};
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_log"));

    [Fact]
    public Task Write_through_offered_as_the_default_of_an_options_object_needs_no_fsync() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class JournalOptions
            {
                public JournalOptions(string path)
                {
                    Path = path;
                    FileOptions = FileOptions.WriteThrough;
                }

                public string Path { get; }

                public FileOptions FileOptions { get; set; }

                public FileStreamOptions? StreamOptions { get; set; } = new() { Mode = FileMode.Append, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
            }

            public sealed class RecordJournal
            {
                private readonly JournalOptions _options;
                private FileStream? _log;
                private FileStream? _mirror;

                public RecordJournal(JournalOptions options) => _options = options;

                public void Append(byte[] record)
                {
                    _log ??= new FileStream(_options.Path, FileMode.Append, FileAccess.Write, FileShare.Read, 8, _options.FileOptions);
                    _log.Write(record);
                    _mirror ??= new FileStream(_options.Path + ".mirror", _options.StreamOptions!);
                    _mirror.Write(record);
                }

                public void Close()
                {
                    _log?.Flush();
                    _mirror?.Flush();
                }
            }
            """);

    [Fact]
    public Task Options_objects_that_never_ask_for_write_through_still_need_an_fsync() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class JournalOptions
            {
                public JournalOptions(string path)
                {
                    Path = path;
                    FileOptions = FileOptions.SequentialScan;
                }

                public string Path { get; }

                public FileOptions FileOptions { get; set; }
            }

            public sealed class RecordJournal
            {
                private readonly JournalOptions _options;
                private FileStream? _log;

                public RecordJournal(JournalOptions options) => _options = options;

                public void Append(byte[] record)
                {
                    _log ??= new FileStream(_options.Path, FileMode.Append, FileAccess.Write, FileShare.Read, 8, _options.FileOptions);
                    _log.Write(record);
                }

                public void Close() => _log?{|#0:.Flush()|};
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_log"));

    [Fact]
    public Task Lock_and_export_files_of_storage_code_are_not_held_to_durability() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            sealed class TableStore
            {
                private readonly FileStream _lock;
                private readonly FileStream _log;

                public TableStore(string directory)
                {
                    _lock = new FileStream(Path.Combine(directory, "LOCK"), FileMode.OpenOrCreate, FileAccess.Write, FileShare.None);
                    _log = new FileStream(Path.Combine(directory, "table.log"), FileMode.Append);
                }

                public void Open(byte[] processId)
                {
                    _lock.Write(processId);
                    _lock.Flush();
                }

                public void Append(byte[] entry)
                {
                    _log.Write(entry);
                    {|#0:_log.Flush()|};
                }

                public void SaveJson(string exportPath, string json)
                {
                    using var writer = new StreamWriter(exportPath);
                    writer.Write(json);
                    writer.Flush();
                }

                public void WriteReport(string path, string text)
                {
                    using var writer = new StreamWriter(path);
                    writer.Write(text);
                    writer.Flush();
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_log"));

    [Fact]
    public Task A_stream_kept_only_for_reading_has_nothing_to_fsync() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class BlockIndex
            {
                private readonly FileStream _reader = new("blocks.idx", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);

                public byte[] Read(long offset)
                {
                    var copy = _reader;
                    copy.Seek(offset, SeekOrigin.Begin);
                    var block = new byte[64];
                    copy.ReadExactly(block);
                    return block;
                }

                public void Close() => _reader.Flush();
            }
            """);

    [Fact]
    public Task Diagnostic_loggers_inside_storage_namespaces_are_not_storage_code() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            namespace Acme.Database
            {
                class FileLogger
                {
                    private readonly StreamWriter _output = new("db.log", append: true);

                    public void Info(string message)
                    {
                        _output.WriteLine(message);
                        _output.Flush();
                    }
                }
            }

            namespace log4net.Appender
            {
                class RollingFile
                {
                    private readonly StreamWriter _output = new("app.log", append: true);

                    public void Append(string message)
                    {
                        _output.WriteLine(message);
                        _output.Flush();
                    }
                }
            }
            """);

    [Fact]
    public Task Test_fixtures_and_benchmarks_are_not_storage_code() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentStoreFixture
            {
                private readonly FileStream _file = new("seg", FileMode.Append);

                public void Seed(byte[] data) { _file.Write(data); _file.Flush(); }
            }

            class FakeJournal
            {
                private readonly FileStream _file = new("journal", FileMode.Append);

                public void Append(byte[] data) { _file.Write(data); _file.Flush(); }
            }

            class WalAppendBenchmark
            {
                private readonly FileStream _file = new("bench.wal", FileMode.Append);

                public void Append(byte[] data) { _file.Write(data); _file.Flush(); }
            }
            """);

    [Fact]
    public Task A_stream_that_reaches_a_callback_as_its_parameter_is_the_file_it_was_opened_on() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class LocalSnapshotStore
            {
                public FileInfo Save(string dir, byte[] snapshot)
                {
                    var tmpFile = new FileInfo(Path.Combine(dir, "snapshot.tmp"));
                    WithStream(new BufferedStream(new FileStream(tmpFile.FullName, FileMode.Create)), stream =>
                    {
                        stream.Write(snapshot);
                        {|#0:stream.Flush()|};
                        return true;
                    });
                    return tmpFile;
                }

                // Flushed callbacks of streams that are not files, or of calls given two streams, say nothing about a file.
                public byte[] Encode(byte[] snapshot)
                {
                    var buffer = new MemoryStream();
                    WithStream(buffer, stream =>
                    {
                        stream.Write(snapshot);
                        stream.Flush();
                        return true;
                    });
                    Copy(new FileStream("a", FileMode.Open), buffer, (from, to) =>
                    {
                        from.CopyTo(to);
                        to.Flush();
                    });
                    return buffer.ToArray();
                }

                private static T WithStream<T>(Stream stream, Func<Stream, T> use)
                {
                    using (stream)
                    {
                        return use(stream);
                    }
                }

                private static void Copy(Stream from, Stream to, Action<Stream, Stream> copy) => copy(from, to);
            }
            """,
            Flush(0, "stream"));

    [Fact]
    public Task Flushes_of_a_directory_that_fsyncs_files_by_name_at_commit_are_left_to_the_commit() =>
        Verifier.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;

            public sealed class FileIndexDirectory
            {
                private readonly string _path;

                public FileIndexDirectory(string path) => _path = path;

                public IndexOutput CreateOutput(string name) => new IndexOutput(Path.Combine(_path, name));

                // The commit: every file written since the last one is reopened by name and fsynced.
                public void Sync(ICollection<string> names)
                {
                    foreach (var name in names)
                    {
                        FsyncFile(Path.Combine(_path, name));
                    }
                }

                private static void FsyncFile(string file)
                {
                    using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
                    stream.Flush(flushToDisk: true);
                }

                public sealed class IndexOutput
                {
                    private readonly FileStream _file;

                    public IndexOutput(string file) => _file = new FileStream(file, FileMode.Create);

                    public void WriteBytes(byte[] bytes)
                    {
                        _file.Write(bytes);
                        _file.Flush();
                    }
                }
            }
            """);

    [Fact]
    public Task A_commit_is_not_kept_by_fsyncs_by_path_that_it_does_not_run() =>
        Verifier.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;

            public sealed class EventStore
            {
                private readonly FileStream _wal = new("events.wal", FileMode.Append);

                // Acknowledged as committed, yet only in the page cache: the snapshot's fsync by path is another method's.
                public void Commit(byte[] record)
                {
                    _wal.Write(record);
                    {|#0:_wal.Flush()|};
                }

                // Flushed files are synced by name when the caller commits them; this one does.
                public void CommitFiles(FileStream output, IEnumerable<string> names)
                {
                    output.Flush();
                    foreach (var name in names)
                    {
                        FsyncPath(name);
                    }
                }

                public void SaveSnapshot(string path, byte[] state)
                {
                    File.WriteAllBytes(path, state);
                    FsyncPath(path);
                }

                private static void FsyncPath(string path)
                {
                    using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
                    file.Flush(flushToDisk: true);
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_wal"));

    [Fact]
    public Task An_fsync_of_one_fixed_file_by_name_does_not_cover_the_other_flushes() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class SegmentStore
            {
                private readonly string _manifest = "MANIFEST";
                private readonly FileStream _log = new("segment.log", FileMode.Append);

                public void Append(byte[] record)
                {
                    _log.Write(record);
                    {|#0:_log.Flush()|};
                }

                public void Checkpoint() => FsyncFile(_manifest);

                private static void FsyncFile(string file)
                {
                    using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
                    stream.Flush(flushToDisk: true);
                }
            }
            """,
            Flush(0, "_log"));

    [Fact]
    public Task Flushes_of_a_directory_that_reopens_and_fsyncs_each_file_in_place_are_left_to_the_commit() =>
        Verifier.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;

            public sealed class FileIndexDirectory
            {
                private readonly string _path;

                public FileIndexDirectory(string path) => _path = path;

                public void Sync(ICollection<string> names)
                {
                    foreach (var name in names)
                    {
                        using var stream = new FileStream(Path.Combine(_path, name), FileMode.Open, FileAccess.Write);
                        stream.Flush(flushToDisk: true);
                    }
                }

                public sealed class IndexOutput
                {
                    private readonly FileStream _file;

                    public IndexOutput(string file) => _file = new FileStream(file, FileMode.Create);

                    public void WriteBytes(byte[] bytes)
                    {
                        _file.Write(bytes);
                        _file.Flush();
                    }
                }
            }
            """);

    [Fact]
    public Task An_fsync_in_place_of_one_file_named_through_a_local_does_not_cover_the_other_flushes() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class SegmentStore
            {
                private readonly string _directory = "data";
                private readonly FileStream _log = new("segment.log", FileMode.Append);

                public void Append(byte[] record)
                {
                    _log.Write(record);
                    {|#0:_log.Flush()|};
                }

                public void Checkpoint()
                {
                    var manifest = Path.Combine(_directory, "MANIFEST");
                    using var stream = new FileStream(manifest, FileMode.Open, FileAccess.Write);
                    stream.Flush(flushToDisk: true);
                }
            }
            """,
            Flush(0, "_log"));

    [Fact]
    public Task A_stream_opened_by_the_projects_own_factory_method_is_the_file_it_returns() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            public sealed class SegmentWriter
            {
                private readonly Stream _segment;

                public SegmentWriter(string path) => _segment = OpenSegment(path);

                public void Append(byte[] record)
                {
                    _segment.Write(record);
                    {|#0:_segment.Flush()|};
                }

                private static Stream OpenSegment(string path)
                {
                    var file = new FileStream(path, FileMode.Append);
                    return new BufferedStream(file, 1 << 16);
                }
            }
            """,
            new[] { Flush(0, "_segment") },
            """
            using System.IO;
            using Durability.Runtime;

            public sealed class SegmentWriter
            {
                private readonly Stream _segment;

                public SegmentWriter(string path) => _segment = OpenSegment(path);

                public void Append(byte[] record)
                {
                    _segment.Write(record);
                    _segment.Flush();
                    Fsync.File(_segment);
                }

                private static Stream OpenSegment(string path)
                {
                    var file = new FileStream(path, FileMode.Append);
                    return new BufferedStream(file, 1 << 16);
                }
            }
            """);

    [Fact]
    public Task A_stream_handed_out_by_the_projects_cache_of_open_files_is_the_file_it_opened_and_a_mixed_cache_is_not() =>
        Verifier.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;

            public sealed class AppendStreams
            {
                private readonly Dictionary<string, Stream> _streams = new();
                private readonly Dictionary<string, Stream> _buffers = new();
                private readonly Dictionary<string, Stream> _indexes = new();

                public Stream GetIndex(string path)
                {
                    if (!_indexes.ContainsKey(path))
                    {
                        _indexes[path] = new FileStream(path, FileMode.OpenOrCreate);
                    }

                    return _indexes[path];
                }

                public Stream GetAppend(string path)
                {
                    if (!_streams.TryGetValue(path, out var stream))
                    {
                        stream = File.Open(path, FileMode.Append);
                        _streams[path] = stream;
                    }

                    return stream;
                }

                public Stream GetBuffer(string path, bool inMemory)
                {
                    if (!_buffers.TryGetValue(path, out var cached))
                    {
                        if (inMemory)
                        {
                            _buffers[path] = new MemoryStream();
                        }
                        else
                        {
                            _buffers.Add(path, File.Open(path, FileMode.Append));
                        }

                        cached = _buffers[path];
                    }

                    return cached;
                }
            }

            public sealed class ChangeLog
            {
                private readonly AppendStreams _files = new();

                public void Record(string changeFile, byte[] change)
                {
                    var log = _files.GetAppend(changeFile);
                    log.Write(change);
                    {|#0:log.Flush()|};
                }

                public void Index(string indexFile, byte[] entry)
                {
                    var index = _files.GetIndex(indexFile);
                    index.Write(entry);
                    {|#1:index.Flush()|};
                }

                public void Stage(string changeFile, byte[] change)
                {
                    var buffer = _files.GetBuffer(changeFile, inMemory: change.Length < 64);
                    buffer.Write(change);
                    buffer.Flush();
                }
            }
            """,
            Flush(0, "log"),
            Flush(1, "index"));

    [Fact]
    public Task Streams_from_factory_methods_that_write_through_or_may_return_memory_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class SegmentWriter
            {
                private readonly FileStream _log;
                private readonly Stream _index;

                public SegmentWriter(string path, bool inMemory)
                {
                    _log = OpenLog(path);
                    _index = OpenIndex(path + ".idx", inMemory);
                }

                public void Append(byte[] record)
                {
                    _log.Write(record);
                    _log.Flush();
                    _index.Write(record);
                    _index.Flush();
                }

                private static FileStream OpenLog(string path) =>
                    new(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough);

                private static Stream OpenIndex(string path, bool inMemory)
                {
                    if (inMemory)
                    {
                        return new MemoryStream();
                    }

                    return new FileStream(path, FileMode.Append);
                }
            }
            """);

    [Fact]
    public Task Spill_files_in_a_project_that_fsyncs_are_scratch_data() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class SpillFile
            {
                private readonly FileStream _file = new("sort.run", FileMode.CreateNew);

                public void Add(byte[] run)
                {
                    _file.Write(run);
                    _file.Flush();
                }
            }

            public sealed class MergeRuns
            {
                private readonly FileStream _run = new("merge.run", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.DeleteOnClose);

                public void Add(byte[] run)
                {
                    _run.Write(run);
                    _run.Flush();
                }
            }

            public sealed class DataFile
            {
                private readonly FileStream _file = new("data.db", FileMode.Open);

                public void Commit() => _file.Flush(true);
            }
            """);

    [Fact]
    public Task A_local_stream_written_through_a_writer_or_a_copy_of_a_written_stream_is_still_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class CheckpointManager
            {
                private readonly FileStream _log = new("log", FileMode.Append);

                public void Commit(string folder, byte[] metadata)
                {
                    using (var file = new FileStream(Path.Combine(folder, "info.dat"), FileMode.Create))
                    using (var writer = new BinaryWriter(file))
                    {
                        writer.Write(metadata);
                        {|#0:file.Flush()|};
                    }

                    _log.Write(metadata);
                    var log = _log;
                    {|#1:log.Flush()|};
                }
            }
            """,
            Flush(0, "file"),
            Flush(1, "log"));

    [Fact]
    public Task A_commit_that_fsyncs_each_file_by_name_with_the_runtime_leaves_the_outputs_flushes_to_it() =>
        Verifier.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using Durability.Runtime;

            public sealed class FileIndexDirectory
            {
                private readonly string _path;

                public FileIndexDirectory(string path) => _path = path;

                public void Sync(ICollection<string> names)
                {
                    foreach (var name in names)
                    {
                        Fsync.File(Path.Combine(_path, name));
                    }
                }

                public sealed class IndexOutput
                {
                    private readonly FileStream _file;

                    public IndexOutput(string file) => _file = new FileStream(file, FileMode.Create);

                    public void WriteBytes(byte[] bytes)
                    {
                        _file.Write(bytes);
                        _file.Flush();
                    }
                }
            }
            """);

    [Fact]
    public Task A_group_commit_that_fsyncs_one_log_in_a_loop_does_not_cover_the_other_flushes() =>
        Verifier.AnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.IO;

            public sealed class LogStore
            {
                private readonly string _dir = "data";
                private readonly BlockingCollection<byte[]> _queue = new();
                private readonly FileStream _index = new("data/index.dat", FileMode.Append);

                public void RunWriter()
                {
                    var walPath = Path.Combine(_dir, "wal.log");
                    using var wal = new FileStream(walPath, FileMode.Append);
                    foreach (var record in _queue.GetConsumingEnumerable())
                    {
                        wal.Write(record);
                        wal.Flush(true);
                    }
                }

                public void AddToIndex(byte[] entry)
                {
                    _index.Write(entry);
                    {|#0:_index.Flush()|};
                }
            }
            """,
            Flush(0, "_index"));

    [Fact]
    public Task Local_streams_written_through_a_constructor_a_factory_or_a_file_type_are_still_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Text.Json;

            public sealed class RecordWriter
            {
                private readonly Stream _stream;

                public RecordWriter(Stream stream) => _stream = stream;

                public void Append(byte[] record) => _stream.Write(record);
            }

            public sealed class LogDevice
            {
                private readonly FileStream _file;

                public LogDevice(string path) => _file = new FileStream(path, FileMode.Append);

                public void Append(byte[] record) => _file.Write(record);

                public void Flush() => {|#4:_file.Flush()|};
            }

            public sealed class SnapshotStore
            {
                private static readonly byte[] Header = { 0x4C, 0x4F, 0x47, 0x31 };

                public void SaveSnapshot(string path, long[] state)
                {
                    using var stream = new FileStream(path, FileMode.Create);
                    using (var json = new Utf8JsonWriter(stream))
                    {
                        json.WriteStartArray();
                        json.WriteEndArray();
                    }

                    {|#0:stream.Flush()|};
                }

                public void SaveRecords(string path, byte[][] records)
                {
                    using var stream = new FileStream(path, FileMode.Create);
                    var writer = new RecordWriter(stream);
                    foreach (var record in records)
                    {
                        writer.Append(record);
                    }

                    {|#1:stream.Flush()|};
                }

                public void Roll(string path)
                {
                    var segment = CreateSegment(path);
                    {|#2:segment.Flush()|};
                    segment.Dispose();
                }

                public void Commit(string path, byte[] record)
                {
                    var device = new LogDevice(path);
                    device.Append(record);
                    {|#3:device.Flush()|};
                }

                private static FileStream CreateSegment(string path)
                {
                    var file = new FileStream(path, FileMode.CreateNew);
                    file.Write(Header, 0, Header.Length);
                    return file;
                }
            }
            """,
            Flush(0, "stream"),
            Flush(1, "stream"),
            Flush(2, "segment"),
            Flush(3, "device"),
            Flush(4, "_file"));

    [Fact]
    public Task A_helper_named_for_the_disk_that_only_writes_does_not_cover_its_callers_flush() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class WriteAheadLog
            {
                private readonly FileStream _log = new("wal.log", FileMode.Append);

                public void Append(byte[] record)
                {
                    _log.WriteToDisk(record);
                    {|#0:_log.Flush()|};
                }
            }

            public static class StreamExtensions
            {
                public static void WriteToDisk(this FileStream stream, byte[] data) => stream.Write(data, 0, data.Length);
            }
            """,
            Flush(0, "_log"));

    [Fact]
    public Task A_member_that_promises_durability_must_fsync_what_it_flushes_itself() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class RecordDevice
            {
                private readonly FileStream _file = new("device.bin", FileMode.Append);
                private readonly StreamWriter _writer;

                public RecordDevice() => _writer = new StreamWriter(_file);

                public void Write(string record) => _writer.Write(record);

                // The commit path: callers are told their records are durable when it returns.
                public void Sync()
                {
                    {|#0:_writer.Flush()|};
                }

                // An fsync elsewhere, later, does not keep Sync's promise.
                public void Checkpoint() => _file.Flush(flushToDisk: true);
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushFsyncedOnlyElsewhere).WithLocation(0).WithArguments("_writer", "Sync"));

    [Fact]
    public Task A_member_that_promises_durability_and_fsyncs_through_its_own_helpers_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class RecordDevice
            {
                private readonly FileStream _file = new("device.bin", FileMode.Append);
                private readonly FileStream _index = new("device.idx", FileMode.Append);
                private readonly StreamWriter _writer;

                public RecordDevice() => _writer = new StreamWriter(_file);

                public void Write(string record, byte[] entry)
                {
                    _writer.Write(record);
                    _index.Write(entry);
                }

                public void Sync()
                {
                    _writer.Flush();
                    SyncData();
                }

                public void SyncIndex()
                {
                    _index.Flush();
                    FsyncStream(_index);
                }

                public async System.Threading.Tasks.Task SyncDurableAsync()
                {
                    await _writer.FlushAsync();
                    await System.Threading.Tasks.Task.Run(() => _file.Flush(flushToDisk: true));
                    FsyncLocally();

                    void FsyncLocally() => _index.Flush(flushToDisk: true);
                }

                private void SyncData() => _file.Flush(flushToDisk: true);

                private static void FsyncStream(FileStream stream) => stream.Flush(flushToDisk: true);
            }
            """);

    [Fact]
    public Task A_commit_in_storage_code_must_fsync_what_it_flushes_itself() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            sealed class OrderJournal
            {
                private readonly FileStream _file = new("orders.journal", FileMode.Append);

                public void Commit(byte[] entry)
                {
                    _file.Write(entry);
                    {|#0:_file.Flush()|};
                }

                public async Task CommitBatchAsync(byte[] batch)
                {
                    await _file.WriteAsync(batch);
                    {|#1:_file.Flush()|};
                }

                // Fsyncs every few seconds: a commit acknowledged in between is not durable yet.
                public void Checkpoint() => _file.Flush(flushToDisk: true);
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushFsyncedOnlyElsewhere).WithLocation(0).WithArguments("_file", "Commit"),
            Verifier.Diagnostic(RuleCatalog.FlushFsyncedOnlyElsewhere).WithLocation(1).WithArguments("_file", "CommitBatchAsync"));

    [Fact]
    public Task A_commit_that_fsyncs_through_its_own_helper_and_flushes_elsewhere_covered_type_wide_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            sealed class OrderJournal
            {
                private readonly FileStream _file = new("orders.journal", FileMode.Append);
                private readonly FileStream _index = new("orders.index", FileMode.Append);

                public void Commit(byte[] entry)
                {
                    _file.Write(entry);
                    _file.Flush();
                    SyncData();
                }

                // Not a commit: the index is rebuilt from the journal, and Checkpoint fsyncs it.
                public void AddToIndex(byte[] key)
                {
                    _index.Write(key);
                    _index.Flush();
                }

                public void Checkpoint() => _index.Flush(flushToDisk: true);

                private void SyncData() => _file.Flush(flushToDisk: true);
            }
            """);

    [Fact]
    public Task A_helper_that_flushes_for_a_commit_is_held_to_the_commits_promise() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            sealed class OrderJournal
            {
                private readonly FileStream _file = new("orders.journal", FileMode.Append);
                private readonly FileStream _header = new("orders.header", FileMode.OpenOrCreate);

                public void Commit(byte[] entry)
                {
                    _file.Write(entry);
                    FlushBuffers();
                    WriteHeader(entry.Length);
                }

                private void FlushBuffers() => {|#0:_file.Flush()|};

                // The header says how far the journal is valid; nothing ever fsyncs it.
                private void WriteHeader(int length)
                {
                    _header.Position = 0;
                    _header.Write(System.BitConverter.GetBytes(length));
                    {|#1:_header.Flush()|};
                }

                public void Checkpoint() => _file.Flush(flushToDisk: true);
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushFsyncedOnlyElsewhere).WithLocation(0).WithArguments("_file", "Commit"),
            Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(1).WithArguments("_header"));

    [Fact]
    public Task A_writers_base_stream_flushed_in_storage_code_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            sealed class EventJournal
            {
                private readonly StreamWriter _writer = new(new FileStream("events.journal", FileMode.Append));

                public void Append(string line)
                {
                    _writer.WriteLine(line);
                    {|#0:_writer.Flush()|};
                    {|#1:_writer.BaseStream.Flush()|};
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_writer"),
            Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(1).WithArguments("_writer"));

    [Fact]
    public Task A_helper_flushing_for_several_promises_names_the_first_in_the_source() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            sealed class OrderJournal
            {
                private readonly FileStream _file = new("orders.journal", FileMode.Append);

                public void Sync() => FlushBuffers();

                public void Commit(byte[] entry)
                {
                    _file.Write(entry);
                    FlushBuffers();
                }

                private void FlushBuffers() => {|#0:_file.Flush()|};

                public void Checkpoint() => _file.Flush(flushToDisk: true);
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushFsyncedOnlyElsewhere).WithLocation(0).WithArguments("_file", "Sync"));

    [Fact]
    public Task A_commit_that_writes_after_its_last_fsync_and_only_flushes_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            sealed class PageFile
            {
                private readonly FileStream _file = new("pages.db", FileMode.OpenOrCreate);

                public void Commit(byte[] page, long committedLength)
                {
                    _file.Seek(0, SeekOrigin.End);
                    _file.Write(page);
                    _file.Flush(flushToDisk: true);
                    WriteHeader(committedLength);
                }

                // The header says how much of the file is committed; rewritten after the data's fsync, and only flushed.
                private void WriteHeader(long committedLength)
                {
                    _file.Seek(0, SeekOrigin.Begin);
                    _file.Write(BitConverter.GetBytes(committedLength));
                    {|#0:_file.Flush()|};
                }

                public void Sync(byte[] marker)
                {
                    _file.Flush(flushToDisk: true);
                    _file.Write(marker);
                    {|#1:_file.Flush()|};
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushAfterLastFsync).WithLocation(0).WithArguments("_file", "Commit"),
            Verifier.Diagnostic(RuleCatalog.FlushAfterLastFsync).WithLocation(1).WithArguments("_file", "Sync"));

    [Fact]
    public Task An_append_that_fsyncs_its_record_then_rewrites_the_header_and_only_flushes_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            sealed class WriteAheadLog
            {
                private readonly FileStream _log = new("wal.log", FileMode.OpenOrCreate);
                private readonly bool _forceSync = true;
                private long _lsn;

                // A commit that reaches the header's flush only through the append: the append's own fsync is what it misses.
                public Task<long> CommitAsync(byte[] record) => AppendAsync(record);

                public async Task<long> AppendAsync(byte[] entry)
                {
                    await _log.WriteAsync(entry);
                    if (_forceSync)
                    {
                        _log.Flush(flushToDisk: true);
                    }

                    _lsn++;
                    await UpdateHeaderAsync();
                    return _lsn;
                }

                // Recovery reads the next LSN from the header: rewritten after the record's fsync, and only flushed.
                private async Task UpdateHeaderAsync()
                {
                    _log.Position = 16;
                    await _log.WriteAsync(BitConverter.GetBytes(_lsn));
                    await {|#0:_log.FlushAsync()|};
                    _log.Position = _log.Length;
                }

                public void Mark(byte[] marker)
                {
                    _log.Flush(flushToDisk: true);
                    _log.Write(marker);
                    {|#1:_log.Flush()|};
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushAsyncAfterOwnFsync).WithLocation(0).WithArguments("_log", "AppendAsync"),
            Verifier.Diagnostic(RuleCatalog.FlushAfterOwnFsync).WithLocation(1).WithArguments("_log", "Mark"));

    [Fact]
    public Task Flushes_after_an_fsync_in_another_switch_section_or_of_a_file_rolled_over_by_the_type_are_not_after_the_members_fsync() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            sealed class SegmentLog
            {
                private FileStream _segment = new("0.seg", FileMode.Append);
                private int _number;

                public void Receive(object message, byte[] record)
                {
                    switch (message)
                    {
                        case "complete":
                            _segment.Flush(flushToDisk: true);
                            break;
                        case "flush":
                            _segment.Write(record);
                            _segment.Flush();
                            break;
                    }
                }

                public void Append(byte[] record, bool full)
                {
                    if (full)
                    {
                        Roll();
                    }

                    _segment.Write(record);
                    _segment.Flush();
                }

                // The old segment is fsynced and closed; a new file takes its field.
                private void Roll()
                {
                    _segment.Flush(flushToDisk: true);
                    _segment.Dispose();
                    _segment = new FileStream(++_number + ".seg", FileMode.Append);
                }
            }
            """);

    [Fact]
    public Task A_commit_whose_last_write_is_fsynced_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            sealed class PageFile
            {
                private readonly FileStream _file = new("pages.db", FileMode.OpenOrCreate);
                private readonly bool _durable = true;

                public void Commit(byte[] page, long committedLength)
                {
                    _file.Write(page);
                    _file.Flush(flushToDisk: true);
                    WriteHeader(committedLength);
                    _file.Flush(flushToDisk: true);
                }

                // The header helper fsyncs what it writes itself.
                public void CommitHeaderOnly(long committedLength)
                {
                    _file.Flush(flushToDisk: true);
                    WriteDurableHeader(committedLength);
                }

                // Durability is a setting here: the fsync after the flush runs when it is on.
                public void CommitConfigured(byte[] page)
                {
                    _file.Flush(flushToDisk: true);
                    _file.Write(page);
                    _file.Flush();
                    if (_durable)
                    {
                        _file.Flush(flushToDisk: true);
                    }
                }

                private void WriteHeader(long committedLength)
                {
                    _file.Seek(0, SeekOrigin.Begin);
                    _file.Write(BitConverter.GetBytes(committedLength));
                    _file.Flush();
                }

                private void WriteDurableHeader(long committedLength)
                {
                    _file.Seek(0, SeekOrigin.Begin);
                    _file.Write(BitConverter.GetBytes(committedLength));
                    _file.Flush();
                    _file.Flush(flushToDisk: true);
                }

                // The last fsync is another class's, handed the stream.
                public void CommitThroughUtility(byte[] record)
                {
                    _file.Flush(flushToDisk: true);
                    _file.Write(record);
                    _file.Flush();
                    DiskUtility.Fsync(_file);
                }
            }

            static class DiskUtility
            {
                public static void Fsync(FileStream stream) => stream.Flush(flushToDisk: true);
            }

            // A write-through marker is durable as it is written, whatever another stream's fsync before it.
            sealed class MarkedJournal
            {
                private readonly FileStream _data = new("data.journal", FileMode.Append);
                private readonly FileStream _marker = new("commit.marker", FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough);

                public void Commit(byte[] entry)
                {
                    _data.Write(entry);
                    _data.Flush(flushToDisk: true);
                    _marker.Write(entry);
                    _marker.Flush();
                }
            }
            """);

    [Fact]
    public Task A_helper_that_flushes_for_a_commit_which_then_fsyncs_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            sealed class OrderJournal
            {
                private readonly FileStream _file = new("orders.journal", FileMode.Append);

                public void Commit(byte[] entry)
                {
                    Append(entry);
                    _file.Flush(flushToDisk: true);
                }

                // Also called on its own by callers that batch; the type fsyncs the stream at every commit.
                public void Append(byte[] entry)
                {
                    _file.Write(entry);
                    _file.Flush();
                }
            }
            """);

    [Fact]
    public Task A_commit_outside_storage_code_is_not_held_to_durability() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            // A form's draft: nothing here fsyncs or is named for storage, so its Commit promises nothing about disks.
            sealed class DraftEditor
            {
                private readonly StreamWriter _draft = new("draft.txt");

                public void Type(string text) => _draft.Write(text);

                public void Commit() => _draft.Flush();
            }
            """);

    [Fact]
    public Task A_file_stream_flushed_through_another_objects_member_is_checked() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            sealed class Segment
            {
                public Segment(string path) => Stream = new FileStream(path, FileMode.Append);

                public FileStream Stream { get; }

                // An fsync at close protects nothing the log acknowledged before it.
                public void Dispose()
                {
                    Stream.Flush(flushToDisk: true);
                    Stream.Dispose();
                }
            }

            sealed class SegmentedLog
            {
                private Segment _active = new("0.seg");

                public void Append(byte[] record)
                {
                    _active.Stream.Write(record);
                    {|#0:_active.Stream.Flush()|};
                }
            }
            """,
            Flush(0, "_active.Stream"));

    [Fact]
    public Task A_stream_of_another_object_fsynced_by_its_owner_or_through_the_same_member_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            sealed class Segment
            {
                public Segment(string path) => Stream = new FileStream(path, FileMode.Append);

                public FileStream Stream { get; }

                public void Sync() => Stream.Flush(flushToDisk: true);
            }

            sealed class SegmentedLog
            {
                private Segment _active = new("0.seg");

                public void Append(byte[] record)
                {
                    _active.Stream.Write(record);
                    _active.Stream.Flush();
                }

                public void Checkpoint() => _active.Sync();
            }

            sealed class IndexFile
            {
                public FileStream File = new("index.dat", FileMode.Append);
            }

            sealed class IndexLog
            {
                private readonly IndexFile _index = new();

                public void Add(byte[] key)
                {
                    _index.File.Write(key);
                    _index.File.Flush();
                }

                public void Sync() => _index.File.Flush(flushToDisk: true);
            }
            """);

    [Fact]
    public Task A_device_is_storage_code_by_its_name_in_a_project_that_never_fsyncs() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            namespace Acme.Engine;

            // Pages reach the file through the device: its flush is all that stands between them and a power cut.
            sealed class FileBlockDevice
            {
                private readonly FileStream _file = new("blocks.dat", FileMode.OpenOrCreate);

                public void WriteBlock(long offset, byte[] block)
                {
                    _file.Position = offset;
                    _file.Write(block);
                    {|#0:_file.Flush()|};
                }
            }
            """,
            Flush(0, "_file"));

    [Fact]
    public Task A_writer_over_a_chained_assignment_is_covered_by_the_fsync_of_the_field_it_assigned() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Text;

            sealed class CountingStream : Stream
            {
                private readonly Stream _inner;

                public CountingStream(Stream inner) => _inner = inner;

                public long Written { get; private set; }

                public override bool CanRead => false;
                public override bool CanSeek => false;
                public override bool CanWrite => true;
                public override long Length => _inner.Length;
                public override long Position { get => _inner.Position; set => _inner.Position = value; }
                public override void Flush() => _inner.Flush();
                public override int Read(byte[] buffer, int offset, int count) => throw new System.NotSupportedException();
                public override long Seek(long offset, SeekOrigin origin) => throw new System.NotSupportedException();
                public override void SetLength(long value) => throw new System.NotSupportedException();

                public override void Write(byte[] buffer, int offset, int count)
                {
                    _inner.Write(buffer, offset, count);
                    Written += count;
                }
            }

            sealed class EventFile
            {
                private FileStream _file = null!;
                private CountingStream? _counter;
                private TextWriter _output = null!;

                public void Open(string path, bool countBytes)
                {
                    Stream output = _file = File.Open(path, FileMode.Append, FileAccess.Write, FileShare.Read);
                    if (countBytes)
                    {
                        output = _counter = new CountingStream(_file);
                    }

                    _output = new StreamWriter(output, Encoding.UTF8);
                }

                public void Append(string line) => _output.WriteLine(line);

                public void FlushToDisk()
                {
                    _output.Flush();
                    _file.Flush(flushToDisk: true);
                }
            }
            """);

    [Fact]
    public Task A_writer_over_a_chained_assignment_is_flagged_when_nothing_fsyncs_that_field() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Text;

            sealed class EventFile
            {
                private FileStream _file = null!;
                private FileStream _index = null!;
                private TextWriter _output = null!;

                public void Open(string path)
                {
                    Stream output = _file = File.Open(path, FileMode.Append, FileAccess.Write, FileShare.Read);
                    _index = File.Open(path + ".idx", FileMode.Append, FileAccess.Write, FileShare.Read);
                    _output = new StreamWriter(output, Encoding.UTF8);
                }

                public void Append(string line) => _output.WriteLine(line);

                public void FlushToDisk()
                {
                    {|#0:_output.Flush()|};
                    _index.Flush(flushToDisk: true);
                }
            }
            """,
            Flush(0, "_output"));

    [Fact]
    public Task A_flush_that_only_empties_the_buffer_before_a_resize_is_not_flagged_but_the_commits_flush_is() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class PageStorage
            {
                private readonly FileStream _data = new FileStream("pages.db", FileMode.OpenOrCreate);

                public async Task Commit()
                {
                    await {|#0:_data.FlushAsync()|};
                }

                public async Task Shrink(long newSize)
                {
                    await _data.FlushAsync();
                    _data.SetLength(newSize);
                }

                public void Truncate(long newSize)
                {
                    _data.Flush();
                    _data.SetLength(newSize);
                }

                public void Grow(long newSize, byte[] tail)
                {
                    _data.SetLength(newSize);
                    _data.Write(tail);
                    {|#1:_data.Flush()|};
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushAsyncWithoutFsync).WithLocation(0).WithArguments("_data"),
            Flush(1, "_data"));

    [Fact]
    public Task A_java_ports_force_is_an_fsync_promise_in_any_type() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            // Java's FileChannel, ported: force(metaData) is its fsync, and callers ask for it when they mean it.
            public class FileChannel
            {
                private readonly FileStream _stream;

                public FileChannel(string path) => _stream = new FileStream(path, FileMode.OpenOrCreate);

                public void Write(byte[] data) => _stream.Write(data);

                public void Force(bool metaData)
                {
                    {|#0:_stream.Flush()|};
                }
            }

            public class Body
            {
                private readonly FileStream _trace = new FileStream("trace.bin", FileMode.OpenOrCreate);

                public void Record(byte[] sample) => _trace.Write(sample);

                // A physics body's force: no promise about files.
                public void Force(float newtons)
                {
                    _trace.Flush();
                }
            }
            """,
            Flush(0, "_stream"));

    [Fact]
    public Task A_java_ports_force_that_fsyncs_keeps_its_promise() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public class FileChannel
            {
                private readonly FileStream _stream;

                public FileChannel(string path) => _stream = new FileStream(path, FileMode.OpenOrCreate);

                public void Write(byte[] data) => _stream.Write(data);

                public void Force(bool metaData) => _stream.Flush(true);
            }
            """);

    [Fact]
    public Task A_flush_through_a_property_that_returns_the_stream_field_is_the_fields_flush() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class CommitLog
            {
                private readonly BinaryWriter _writer = new(new FileStream("commits.idx", FileMode.Append));

                private BinaryWriter Writer
                {
                    get { return _writer; }
                }

                public void Write(long sequence)
                {
                    Writer.Write(sequence);
                    {|#0:Writer.Flush()|};
                }
            }
            """,
            new[] { Flush(0, "_writer") },
            """
            using System.IO;
            using Durability.Runtime;

            class CommitLog
            {
                private readonly BinaryWriter _writer = new(new FileStream("commits.idx", FileMode.Append));

                private BinaryWriter Writer
                {
                    get { return _writer; }
                }

                public void Write(long sequence)
                {
                    Writer.Write(sequence);
                    Writer.Flush();
                    Fsync.File(Writer);
                }
            }
            """);

    [Fact]
    public Task A_flush_through_a_property_whose_field_is_fsynced_elsewhere_or_that_computes_its_stream_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SequenceIndex
            {
                private readonly FileStream _file = new("seq.idx", FileMode.Append);
                private FileStream? _spare;

                private FileStream File => _file;

                // Not the field alone: which stream it returns is decided when it is read.
                private FileStream Current => _spare ?? _file;

                public void Append(byte[] entry)
                {
                    File.Write(entry);
                    File.Flush();
                }

                public void Sync() => _file.Flush(true);

                public void Park(byte[] entry)
                {
                    _spare ??= new FileStream("seq.spare", FileMode.Append);
                    Current.Write(entry);
                }
            }
            """);
}
