using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer, Durability.CodeFixes.FlushWithoutFsyncCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR001;

/// <summary>
/// DUR001 through a project's own file types (issue 11): an <c>IFileStream</c> abstraction, a device's file, an encrypting
/// <c>Stream</c> over a file it opens, whose <c>Flush()</c> forwards only a page-cache flush to the FileStream inside. A
/// commit that calls that <c>Flush()</c> is no more durable than one calling <c>FileStream.Flush()</c>.
/// </summary>
public sealed class FlushWithoutFsyncFileTypesTests
{
    [Fact]
    public Task A_commit_through_an_interface_whose_implementation_only_flushes_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            public interface IFileStream : IDisposable
            {
                void Write(byte[] data);
                void Flush();
            }

            public sealed class PhysicalFileStream : IFileStream
            {
                private readonly FileStream _stream;

                public PhysicalFileStream(string path) => _stream = File.Open(path, FileMode.Append);

                public void Write(byte[] data) => _stream.Write(data, 0, data.Length);

                public void Flush() => _stream.Flush();

                public void Dispose() => _stream.Dispose();
            }

            public sealed class RecordDevice
            {
                private readonly IFileStream _file;

                public RecordDevice(string path) => _file = new PhysicalFileStream(path);

                public void Commit(byte[] record)
                {
                    _file.Write(record);
                    {|#0:_file.Flush()|};
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_file"));

    [Fact]
    public Task A_file_type_handed_in_by_its_class_is_a_file_whatever_created_it() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            public interface IFileStream : IDisposable
            {
                void Write(byte[] data);
                void Flush();
            }

            public sealed class PhysicalFileStream : IFileStream
            {
                private readonly FileStream _stream;

                public PhysicalFileStream(string path) => _stream = File.Open(path, FileMode.Append);

                public void Write(byte[] data) => _stream.Write(data, 0, data.Length);

                public void Flush() => _stream.Flush();

                public void Dispose() => _stream.Dispose();
            }

            public sealed class SegmentWriter
            {
                private readonly PhysicalFileStream _segment;

                public SegmentWriter(PhysicalFileStream segment) => _segment = segment;

                public void CommitBatch(byte[] batch)
                {
                    _segment.Write(batch);
                    {|#0:_segment.Flush()|};
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_segment"));

    [Fact]
    public Task An_encrypting_stream_over_a_file_it_opens_from_a_file_info_is_a_file() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class EncryptedFileStream : Stream
            {
                private readonly FileStream _file;
                private readonly byte _key;

                public EncryptedFileStream(FileInfo info, byte key)
                {
                    _file = info.Open(FileMode.Append, FileAccess.Write);
                    _key = key;
                }

                public override void Flush() => _file.Flush();

                public override void Write(byte[] buffer, int offset, int count)
                {
                    for (var i = offset; i < offset + count; i++)
                    {
                        _file.WriteByte((byte)(buffer[i] ^ _key));
                    }
                }

                public override int Read(byte[] buffer, int offset, int count) => throw new System.NotSupportedException();
                public override long Seek(long offset, SeekOrigin origin) => throw new System.NotSupportedException();
                public override void SetLength(long value) => throw new System.NotSupportedException();
                public override bool CanRead => false;
                public override bool CanSeek => false;
                public override bool CanWrite => true;
                public override long Length => _file.Length;
                public override long Position { get => _file.Position; set => throw new System.NotSupportedException(); }
            }

            public sealed class SecretJournal
            {
                private readonly EncryptedFileStream _out = new(new FileInfo("secrets.journal"), 0x5A);

                public void Commit(byte[] entry)
                {
                    _out.Write(entry, 0, entry.Length);
                    {|#0:_out.Flush()|};
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_out"));

    [Fact]
    public Task A_file_type_whose_sync_the_commit_calls_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public interface IFileStream
            {
                void Write(byte[] data);
                void Flush();
                void Flush(bool flushToDisk);
                void Sync();
            }

            public sealed class PhysicalFileStream : IFileStream
            {
                private readonly FileStream _stream;

                public PhysicalFileStream(string path) => _stream = File.Open(path, FileMode.Append);

                public void Write(byte[] data) => _stream.Write(data, 0, data.Length);

                public void Flush() => _stream.Flush();

                public void Flush(bool flushToDisk) => _stream.Flush(flushToDisk);

                public void Sync() => _stream.Flush(true);
            }

            public sealed class DataFile
            {
                private readonly FileStream _stream;

                public DataFile(string path) => _stream = File.Open(path, FileMode.Append);

                public void Write(byte[] data) => _stream.Write(data, 0, data.Length);

                public void Flush() => _stream.Flush();

                public void Persist() => _stream.Flush(true);
            }

            public sealed class RecordDevice
            {
                private readonly IFileStream _index = new PhysicalFileStream("index");
                private readonly IFileStream _data = new PhysicalFileStream("data");
                private readonly DataFile _blobs = new("blobs");

                public void Commit(byte[] record)
                {
                    _index.Write(record);
                    _index.Flush();
                    _index.Sync();
                    _data.Write(record);
                    _data.Flush();
                    _data.Flush(true);
                    _blobs.Write(record);
                    _blobs.Flush();
                    _blobs.Persist();
                }
            }
            """);

    [Fact]
    public Task File_types_that_fsync_write_through_or_hold_no_file_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public interface IFileStream
            {
                void Write(byte[] data);
                void Flush();
            }

            public interface IFileSystem
            {
                IFileStream Open(string path);
            }

            public sealed class DurableFile : IFileStream
            {
                private readonly FileStream _stream = new("durable", FileMode.Append);

                public void Write(byte[] data) => _stream.Write(data, 0, data.Length);

                public void Flush() => _stream.Flush(flushToDisk: true);
            }

            public sealed class WriteThroughFile : IFileStream
            {
                private readonly FileStream _stream = new("through", FileMode.Append, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);

                public void Write(byte[] data) => _stream.Write(data, 0, data.Length);

                public void Flush() => _stream.Flush();
            }

            public sealed class MemoryFile : IFileStream
            {
                private readonly MemoryStream _stream = new();

                public void Write(byte[] data) => _stream.Write(data, 0, data.Length);

                public void Flush() => _stream.Flush();
            }

            public sealed class RecordDevice
            {
                private readonly IFileStream _durable = new DurableFile();
                private readonly IFileStream _through = new WriteThroughFile();
                private readonly IFileStream _memory = new MemoryFile();
                private readonly IFileStream _opened;

                // What a factory returns is not known: no finding on a guess.
                public RecordDevice(IFileSystem files) => _opened = files.Open("records");

                public void Commit(byte[] record)
                {
                    _durable.Write(record);
                    _durable.Flush();
                    _through.Write(record);
                    _through.Flush();
                    _memory.Write(record);
                    _memory.Flush();
                    _opened.Write(record);
                    _opened.Flush();
                }

                // A promise makes a stream parameter suspect; a file type's parameter is a file only when seen to be one.
                public static void Sync(IFileStream file) => file.Flush();
            }
            """);

    [Fact]
    public Task An_output_whose_directory_fsyncs_files_by_name_at_commit_is_left_to_the_commit() =>
        Verifier.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;

            public sealed class FileIndexDirectory
            {
                private readonly string _path;

                public FileIndexDirectory(string path) => _path = path;

                public IndexOutput CreateOutput(string name) => new IndexOutput(Path.Combine(_path, name));

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

                    public void WriteBytes(byte[] bytes) => _file.Write(bytes);

                    public void Flush() => _file.Flush();
                }
            }

            public sealed class SegmentCommitter
            {
                private readonly FileIndexDirectory.IndexOutput _output;

                public SegmentCommitter(FileIndexDirectory directory) => _output = directory.CreateOutput("segments_1");

                public void Commit(byte[] segment)
                {
                    _output.WriteBytes(segment);
                    _output.Flush();
                }
            }
            """);

    [Fact]
    public Task A_device_over_a_file_it_is_given_is_that_file_and_the_fix_fsyncs_the_file() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            public sealed class BlockDevice
            {
                private readonly Stream _stream;

                public BlockDevice(Stream stream) => _stream = stream;

                public void WriteBlock(byte[] block) => _stream.Write(block, 0, block.Length);

                public void Flush() => _stream.Flush();
            }

            public sealed class PageStore
            {
                private readonly FileStream _file = new("pages.db", FileMode.OpenOrCreate);
                private readonly BlockDevice _device;

                public PageStore() => _device = new BlockDevice(_file);

                public void CommitPage(byte[] page)
                {
                    _device.WriteBlock(page);
                    {|#0:_device.Flush()|};
                }
            }
            """,
            new[] { Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_device") },
            """
            using System.IO;
            using Durability.Runtime;

            public sealed class BlockDevice
            {
                private readonly Stream _stream;

                public BlockDevice(Stream stream) => _stream = stream;

                public void WriteBlock(byte[] block) => _stream.Write(block, 0, block.Length);

                public void Flush() => _stream.Flush();
            }

            public sealed class PageStore
            {
                private readonly FileStream _file = new("pages.db", FileMode.OpenOrCreate);
                private readonly BlockDevice _device;

                public PageStore() => _device = new BlockDevice(_file);

                public void CommitPage(byte[] page)
                {
                    _device.WriteBlock(page);
                    _device.Flush();
                    Fsync.File(_file);
                }
            }
            """);

    [Fact]
    public Task A_device_over_an_inline_file_is_flagged_without_a_fix() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class BlockDevice
            {
                private readonly Stream _stream;

                public BlockDevice(Stream stream) => _stream = stream;

                public void WriteBlock(byte[] block) => _stream.Write(block, 0, block.Length);

                public void Flush() => _stream.Flush();
            }

            public sealed class PageStore
            {
                private readonly BlockDevice _device = new(File.Open("pages.db", FileMode.OpenOrCreate));

                public void CommitPage(byte[] page)
                {
                    _device.WriteBlock(page);
                    {|#0:_device.Flush()|};
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_device"));

    [Fact]
    public Task A_device_over_memory_or_over_a_file_fsynced_after_its_flush_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class BlockDevice
            {
                private readonly Stream _stream;

                public BlockDevice(Stream stream) => _stream = stream;

                public void WriteBlock(byte[] block) => _stream.Write(block, 0, block.Length);

                public void Flush() => _stream.Flush();
            }

            public sealed class PageStore
            {
                private readonly FileStream _file = new("pages.db", FileMode.OpenOrCreate);
                private readonly BlockDevice _device;
                private readonly BlockDevice _scratch = new(new MemoryStream());

                public PageStore() => _device = new BlockDevice(_file);

                public void CommitPage(byte[] page)
                {
                    _device.WriteBlock(page);
                    _device.Flush();
                    _file.Flush(flushToDisk: true);
                    _scratch.WriteBlock(page);
                    _scratch.Flush();
                }
            }
            """);

    [Fact]
    public Task A_stream_class_whose_flush_override_fsyncs_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class FlushToDiskFileStream : FileStream
            {
                public FlushToDiskFileStream(string path, FileMode mode) : base(path, mode) { }

                // Every flush reaches the disk: FlushFileBuffers on Windows, fsync elsewhere.
                public override void Flush() => base.Flush(true);

                public override Task FlushAsync(CancellationToken cancellationToken)
                {
                    Flush(flushToDisk: true);
                    return Task.CompletedTask;
                }
            }

            public sealed class HandleSyncedStream : FileStream
            {
                public HandleSyncedStream(string path) : base(path, FileMode.Append) { }

                public override void Flush()
                {
                    base.Flush();
                    RandomAccess.FlushToDisk(SafeFileHandle);
                }
            }

            public sealed class CommitLog
            {
                private readonly FlushToDiskFileStream _log = new("commit.log", FileMode.Append);
                private readonly HandleSyncedStream _index = new("commit.idx");

                public async Task CommitAsync(byte[] record, CancellationToken cancellationToken)
                {
                    _log.Write(record);
                    _log.Flush();
                    _index.Write(record);
                    _index.Flush();
                    await _log.FlushAsync(cancellationToken);
                }
            }
            """);

    [Fact]
    public Task A_stream_class_whose_flush_override_only_flushes_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class CountingFileStream : FileStream
            {
                public CountingFileStream(string path) : base(path, FileMode.Append) { }

                public int Flushes { get; private set; }

                public override void Flush()
                {
                    Flushes++;
                    base.Flush();
                }
            }

            public sealed class CommitLog
            {
                private readonly CountingFileStream _log = new("commit.log");

                public void Commit(byte[] record)
                {
                    _log.Write(record);
                    {|#0:_log.Flush()|};
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_log"));

    [Fact]
    public Task Generic_file_types_fsyncs_through_an_exposed_file_and_fsyncing_subclasses_in_any_variable_cover_the_commit() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Runtime.InteropServices;
            using Microsoft.Win32.SafeHandles;

            public sealed class Device<TKey>
            {
                private readonly FileStream _file;

                public Device(string path) => _file = new FileStream(path, FileMode.Append);

                public void Write(byte[] data) => _file.Write(data);

                public void Flush()
                {
                    _file.Flush();
                    SyncNow();
                }

                private void SyncNow() => _file.Flush(true);
            }

            public sealed class SegmentFile
            {
                public SegmentFile(string path) => Stream = new FileStream(path, FileMode.Append);

                public FileStream Stream { get; }

                public void Append(byte[] data) => Stream.Write(data);

                // Judged in its own type, where nothing fsyncs Stream: the fsync by the type that holds it is not seen there.
                public void Flush() => {|#0:Stream.Flush()|};
            }

            public class FlushToDiskFileStream : FileStream
            {
                public FlushToDiskFileStream(string path) : base(path, FileMode.Open) { }

                public override void Flush() => base.Flush(true);
            }

            public sealed class WindowsDurableStream : FileStream
            {
                public WindowsDurableStream(string path) : base(path, FileMode.Open) { }

                public override void Flush()
                {
                    base.Flush();
                    if (!FlushFileBuffers(SafeFileHandle))
                    {
                        throw new IOException("FlushFileBuffers failed");
                    }
                }

                [DllImport("kernel32.dll", SetLastError = true)]
                private static extern bool FlushFileBuffers(SafeFileHandle handle);
            }

            public sealed class SegmentStore
            {
                private readonly Device<long> _device = new("device.log");
                private readonly SegmentFile _active = new("seg-0001.dat");
                private readonly FileStream _log = new FlushToDiskFileStream("wal.log");
                private readonly WindowsDurableStream _windows = new("wal-win.log");

                public void Commit(byte[] record)
                {
                    _device.Write(record);
                    _device.Flush();
                    _active.Append(record);
                    _active.Flush();
                    _active.Stream.Flush(true);
                    _log.Write(record);
                    _log.Flush();
                    _windows.Write(record);
                    _windows.Flush();
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("Stream"));
}
