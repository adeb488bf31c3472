using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer, Durability.CodeFixes.FlushWithoutFsyncCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR001;

/// <summary>
/// DUR001 on a file that reaches its flush through a boundary: a helper given the stream (<c>Flush(_data)</c> over
/// <c>static void Flush(Stream s) =&gt; s.Flush()</c>), and a type given the stream by its constructor and created over a file
/// the creator opens (<c>new LogWriter(_files.NewWritable(name))</c>).
/// </summary>
public sealed class StreamsHandedOnTests
{
    private static DiagnosticResult ThroughHelper(int location, string stream, string helper) =>
        Verifier.Diagnostic(RuleCatalog.FlushThroughHelper).WithLocation(location).WithArguments(stream, helper);

    private static DiagnosticResult NeverFsynced(int location, string stream) =>
        Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(location).WithArguments(stream);

    [Fact]
    public Task A_page_file_flushed_only_through_a_helper_that_takes_a_stream_is_flagged_once_at_its_first_call_and_flushed_to_disk_after_it() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            public sealed class PageStore
            {
                private readonly FileStream _data = new("pages.db", FileMode.OpenOrCreate, FileAccess.ReadWrite);

                private static void Flush(Stream stream) => stream.Flush();

                public void WritePage(long offset, byte[] page, bool last)
                {
                    _data.Seek(offset, SeekOrigin.Begin);
                    _data.Write(page, 0, page.Length);
                    if (last)
                        {|#0:Flush(_data)|};
                }

                public void Truncate(long length)
                {
                    _data.SetLength(length);
                    Flush(_data);
                }
            }
            """,
            new[] { ThroughHelper(0, "_data", "Flush") },
            """
            using System.IO;

            public sealed class PageStore
            {
                private readonly FileStream _data = new("pages.db", FileMode.OpenOrCreate, FileAccess.ReadWrite);

                private static void Flush(Stream stream) => stream.Flush();

                public void WritePage(long offset, byte[] page, bool last)
                {
                    _data.Seek(offset, SeekOrigin.Begin);
                    _data.Write(page, 0, page.Length);
                    if (last)
                    {
                        Flush(_data);
                        _data.Flush(flushToDisk: true);
                    }
                }

                public void Truncate(long length)
                {
                    _data.SetLength(length);
                    Flush(_data);
                }
            }
            """);

    [Fact]
    public Task A_writer_handed_to_an_async_helper_through_another_helper_is_flagged_and_fsynced_with_the_runtime() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            public sealed class SessionJournal
            {
                private readonly StreamWriter _writer = new StreamWriter(new FileStream("session.log", FileMode.Append, FileAccess.Write));

                private static Task FlushCore(TextWriter writer) => writer.FlushAsync();

                private static Task Push(TextWriter writer) => FlushCore(writer);

                public async Task AppendAsync(string line)
                {
                    await _writer.WriteLineAsync(line);
                    await {|#0:Push(_writer)|};
                }
            }
            """,
            new[] { ThroughHelper(0, "_writer", "Push") },
            """
            using System.IO;
            using System.Threading.Tasks;
            using Durability.Runtime;

            public sealed class SessionJournal
            {
                private readonly StreamWriter _writer = new StreamWriter(new FileStream("session.log", FileMode.Append, FileAccess.Write));

                private static Task FlushCore(TextWriter writer) => writer.FlushAsync();

                private static Task Push(TextWriter writer) => FlushCore(writer);

                public async Task AppendAsync(string line)
                {
                    await _writer.WriteLineAsync(line);
                    await Push(_writer);
                    Fsync.File(_writer);
                }
            }
            """);

    [Fact]
    public Task A_helper_that_fsyncs_what_it_flushes_a_memory_stream_a_write_through_file_and_a_file_the_type_fsyncs_at_checkpoint_are_no_finding() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class PageStore
            {
                private readonly FileStream _data = new("pages.db", FileMode.OpenOrCreate, FileAccess.ReadWrite);
                private readonly FileStream _journal = new("journal.db", FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough);
                private readonly FileStream _index = new("index.db", FileMode.OpenOrCreate, FileAccess.ReadWrite);
                private readonly MemoryStream _scratch = new();

                private static void Flush(Stream stream) => stream.Flush();

                private static void Persist(Stream stream)
                {
                    stream.Flush();
                    Durability.Runtime.Fsync.File(stream);
                }

                public void WritePage(byte[] page)
                {
                    _data.Write(page, 0, page.Length);
                    Persist(_data);
                    _journal.Write(page, 0, page.Length);
                    Flush(_journal);
                    _scratch.Write(page, 0, page.Length);
                    Flush(_scratch);
                    _index.Write(page, 0, page.Length);
                    Flush(_index);
                }

                public void Checkpoint() => _index.Flush(flushToDisk: true);
            }
            """);

    [Fact]
    public Task A_helpers_call_beside_a_flush_of_the_same_file_reported_itself_is_no_second_finding() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class PageStore
            {
                private readonly FileStream _data = new("pages.db", FileMode.OpenOrCreate, FileAccess.ReadWrite);

                private static void Flush(Stream stream) => stream.Flush();

                public void WritePage(byte[] page)
                {
                    _data.Write(page, 0, page.Length);
                    Flush(_data);
                }

                public void WriteHeader(byte[] header)
                {
                    _data.Seek(0, SeekOrigin.Begin);
                    _data.Write(header, 0, header.Length);
                    {|#0:_data.Flush()|};
                }
            }
            """,
            NeverFsynced(0, "_data"));

    [Fact]
    public Task A_log_writer_over_a_stream_its_creator_opens_through_the_projects_factory_is_flagged_and_fsynced() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            public class StoreFiles
            {
                public virtual Stream NewWritable(string name) => File.Open(name, FileMode.CreateNew, FileAccess.Write);
            }

            public sealed class LogWriter
            {
                private readonly BinaryWriter _writer;

                public LogWriter(Stream stream) => _writer = new BinaryWriter(stream);

                public void AddRecord(byte[] record)
                {
                    _writer.Write(record.Length);
                    _writer.Write(record);
                    {|#0:_writer.Flush()|};
                }
            }

            public sealed class StorageState
            {
                private readonly StoreFiles _files = new();

                public LogWriter Log { get; private set; }

                public void NewLog(string name)
                {
                    var file = _files.NewWritable(name);
                    Log = new LogWriter(file);
                }
            }
            """,
            new[] { NeverFsynced(0, "_writer") },
            """
            using System.IO;
            using Durability.Runtime;

            public class StoreFiles
            {
                public virtual Stream NewWritable(string name) => File.Open(name, FileMode.CreateNew, FileAccess.Write);
            }

            public sealed class LogWriter
            {
                private readonly BinaryWriter _writer;

                public LogWriter(Stream stream) => _writer = new BinaryWriter(stream);

                public void AddRecord(byte[] record)
                {
                    _writer.Write(record.Length);
                    _writer.Write(record);
                    _writer.Flush();
                    Fsync.File(_writer);
                }
            }

            public sealed class StorageState
            {
                private readonly StoreFiles _files = new();

                public LogWriter Log { get; private set; }

                public void NewLog(string name)
                {
                    var file = _files.NewWritable(name);
                    Log = new LogWriter(file);
                }
            }
            """);

    [Fact]
    public Task A_table_builder_over_a_file_opened_in_place_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class TableBuilder
            {
                private readonly Stream _file;

                public TableBuilder(Stream file) => _file = file;

                public void Finish(byte[] footer)
                {
                    _file.Write(footer, 0, footer.Length);
                    {|#0:_file.Flush()|};
                }
            }

            public sealed class Compactor
            {
                public void Compact(string output, byte[] footer) => new TableBuilder(new FileStream(output, FileMode.CreateNew)).Finish(footer);
            }
            """,
            NeverFsynced(0, "_file"));

    [Fact]
    public Task A_table_builders_own_Flush_that_only_its_Finish_calls_is_flagged_inside_and_fsynced() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            public class TableFiles
            {
                public virtual Stream NewWritable(string name) => File.Open(name, FileMode.CreateNew, FileAccess.ReadWrite);
            }

            public sealed class TableBuilder
            {
                private readonly Stream _dataStream;

                public TableBuilder(Stream dataStream) => _dataStream = dataStream;

                public void Add(byte[] block) => _dataStream.Write(block, 0, block.Length);

                public void Flush() => {|#0:_dataStream.Flush()|};

                public void Finish(byte[] footer)
                {
                    Add(footer);
                    Flush();
                }
            }

            public sealed class Compactor
            {
                private readonly TableFiles _files = new();

                public void WriteLevel0Table(string name, byte[] footer)
                {
                    var builder = new TableBuilder(_files.NewWritable(name));
                    builder.Finish(footer);
                }
            }
            """,
            new[] { NeverFsynced(0, "_dataStream") },
            """
            using System.IO;
            using Durability.Runtime;

            public class TableFiles
            {
                public virtual Stream NewWritable(string name) => File.Open(name, FileMode.CreateNew, FileAccess.ReadWrite);
            }

            public sealed class TableBuilder
            {
                private readonly Stream _dataStream;

                public TableBuilder(Stream dataStream) => _dataStream = dataStream;

                public void Add(byte[] block) => _dataStream.Write(block, 0, block.Length);

                public void Flush()
                {
                    _dataStream.Flush();
                    Fsync.File(_dataStream);
                }

                public void Finish(byte[] footer)
                {
                    Add(footer);
                    Flush();
                }
            }

            public sealed class Compactor
            {
                private readonly TableFiles _files = new();

                public void WriteLevel0Table(string name, byte[] footer)
                {
                    var builder = new TableBuilder(_files.NewWritable(name));
                    builder.Finish(footer);
                }
            }
            """);

    [Fact]
    public Task An_append_that_flushes_the_file_it_was_created_over_is_flagged_but_not_its_Flush_that_nothing_calls() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class SegmentWriter
            {
                private readonly Stream _writeStream;
                private readonly BinaryWriter _bw;

                public SegmentWriter(Stream writeStream)
                {
                    _writeStream = writeStream;
                    _bw = new BinaryWriter(writeStream);
                }

                public long Append(byte[] key, byte[] value)
                {
                    var position = _writeStream.Position;
                    _bw.Write(key.Length);
                    _bw.Write(value.Length);
                    _bw.Write(key);
                    _bw.Write(value);
                    {|#0:_bw.Flush()|};
                    return position;
                }

                public void Flush() => _writeStream.Flush();
            }

            public sealed class FileSystemStrategy
            {
                public SegmentWriter OpenActive(string path) =>
                    new SegmentWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));
            }
            """,
            NeverFsynced(0, "_bw"));

    [Fact]
    public Task A_type_given_memory_streams_a_write_through_file_a_file_its_creator_fsyncs_or_closes_by_using_or_nothing_is_no_finding_nor_is_a_wrappers_own_Flush() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class LogWriter
            {
                private readonly BinaryWriter _writer;

                public LogWriter(Stream stream) => _writer = new BinaryWriter(stream);

                public void AddRecord(byte[] record)
                {
                    _writer.Write(record);
                    _writer.Flush();
                }
            }

            public sealed class RecordWriter
            {
                private readonly Stream _stream;

                public RecordWriter(Stream stream) => _stream = stream;

                public void AddRecord(byte[] record)
                {
                    _stream.Write(record, 0, record.Length);
                    _stream.Flush();
                }
            }

            public sealed class ManifestWriter
            {
                private readonly Stream _stream;

                public ManifestWriter(Stream stream) => _stream = stream;

                public void AddEdit(byte[] edit)
                {
                    _stream.Write(edit, 0, edit.Length);
                    _stream.Flush();
                }
            }

            public sealed class SegmentDevice
            {
                private readonly Stream _stream;

                public SegmentDevice(Stream stream) => _stream = stream;

                public void Write(byte[] block) => _stream.Write(block, 0, block.Length);

                public void Flush() => _stream.Flush();

                public void Dispose()
                {
                    _stream.Flush();
                    _stream.Dispose();
                }
            }

            public sealed class JournalAppender
            {
                private readonly Stream _stream;

                public JournalAppender(Stream stream) => _stream = stream;

                public void Append(byte[] entry)
                {
                    _stream.Write(entry, 0, entry.Length);
                    _stream.Flush();
                }
            }

            public sealed class StorageState
            {
                private FileStream _manifest;
                private FileStream _segment;
                private SegmentDevice _device;

                public LogWriter InMemory() => new LogWriter(new MemoryStream());

                public void WriteTable(string path, byte[] record)
                {
                    // The creator closes the file: DUR004 judges that close, not each flush of the type it hands the file to.
                    using var file = File.Create(path);
                    new JournalAppender(file).Append(record);
                }

                public RecordWriter WrittenThrough(string path) =>
                    new RecordWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough));

                public ManifestWriter OpenManifest(string path)
                {
                    _manifest = new FileStream(path, FileMode.Append, FileAccess.Write);
                    return new ManifestWriter(_manifest);
                }

                public void SyncManifest() => _manifest.Flush(flushToDisk: true);

                public void OpenDevice(string path)
                {
                    _segment = new FileStream(path, FileMode.Append, FileAccess.Write);
                    _device = new SegmentDevice(_segment);
                }

                public void Append(byte[] block) => _device.Write(block);

                public void Commit()
                {
                    _device.Flush();
                    _segment.Flush(flushToDisk: true);
                }
            }
            """);
}
