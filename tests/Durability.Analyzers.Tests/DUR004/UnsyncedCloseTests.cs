using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedFileContentsAnalyzer, Durability.CodeFixes.UnsyncedFileContentsCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR004;

/// <summary>
/// DUR004 on files that storage code writes through a stream and closes with no fsync: a new block or key file, records
/// appended to an index, a state object serialized into a file opened for writing. Closing a stream is no fsync.
/// </summary>
public sealed class UnsyncedCloseTests
{
    internal static DiagnosticResult Closed(int location, string path) =>
        Verifier.Diagnostic(RuleCatalog.WrittenAndClosedWithoutFsync).WithLocation(location).WithArguments(path);

    [Fact]
    public Task A_file_written_through_a_BinaryWriter_made_over_its_stream_is_flagged_and_fsynced_at_the_streams_close() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            sealed class HourlyStats
            {
                public long Queries;

                public void WriteTo(BinaryWriter writer) => writer.Write(Queries);
            }

            sealed class StatsStore
            {
                private readonly string _root = "stats";

                public void SaveHour(string hour, HourlyStats stats)
                {
                    using (var stream = {|#0:new FileStream(Path.Combine(_root, hour), FileMode.Create)|})
                    {
                        stats.WriteTo(new BinaryWriter(stream));
                    }
                }

                public void AppendEntry(string day, long entry)
                {
                    using (var stream = {|#1:new FileStream(Path.Combine(_root, day + ".log"), FileMode.Append)|})
                    {
                        var writer = new BinaryWriter(stream);
                        writer.Write(entry);
                    }
                }

                public void AppendSynced(string day, long entry)
                {
                    using (var stream = new FileStream(Path.Combine(_root, day + ".synced"), FileMode.Append))
                    {
                        var writer = new BinaryWriter(stream);
                        writer.Write(entry);
                        stream.Flush(flushToDisk: true);
                    }
                }
            }
            """,
            new[] { Closed(0, "'Path.Combine(_root, hour)'"), Closed(1, "'Path.Combine(_root, day + \".log\")'") },
            """
            using System.IO;

            sealed class HourlyStats
            {
                public long Queries;

                public void WriteTo(BinaryWriter writer) => writer.Write(Queries);
            }

            sealed class StatsStore
            {
                private readonly string _root = "stats";

                public void SaveHour(string hour, HourlyStats stats)
                {
                    using (var stream = new FileStream(Path.Combine(_root, hour), FileMode.Create))
                    {
                        stats.WriteTo(new BinaryWriter(stream));
                        stream.Flush(flushToDisk: true);
                    }
                }

                public void AppendEntry(string day, long entry)
                {
                    using (var stream = new FileStream(Path.Combine(_root, day + ".log"), FileMode.Append))
                    {
                        var writer = new BinaryWriter(stream);
                        writer.Write(entry);
                        stream.Flush(flushToDisk: true);
                    }
                }

                public void AppendSynced(string day, long entry)
                {
                    using (var stream = new FileStream(Path.Combine(_root, day + ".synced"), FileMode.Append))
                    {
                        var writer = new BinaryWriter(stream);
                        writer.Write(entry);
                        stream.Flush(flushToDisk: true);
                    }
                }
            }
            """);

    [Fact]
    public Task New_files_and_appends_closed_without_an_fsync_are_flagged_and_fsynced_last_in_their_scope() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.Text.Json;

            class BlockStore
            {
                private readonly string _root = "blocks";

                public void PutBlock(string hash, byte[] block)
                {
                    using var file = {|#0:new FileStream(Path.Combine(_root, hash), FileMode.CreateNew)|};
                    file.Write(block);
                }

                public void AppendIndex(string chain, byte[] hash)
                {
                    using (var index = {|#1:File.Open(Path.Combine(_root, chain + ".idx"), FileMode.Append)|})
                    {
                        index.Write(hash);
                    }
                }

                public void PutKey(string id, string json)
                {
                    using var writer = new StreamWriter({|#2:File.Open(Path.Combine(_root, id + ".key"), FileMode.CreateNew)|});
                    writer.Write(json);
                }

                public void PutState(string name, int[] state)
                {
                    using (var output = {|#3:File.OpenWrite(Path.Combine(_root, name))|})
                    {
                        JsonSerializer.Serialize(output, state);
                    }
                }

                public void PutHeader(string name, BlockHeader header)
                {
                    using var file = {|#4:new FileStream(Path.Combine(_root, name + ".hdr"), FileMode.Append)|};
                    header.ReadWrite(file, serializing: true);
                }
            }

            class BlockHeader
            {
                public void ReadWrite(Stream stream, bool serializing)
                {
                    if (serializing)
                    {
                        stream.WriteByte(1);
                    }
                }
            }
            """,
            new[]
            {
                Closed(0, "'Path.Combine(_root, hash)'"),
                Closed(1, "'Path.Combine(_root, chain + \".idx\")'"),
                Closed(2, "'Path.Combine(_root, id + \".key\")'"),
                Closed(3, "'Path.Combine(_root, name)'"),
                Closed(4, "'Path.Combine(_root, name + \".hdr\")'"),
            },
            """
            using System.IO;
            using System.Text.Json;
            using Durability.Runtime;

            class BlockStore
            {
                private readonly string _root = "blocks";

                public void PutBlock(string hash, byte[] block)
                {
                    using var file = new FileStream(Path.Combine(_root, hash), FileMode.CreateNew);
                    file.Write(block);
                    file.Flush(flushToDisk: true);
                }

                public void AppendIndex(string chain, byte[] hash)
                {
                    using (var index = File.Open(Path.Combine(_root, chain + ".idx"), FileMode.Append))
                    {
                        index.Write(hash);
                        index.Flush(flushToDisk: true);
                    }
                }

                public void PutKey(string id, string json)
                {
                    using var writer = new StreamWriter(File.Open(Path.Combine(_root, id + ".key"), FileMode.CreateNew));
                    writer.Write(json);
                    Fsync.File(writer);
                }

                public void PutState(string name, int[] state)
                {
                    using (var output = File.OpenWrite(Path.Combine(_root, name)))
                    {
                        JsonSerializer.Serialize(output, state);
                        output.Flush(flushToDisk: true);
                    }
                }

                public void PutHeader(string name, BlockHeader header)
                {
                    using var file = new FileStream(Path.Combine(_root, name + ".hdr"), FileMode.Append);
                    header.ReadWrite(file, serializing: true);
                    file.Flush(flushToDisk: true);
                }
            }

            class BlockHeader
            {
                public void ReadWrite(Stream stream, bool serializing)
                {
                    if (serializing)
                    {
                        stream.WriteByte(1);
                    }
                }
            }
            """);

    [Fact]
    public Task A_stream_closed_by_a_statement_of_its_own_is_closed_there_and_fsynced_before_it() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class KeyStore
            {
                public void SaveKey(string path, byte[] key)
                {
                    var buffer = new MemoryStream(key);
                    FileStream file = {|#0:File.Create(path)|};
                    buffer.CopyTo(file);
                    file.Close();
                }

                public void SaveSeed(string path, byte[] seed)
                {
                    var file = {|#1:new FileStream(path, FileMode.CreateNew)|};
                    file.Write(seed);
                    if (seed.Length > 0)
                    {
                        file.Dispose();
                    }
                }
            }
            """,
            new[] { Closed(0, "'path'"), Closed(1, "'path'") },
            """
            using System.IO;

            class KeyStore
            {
                public void SaveKey(string path, byte[] key)
                {
                    var buffer = new MemoryStream(key);
                    FileStream file = File.Create(path);
                    buffer.CopyTo(file);
                    file.Flush(flushToDisk: true);
                    file.Close();
                }

                public void SaveSeed(string path, byte[] seed)
                {
                    var file = new FileStream(path, FileMode.CreateNew);
                    file.Write(seed);
                    if (seed.Length > 0)
                    {
                        file.Flush(flushToDisk: true);
                        file.Dispose();
                    }
                }
            }
            """);

    [Fact]
    public Task A_file_closed_through_the_writer_made_over_its_stream_is_flagged_and_fsynced_before_the_writer_closes() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            static class ObjectDatabase
            {
                public static void WriteBlob(string path, string content)
                {
                    StreamWriter writer = null;
                    try
                    {
                        FileStream file = {|#0:File.Create(path)|};
                        writer = new StreamWriter(file);
                        writer.Write(content);
                    }
                    finally
                    {
                        if (writer != null) writer.Close();
                    }
                }

                public static void WriteHead(string path, string head)
                {
                    var file = {|#1:File.Create(path)|};
                    using var writer = new StreamWriter(file);
                    writer.Write(head);
                }

                public static void WriteRef(string path, string id)
                {
                    var file = {|#2:File.Create(path)|};
                    var writer = new StreamWriter(file);
                    writer.Write(id);
                    writer.Close();
                }

                public static string Read(string path) => File.ReadAllText(path);
            }
            """,
            new[] { Closed(0, "'path'"), Closed(1, "'path'"), Closed(2, "'path'") },
            """
            using System.IO;
            using Durability.Runtime;

            static class ObjectDatabase
            {
                public static void WriteBlob(string path, string content)
                {
                    StreamWriter writer = null;
                    try
                    {
                        FileStream file = File.Create(path);
                        writer = new StreamWriter(file);
                        writer.Write(content);
                        Fsync.File(writer);
                    }
                    finally
                    {
                        if (writer != null) writer.Close();
                    }
                }

                public static void WriteHead(string path, string head)
                {
                    var file = File.Create(path);
                    using var writer = new StreamWriter(file);
                    writer.Write(head);
                    Fsync.File(writer);
                }

                public static void WriteRef(string path, string id)
                {
                    var file = File.Create(path);
                    var writer = new StreamWriter(file);
                    writer.Write(id);
                    Fsync.File(writer);
                    writer.Close();
                }

                public static string Read(string path) => File.ReadAllText(path);
            }
            """);

    [Fact]
    public Task A_writer_closed_in_a_finally_over_a_file_fsynced_first_or_over_memory_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            static class ObjectDatabase
            {
                public static void WriteBlob(string path, string content)
                {
                    StreamWriter writer = null;
                    try
                    {
                        FileStream file = File.Create(path);
                        writer = new StreamWriter(file);
                        writer.Write(content);
                        writer.Flush();
                        file.Flush(flushToDisk: true);
                    }
                    finally
                    {
                        if (writer != null) writer.Close();
                    }
                }

                public static byte[] Render(string content)
                {
                    var buffer = new MemoryStream();
                    StreamWriter writer = null;
                    try
                    {
                        writer = new StreamWriter(buffer);
                        writer.Write(content);
                    }
                    finally
                    {
                        writer?.Dispose();
                    }

                    return buffer.ToArray();
                }

                public static string Read(string path) => File.ReadAllText(path);
            }
            """);

    [Fact]
    public Task A_file_of_an_isolated_store_written_and_closed_unsynced_is_flagged_and_fsynced_through_its_stream() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.IO.IsolatedStorage;

            // An SDK's offline queue: the requests not sent yet, saved in the application's isolated store.
            class QueueStorage
            {
                public void Save(string name, byte[] queue)
                {
                    var store = IsolatedStorageFile.GetUserStoreForAssembly();
                    using (var file = {|#0:store.OpenFile(name, FileMode.Create, FileAccess.Write)|})
                    {
                        file.Write(queue);
                    }
                }

                public int Load(string name, byte[] into)
                {
                    var store = IsolatedStorageFile.GetUserStoreForAssembly();
                    using var file = store.OpenFile(name, FileMode.Open, FileAccess.Read);
                    return file.Read(into);
                }
            }
            """,
            new[] { Closed(0, "'name'") },
            """
            using System.IO;
            using System.IO.IsolatedStorage;

            // An SDK's offline queue: the requests not sent yet, saved in the application's isolated store.
            class QueueStorage
            {
                public void Save(string name, byte[] queue)
                {
                    var store = IsolatedStorageFile.GetUserStoreForAssembly();
                    using (var file = store.OpenFile(name, FileMode.Create, FileAccess.Write))
                    {
                        file.Write(queue);
                        file.Flush(flushToDisk: true);
                    }
                }

                public int Load(string name, byte[] into)
                {
                    var store = IsolatedStorageFile.GetUserStoreForAssembly();
                    using var file = store.OpenFile(name, FileMode.Open, FileAccess.Read);
                    return file.Read(into);
                }
            }
            """);

    [Fact]
    public Task A_stream_closed_by_a_statement_after_an_fsync_or_kept_open_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class KeyStore
            {
                private FileStream _journal;

                public void SaveKey(string path, byte[] key)
                {
                    FileStream file = File.Create(path);
                    file.Write(key);
                    file.Flush(flushToDisk: true);
                    file.Close();
                }

                public void OpenJournal(string path)
                {
                    var file = new FileStream(path, FileMode.Append);
                    file.Write(new byte[] { 1 });
                    _journal = file;
                }

                public void ReadKey(string path, byte[] into)
                {
                    var file = File.OpenRead(path);
                    file.Read(into);
                    file.Close();
                }
            }
            """);

    [Fact]
    public Task Files_fsynced_flushed_read_left_empty_or_outside_storage_code_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Text.Json;

            class BlockStore
            {
                private readonly string _root = "blocks";

                public void PutFsynced(string hash, byte[] block)
                {
                    using var file = new FileStream(Path.Combine(_root, hash), FileMode.CreateNew);
                    file.Write(block);
                    file.Flush(true);
                }

                public void PutWrittenThrough(string hash, byte[] block)
                {
                    using var file = new FileStream(Path.Combine(_root, hash), FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
                    file.Write(block);
                }

                public void PutFlushed(string hash, byte[] block)
                {
                    // The flush is DUR001's to report, with its own fix.
                    using var file = new FileStream(Path.Combine(_root, hash), FileMode.CreateNew);
                    file.Write(block);
                    file.Flush();
                }

                public long SizeOf(string hash)
                {
                    using var file = new FileStream(Path.Combine(_root, hash), FileMode.OpenOrCreate);
                    return file.Length;
                }

                public int[]? LoadState(string name)
                {
                    using var input = new FileStream(Path.Combine(_root, name), FileMode.OpenOrCreate);
                    return JsonSerializer.Deserialize<int[]>(input);
                }

                public void Touch(string name)
                {
                    using var marker = new FileStream(Path.Combine(_root, name), FileMode.CreateNew);
                }

                public void TakeLock(string owner)
                {
                    using var writer = new StreamWriter(Path.Combine(_root, "store.lock"), append: true);
                    writer.Write(owner);
                }

                // Scratch: a chunk kept until the download is put together, never read after a restart.
                public void WriteChunkToTempFile(string chunkPath, Stream source)
                {
                    using (var chunk = File.OpenWrite(chunkPath))
                    {
                        source.CopyTo(chunk);
                    }
                }

                // Handed back to the caller, which sends, renames or fsyncs it.
                public string WritePackage(string name, byte[] items)
                {
                    var path = Path.Combine(_root, name + ".pkg");
                    using (var package = new FileStream(path, FileMode.CreateNew))
                    {
                        package.Write(items);
                    }

                    return path;
                }

                public void ExportBlocks(string target, byte[] all)
                {
                    using var file = new FileStream(target, FileMode.Append);
                    file.Write(all);
                }
            }

            class ReportPrinter
            {
                public void Print(string path, string text)
                {
                    using var writer = new StreamWriter(path, append: true);
                    writer.Write(text);
                }
            }
            """);

    [Fact]
    public Task A_file_written_by_a_serializer_the_build_cannot_bind_is_still_written() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class OutboxStore
            {
                private readonly dynamic _serializer;
                private readonly string _root = "outbox";

                public OutboxStore(object serializer) => _serializer = serializer;

                public void Put(string name, object item)
                {
                    var target = Path.Combine(_root, name);
                    using (var stream = {|#0:File.Open(target, FileMode.CreateNew)|})
                    {
                        _serializer.Serialize(item, stream);
                    }
                }

                public void PutSynced(string name, object item)
                {
                    var target = Path.Combine(_root, name);
                    using (var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write))
                    {
                        _serializer.Serialize(item, stream);
                        stream.Flush(true);
                    }
                }
            }
            """,
            Closed(0, "'target'"));

    [Fact]
    public Task A_stream_handed_to_a_callback_is_written_when_the_opening_makes_the_file_and_unknown_when_it_exists() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class JournalStore
            {
                private readonly string _root = "db";

                public void WithNewSegment(string name, Action<FileStream> fill)
                {
                    using (var stream = {|#0:File.Open(Path.Combine(_root, name), FileMode.CreateNew, FileAccess.ReadWrite)|})
                    {
                        fill(stream);
                    }
                }

                // The journal is opened exclusively to replay it: the callback reads it.
                public void WithExistingJournal(string name, Action<FileStream> replay)
                {
                    using (var stream = File.Open(Path.Combine(_root, name), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                    {
                        replay(stream);
                    }
                }
            }
            """,
            Closed(0, "'Path.Combine(_root, name)'"));

    [Fact]
    public Task An_xml_writers_flush_hands_text_to_the_page_cache_and_its_close_is_still_flagged() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.Xml;

            class NodeStore
            {
                public void Save(string path)
                {
                    using var writer = {|#0:XmlWriter.Create(path)|};
                    writer.WriteElementString("nodes", "");
                    writer.Flush();
                }
            }
            """,
            new[] { Closed(0, "'path'") },
            """
            using System.IO;
            using System.Xml;
            using Durability.Runtime;

            class NodeStore
            {
                public void Save(string path)
                {
                    using var writer = XmlWriter.Create(path);
                    writer.WriteElementString("nodes", "");
                    writer.Flush();
                    Fsync.File(writer, path);
                }
            }
            """);

    [Fact]
    public Task A_stream_handed_only_to_lookups_and_cut_short_is_not_written() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class MeasurementStore
            {
                private readonly string _path = "points.bin";

                // Drops the rows after a point: nothing new is written, so nothing can come back torn.
                public void ClearAfter(long key)
                {
                    using (var file = File.Open(_path, FileMode.Open, FileAccess.ReadWrite))
                    using (var reader = new BinaryReader(file))
                    {
                        file.SetLength(GetRowAfter(file, reader, key) * 16);
                    }
                }

                public void Cut(long rows)
                {
                    using (var file = File.Open(_path, FileMode.Open, FileAccess.ReadWrite))
                    {
                        file.SetLength(FindRow(file, rows) * 16);
                    }
                }

                private static long GetRowAfter(FileStream file, BinaryReader reader, long key) => reader.ReadInt64() > key ? 0 : file.Length / 16;

                private static long FindRow(FileStream file, long rows) => System.Math.Min(rows, file.Length / 16);
            }
            """);

    [Fact]
    public Task A_new_file_closed_through_the_projects_own_stream_wrapper_is_flagged_and_fsynced_by_its_path_through_the_wrapper() =>
        Verifier.CodeFixAsync("""
            using System;
            using System.IO;
            using System.Security.Cryptography;

            sealed class HashingStream : Stream
            {
                private readonly Stream _inner;
                private readonly HashAlgorithm _hash;

                public HashingStream(Stream inner, bool writing, HashAlgorithm hash)
                {
                    _inner = inner;
                    _hash = hash;
                }

                public override bool CanRead => false;
                public override bool CanSeek => false;
                public override bool CanWrite => true;
                public override long Length => _inner.Length;
                public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }
                public override void Flush() => _inner.Flush();
                public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
                public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
                public override void SetLength(long value) => throw new NotSupportedException();

                public override void Write(byte[] buffer, int offset, int count)
                {
                    _hash.TransformBlock(buffer, offset, count, null, 0);
                    _inner.Write(buffer, offset, count);
                }

                protected override void Dispose(bool disposing)
                {
                    if (disposing)
                    {
                        _inner.Dispose();
                    }

                    base.Dispose(disposing);
                }
            }

            class CachingFileStorage
            {
                private readonly string _root = "cache";

                public void StoreLocal(string name, Stream source)
                {
                    using (var hashing = new HashingStream({|#0:File.Create(Path.Combine(_root, name))|}, true, SHA256.Create()))
                    {
                        source.CopyTo(hashing);
                    }
                }
            }
            """,
            new[] { Closed(0, "'Path.Combine(_root, name)'") },
            """
            using System;
            using System.IO;
            using System.Security.Cryptography;
            using Durability.Runtime;

            sealed class HashingStream : Stream
            {
                private readonly Stream _inner;
                private readonly HashAlgorithm _hash;

                public HashingStream(Stream inner, bool writing, HashAlgorithm hash)
                {
                    _inner = inner;
                    _hash = hash;
                }

                public override bool CanRead => false;
                public override bool CanSeek => false;
                public override bool CanWrite => true;
                public override long Length => _inner.Length;
                public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }
                public override void Flush() => _inner.Flush();
                public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
                public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
                public override void SetLength(long value) => throw new NotSupportedException();

                public override void Write(byte[] buffer, int offset, int count)
                {
                    _hash.TransformBlock(buffer, offset, count, null, 0);
                    _inner.Write(buffer, offset, count);
                }

                protected override void Dispose(bool disposing)
                {
                    if (disposing)
                    {
                        _inner.Dispose();
                    }

                    base.Dispose(disposing);
                }
            }

            class CachingFileStorage
            {
                private readonly string _root = "cache";

                public void StoreLocal(string name, Stream source)
                {
                    using (var hashing = new HashingStream(File.Create(Path.Combine(_root, name)), true, SHA256.Create()))
                    {
                        source.CopyTo(hashing);
                        Fsync.File(hashing, Path.Combine(_root, name));
                    }
                }
            }
            """);

    [Fact]
    public Task A_new_record_named_by_the_clock_whose_path_is_handed_back_is_closed_unsynced_when_its_type_lists_such_records() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;

            // A mail spool: each message a new file, loaded again by listing "*.eml" at start.
            class MessageRepository
            {
                private const string SearchPattern = "*.eml";
                private readonly string _savePath = "incoming";

                public IList<string> LoadMessages() => Directory.GetFiles(_savePath, SearchPattern).ToList();

                public string SaveMessage(byte[] message)
                {
                    string fileName = null;
                    try
                    {
                        fileName = Path.Combine(_savePath, $"{DateTime.Now:yyyyMMddHHmmssfff}.eml");
                        using (var stream = {|#0:File.Create(fileName)|})
                        {
                            stream.Write(message);
                        }
                    }
                    catch (IOException)
                    {
                    }

                    return fileName;
                }

                // Another extension than the listing's: a draft the caller publishes.
                public string SaveDraft(byte[] message)
                {
                    var path = Path.Combine(_savePath, $"{DateTime.Now:yyyyMMddHHmmssfff}.draft");
                    using (var stream = File.Create(path))
                    {
                        stream.Write(message);
                    }

                    return path;
                }
            }
            """,
            Closed(0, "'fileName'"));

    [Fact]
    public Task A_page_written_in_place_into_an_existing_file_opened_read_write_is_flagged_and_one_only_read_or_checked_is_not() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            sealed class PageStore
            {
                private readonly string _dataFile = "table.data";

                public void WritePage(long index, byte[] page)
                {
                    using (var stream = {|#0:new FileStream(_dataFile, FileMode.Open)|})
                    {
                        stream.Seek(index * page.Length, SeekOrigin.Begin);
                        stream.Write(page, 0, page.Length);
                    }
                }

                public byte[] ReadPage(long index, int size)
                {
                    var page = new byte[size];
                    using (var stream = new FileStream(_dataFile, FileMode.Open))
                    {
                        stream.Seek(index * size, SeekOrigin.Begin);
                        stream.ReadExactly(page);
                    }

                    return page;
                }
            }

            sealed class TableCheck
            {
                private readonly string _tableFile = "table.data";

                // opened read-write to check what an earlier run wrote, and moved aside when it is damaged: nothing written here
                public void MoveAsideIfDamaged(string aside, byte[] expected)
                {
                    bool intact;
                    using (var stream = File.Open(_tableFile, FileMode.Open))
                    {
                        intact = Checksums.Match(stream, expected);
                    }

                    if (!intact)
                    {
                        File.Move(_tableFile, aside);
                    }
                }
            }

            static class Checksums
            {
                public static bool Match(Stream stream, byte[] expected) => stream.Length == expected.Length;
            }
            """,
            new[] { Closed(0, "'_dataFile'") },
            """
            using System.IO;

            sealed class PageStore
            {
                private readonly string _dataFile = "table.data";

                public void WritePage(long index, byte[] page)
                {
                    using (var stream = new FileStream(_dataFile, FileMode.Open))
                    {
                        stream.Seek(index * page.Length, SeekOrigin.Begin);
                        stream.Write(page, 0, page.Length);
                        stream.Flush(flushToDisk: true);
                    }
                }

                public byte[] ReadPage(long index, int size)
                {
                    var page = new byte[size];
                    using (var stream = new FileStream(_dataFile, FileMode.Open))
                    {
                        stream.Seek(index * size, SeekOrigin.Begin);
                        stream.ReadExactly(page);
                    }

                    return page;
                }
            }

            sealed class TableCheck
            {
                private readonly string _tableFile = "table.data";

                // opened read-write to check what an earlier run wrote, and moved aside when it is damaged: nothing written here
                public void MoveAsideIfDamaged(string aside, byte[] expected)
                {
                    bool intact;
                    using (var stream = File.Open(_tableFile, FileMode.Open))
                    {
                        intact = Checksums.Match(stream, expected);
                    }

                    if (!intact)
                    {
                        File.Move(_tableFile, aside);
                    }
                }
            }

            static class Checksums
            {
                public static bool Match(Stream stream, byte[] expected) => stream.Length == expected.Length;
            }
            """);
}
