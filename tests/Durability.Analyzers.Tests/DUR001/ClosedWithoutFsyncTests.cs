using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer, Durability.CodeFixes.FlushWithoutFsyncCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR001;

/// <summary>
/// DUR001 on the close of a FileStream member that storage code writes and never flushes nor fsyncs: an engine whose only
/// "commit" is disposing its data file at shutdown, or a session whose Dispose closes what it appended. Dispose flushes
/// to the page cache as Flush() does, and no further.
/// </summary>
public sealed class ClosedWithoutFsyncTests
{
    private static DiagnosticResult Closed(int location, string stream) =>
        Verifier.Diagnostic(RuleCatalog.ClosedWithoutFsync).WithLocation(location).WithArguments(stream);

    [Fact]
    public Task A_stream_closed_and_then_disposed_is_flagged_once_at_its_first_close() =>
        Verifier.CodeFixAsync("""
            using System;
            using System.IO;

            public sealed class FileStorageStream : IDisposable
            {
                private readonly FileStream _backingStream;

                public FileStorageStream(string path) => _backingStream = new FileStream(path, FileMode.OpenOrCreate);

                public void Write(long address, byte[] bytes)
                {
                    _backingStream.Position = address;
                    _backingStream.Write(bytes, 0, bytes.Length);
                }

                public void Dispose()
                {
                    {|#0:_backingStream.Close()|};
                    _backingStream.Dispose();
                }
            }
            """,
            new[] { Closed(0, "_backingStream") },
            """
            using System;
            using System.IO;

            public sealed class FileStorageStream : IDisposable
            {
                private readonly FileStream _backingStream;

                public FileStorageStream(string path) => _backingStream = new FileStream(path, FileMode.OpenOrCreate);

                public void Write(long address, byte[] bytes)
                {
                    _backingStream.Position = address;
                    _backingStream.Write(bytes, 0, bytes.Length);
                }

                public void Dispose()
                {
                    _backingStream.Flush(flushToDisk: true);
                    _backingStream.Close();
                    _backingStream.Dispose();
                }
            }
            """);

    [Fact]
    public Task A_database_file_written_through_helpers_and_only_disposed_is_flagged_and_flushed_to_disk_before_closing() =>
        Verifier.CodeFixAsync("""
            using System;
            using System.IO;

            public sealed class PageStore
            {
                public static void Format(Stream file, long size) => file.SetLength(size);
                public static void WritePage(Stream file, long offset, byte[] page)
                {
                    file.Position = offset;
                    file.Write(page, 0, page.Length);
                }
            }

            public sealed class Database : IDisposable
            {
                private readonly FileStream _dbFile;

                public Database(string path)
                {
                    _dbFile = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 0, FileOptions.RandomAccess);
                    PageStore.Format(_dbFile, 4096);
                }

                public void Set(long page, byte[] value) => PageStore.WritePage(_dbFile, page * 4096, value);

                public void Dispose()
                {
                    {|#0:_dbFile.Dispose()|};
                }
            }
            """,
            new[] { Closed(0, "_dbFile") },
            """
            using System;
            using System.IO;

            public sealed class PageStore
            {
                public static void Format(Stream file, long size) => file.SetLength(size);
                public static void WritePage(Stream file, long offset, byte[] page)
                {
                    file.Position = offset;
                    file.Write(page, 0, page.Length);
                }
            }

            public sealed class Database : IDisposable
            {
                private readonly FileStream _dbFile;

                public Database(string path)
                {
                    _dbFile = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 0, FileOptions.RandomAccess);
                    PageStore.Format(_dbFile, 4096);
                }

                public void Set(long page, byte[] value) => PageStore.WritePage(_dbFile, page * 4096, value);

                public void Dispose()
                {
                    _dbFile.Flush(flushToDisk: true);
                    _dbFile.Dispose();
                }
            }
            """);

    [Fact]
    public Task Closes_written_directly_through_a_writer_in_an_arrow_body_or_conditionally_are_flagged_and_fixed_in_place() =>
        Verifier.CodeFixAsync("""
            using System;
            using System.IO;

            public sealed class KeyStoreSession : IDisposable
            {
                private readonly FileStream _keys;
                private readonly BinaryWriter _keyWriter;

                public KeyStoreSession(string directory)
                {
                    _keys = new FileStream(Path.Combine(directory, "keys.dat"), FileMode.Append);
                    _keyWriter = new BinaryWriter(_keys);
                }

                public void Put(long key) => _keyWriter.Write(key);

                public void Dispose() => {|#0:_keys.Dispose()|};
            }

            public sealed class SegmentWriter
            {
                private FileStream? _segment;

                public void Open(string path) => _segment = File.OpenWrite(path);

                public void Append(byte[] record) => _segment!.Write(record, 0, record.Length);

                public void Close(bool now)
                {
                    if (now)
                        _segment?{|#1:.Close()|};
                }
            }
            """,
            new[] { Closed(0, "_keys"), Closed(1, "_segment") },
            """
            using System;
            using System.IO;

            public sealed class KeyStoreSession : IDisposable
            {
                private readonly FileStream _keys;
                private readonly BinaryWriter _keyWriter;

                public KeyStoreSession(string directory)
                {
                    _keys = new FileStream(Path.Combine(directory, "keys.dat"), FileMode.Append);
                    _keyWriter = new BinaryWriter(_keys);
                }

                public void Put(long key) => _keyWriter.Write(key);

                public void Dispose()
                {
                    _keys.Flush(flushToDisk: true);
                    _keys.Dispose();
                }
            }

            public sealed class SegmentWriter
            {
                private FileStream? _segment;

                public void Open(string path) => _segment = File.OpenWrite(path);

                public void Append(byte[] record) => _segment!.Write(record, 0, record.Length);

                public void Close(bool now)
                {
                    if (now)
                    {
                        _segment?.Flush(flushToDisk: true);
                        _segment?.Close();
                    }
                }
            }
            """);

    [Fact]
    public Task A_file_handle_written_with_RandomAccess_and_only_disposed_is_flagged_and_fsynced_before_it_closes() =>
        Verifier.CodeFixAsync("""
            using System;
            using System.IO;
            using Microsoft.Win32.SafeHandles;

            namespace Engine.Storage
            {
                sealed class PageFile : IDisposable
                {
                    private readonly SafeFileHandle _handle;

                    // Given back when the file fails its check, before the object has written anything: not the close.
                    public PageFile(string path)
                    {
                        _handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
                        if (RandomAccess.GetLength(_handle) % 4096 != 0)
                        {
                            _handle.Dispose();
                            throw new InvalidDataException("torn page file");
                        }
                    }

                    public void WritePage(long id, byte[] page) => RandomAccess.Write(_handle, page, id * 4096);

                    public void Dispose() => {|#0:_handle.Dispose()|};
                }

                // Synced by RandomAccess.FlushToDisk, or opened to read only: nothing to report.
                sealed class SyncedPageFile : IDisposable
                {
                    private readonly SafeFileHandle _handle;

                    public SyncedPageFile(string path) => _handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);

                    public void WritePage(long id, byte[] page) => RandomAccess.Write(_handle, page, id * 4096);

                    public void Sync() => RandomAccess.FlushToDisk(_handle);

                    public void Dispose() => _handle.Dispose();
                }

                sealed class PageReader : IDisposable
                {
                    private readonly SafeFileHandle _handle;

                    public PageReader(string path) => _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);

                    public int ReadPage(long id, byte[] page) => RandomAccess.Read(_handle, page, id * 4096);

                    public void Dispose() => _handle.Dispose();
                }
            }
            """,
            new[] { Closed(0, "_handle") },
            """
            using System;
            using System.IO;
            using Durability.Runtime;
            using Microsoft.Win32.SafeHandles;

            namespace Engine.Storage
            {
                sealed class PageFile : IDisposable
                {
                    private readonly SafeFileHandle _handle;

                    // Given back when the file fails its check, before the object has written anything: not the close.
                    public PageFile(string path)
                    {
                        _handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
                        if (RandomAccess.GetLength(_handle) % 4096 != 0)
                        {
                            _handle.Dispose();
                            throw new InvalidDataException("torn page file");
                        }
                    }

                    public void WritePage(long id, byte[] page) => RandomAccess.Write(_handle, page, id * 4096);

                    public void Dispose()
                    {
                        Fsync.File(_handle);
                        _handle.Dispose();
                    }
                }

                // Synced by RandomAccess.FlushToDisk, or opened to read only: nothing to report.
                sealed class SyncedPageFile : IDisposable
                {
                    private readonly SafeFileHandle _handle;

                    public SyncedPageFile(string path) => _handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);

                    public void WritePage(long id, byte[] page) => RandomAccess.Write(_handle, page, id * 4096);

                    public void Sync() => RandomAccess.FlushToDisk(_handle);

                    public void Dispose() => _handle.Dispose();
                }

                sealed class PageReader : IDisposable
                {
                    private readonly SafeFileHandle _handle;

                    public PageReader(string path) => _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);

                    public int ReadPage(long id, byte[] page) => RandomAccess.Read(_handle, page, id * 4096);

                    public void Dispose() => _handle.Dispose();
                }
            }
            """);

    [Fact]
    public Task Streams_fsynced_anywhere_written_through_synced_by_path_or_only_read_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            // Fsynced at commit: the close adds nothing to find.
            public sealed class CommitLog : IDisposable
            {
                private readonly FileStream _log = new FileStream("commit.log", FileMode.Append);

                public void Append(byte[] record) => _log.Write(record, 0, record.Length);
                public void Commit() => _log.Flush(true);
                public void Dispose() => _log.Dispose();
            }

            // Every write reaches the disk.
            public sealed class WriteThroughStore : IDisposable
            {
                private readonly FileStream _data = new FileStream("data.bin", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.WriteThrough);

                public void Put(byte[] value) => _data.Write(value, 0, value.Length);
                public void Dispose() => _data.Dispose();
            }

            // Opened for reading only, or only handed to loads: nothing written to lose.
            public sealed class SnapshotReader : IDisposable
            {
                private readonly FileStream _snapshot = File.OpenRead("snapshot.bin");
                private readonly FileStream _index = new FileStream("index.bin", FileMode.Open, FileAccess.ReadWrite);

                public int First() => _snapshot.ReadByte();
                public void Open() => LoadIndex(_index);
                private static void LoadIndex(Stream stream) => stream.ReadByte();
                public void Dispose()
                {
                    _snapshot.Dispose();
                    _index.Dispose();
                }
            }

            // Only asked about by a predicate (replaying a log opened by a method of the type).
            public sealed class PendingLogReader : IDisposable
            {
                private FileStream? _current;

                public bool Next()
                {
                    if (_current is null || IsAtEnd(_current))
                    {
                        _current = OpenNext();
                    }

                    return _current.ReadByte() >= 0;
                }

                private static bool IsAtEnd(FileStream stream) => stream.Position == stream.Length;
                private static FileStream OpenNext() => new FileInfo("next.log").Open(FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
                public void Dispose() => _current?.Dispose();
            }

            // Staged, closed and renamed into place: DUR004 reports the rename, before the contents are fsynced.
            public sealed class SnapshotStore
            {
                private FileStream? _pending;

                public void Begin(string temporary) => _pending = new FileStream(temporary, FileMode.Create);
                public void Add(byte[] chunk) => _pending!.Write(chunk, 0, chunk.Length);
                public void Complete(string temporary, string path)
                {
                    _pending!.Dispose();
                    File.Move(temporary, path, overwrite: true);
                }
            }

            // Closed without ever being written: a lock held open.
            public sealed class StoreLock : IDisposable
            {
                private readonly FileStream _lock = new FileStream("LOCK", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

                public void Dispose() => _lock.Dispose();
            }

            // Not storage code: an export for people.
            public sealed class CsvExporter : IDisposable
            {
                private readonly FileStream _output = File.Create("report.csv");

                public void Row(byte[] line) => _output.Write(line, 0, line.Length);
                public void Dispose() => _output.Dispose();
            }
            """);

    [Fact]
    public Task A_stream_the_type_flushes_is_reported_at_its_flush_only() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            public sealed class EventJournal : IDisposable
            {
                private readonly FileStream _journal = new FileStream("events.journal", FileMode.Append);

                public void Append(byte[] entry)
                {
                    _journal.Write(entry, 0, entry.Length);
                    {|#0:_journal.Flush()|};
                }

                public void Dispose() => _journal.Dispose();
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_journal"));

    [Fact]
    public Task Test_code_and_streams_of_other_objects_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            public sealed class Segment
            {
                public FileStream Stream { get; } = File.OpenWrite("segment.dat");
            }

            // The segment's stream is the segment's to make durable.
            public sealed class SegmentDatabase : IDisposable
            {
                private readonly Segment _active = new Segment();

                public void Put(byte[] value) => _active.Stream.Write(value, 0, value.Length);
                public void Dispose() => _active.Stream.Dispose();
            }

            public sealed class DatabaseTests
            {
                private readonly FileStream _file = File.OpenWrite("test.db");

                public void Writes_survive_a_process_restart()
                {
                    _file.Write(new byte[] { 1 }, 0, 1);
                    _file.Dispose();
                }
            }
            """);

    [Fact]
    public Task A_journal_writer_that_appends_and_only_closes_is_flagged_once_at_the_writer_and_fsynced_with_the_runtime() =>
        Verifier.CodeFixAsync("""
            using System;
            using System.IO;

            public sealed class CommandJournal : IDisposable
            {
                private readonly StreamWriter _writer;

                public CommandJournal(string path) => _writer = new StreamWriter(path, append: true);

                public void Append(string command) => _writer.WriteLine(command);

                public void Dispose()
                {
                    {|#0:_writer.Dispose()|};
                }
            }

            public sealed class EventLog : IDisposable
            {
                private readonly FileStream _file;
                private readonly BinaryWriter _events;

                public EventLog(string path)
                {
                    _file = new FileStream(path, FileMode.Append);
                    _events = new BinaryWriter(_file);
                }

                public void Append(long sequence) => _events.Write(sequence);

                public void Dispose()
                {
                    {|#1:_events.Dispose()|};
                    _file.Dispose();
                }
            }

            public sealed class SpoolWriter : IDisposable
            {
                private StreamWriter? _spool;

                public void Open(string path) => _spool = File.AppendText(path);

                public void Add(string message) => _spool!.WriteLine(message);

                public void Dispose() => _spool?{|#2:.Dispose()|};
            }
            """,
            new[] { Closed(0, "_writer"), Closed(1, "_events"), Closed(2, "_spool") },
            """
            using System;
            using System.IO;
            using Durability.Runtime;

            public sealed class CommandJournal : IDisposable
            {
                private readonly StreamWriter _writer;

                public CommandJournal(string path) => _writer = new StreamWriter(path, append: true);

                public void Append(string command) => _writer.WriteLine(command);

                public void Dispose()
                {
                    Fsync.File(_writer);
                    _writer.Dispose();
                }
            }

            public sealed class EventLog : IDisposable
            {
                private readonly FileStream _file;
                private readonly BinaryWriter _events;

                public EventLog(string path)
                {
                    _file = new FileStream(path, FileMode.Append);
                    _events = new BinaryWriter(_file);
                }

                public void Append(long sequence) => _events.Write(sequence);

                public void Dispose()
                {
                    Fsync.File(_events);
                    _events.Dispose();
                    _file.Dispose();
                }
            }

            public sealed class SpoolWriter : IDisposable
            {
                private StreamWriter? _spool;

                public void Open(string path) => _spool = File.AppendText(path);

                public void Add(string message) => _spool!.WriteLine(message);

                public void Dispose()
                {
                    if (_spool != null)
                    {
                        Fsync.File(_spool);
                    }

                    _spool?.Dispose();
                }
            }
            """);

    [Fact]
    public Task Writers_fsynced_through_the_runtime_flushed_every_write_or_over_memory_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Text;
            using Durability.Runtime;

            public sealed class CommandJournal : IDisposable
            {
                private readonly FileStream _file = new FileStream("commands.journal", FileMode.Append);
                private readonly StreamWriter _writer;

                public CommandJournal() => _writer = new StreamWriter(_file);

                public void Append(string command)
                {
                    _writer.WriteLine(command);
                    Fsync.File(_writer);
                }

                public void Dispose()
                {
                    _writer.Dispose();
                    _file.Dispose();
                }
            }

            // An application's log file, flushed at every line: a policy left alone, as its flushes are.
            public sealed class FileLogProcessor : IDisposable
            {
                private StreamWriter? _writer;

                public void Initialize(string path)
                {
                    var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                    _writer = new StreamWriter(file, Encoding.UTF8) { AutoFlush = true };
                }

                public void Write(string message) => _writer!.WriteLine(message);

                public void Dispose() => _writer?.Dispose();
            }

            public sealed class IndexStore : IDisposable
            {
                private readonly StringWriter _text = new StringWriter(new StringBuilder());
                private readonly MemoryStream _pages = new MemoryStream();

                public void Put(string key)
                {
                    _text.Write(key);
                    _pages.WriteByte(1);
                }

                public void Dispose()
                {
                    _text.Dispose();
                    _pages.Dispose();
                }
            }
            """);
}
