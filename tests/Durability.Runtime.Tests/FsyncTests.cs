using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace Durability.Runtime.Tests;

/// <summary>Fsync's helpers run for real on this machine's file system.</summary>
public sealed class FsyncTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void File_writes_the_buffer_of_a_file_stream_before_returning()
    {
        var path = _directory.File("a.log");
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 4096);
        stream.Write("hello"u8);
        Assert.Equal(0, new FileInfo(path).Length);

        Fsync.File(stream);

        Assert.Equal("hello", System.IO.File.ReadAllText(path));
    }

    [Fact]
    public void File_of_an_xml_writer_writes_its_buffer_to_the_file_it_names_before_returning()
    {
        var path = _directory.File("roles.xml");
        using var writer = System.Xml.XmlWriter.Create(path);
        writer.WriteElementString("roles", "admin");
        Assert.Equal(0, new FileInfo(path).Length);

        Fsync.File(writer, path);

        Assert.Equal("<?xml version=\"1.0\" encoding=\"utf-8\"?><roles>admin</roles>", System.IO.File.ReadAllText(path));
    }

    [Fact]
    public void File_of_an_xml_writer_refuses_a_missing_file_clearly()
    {
        using var writer = System.Xml.XmlWriter.Create(new StringBuilder());
        Assert.Throws<FileNotFoundException>(() => Fsync.File(writer, _directory.File("never-written.xml")));
    }

    [Fact]
    public void File_of_a_wrapper_stream_flushes_it_through_to_the_file_it_names_before_returning()
    {
        var path = _directory.File("blob.bin");
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite, bufferSize: 4096);
        using var wrapper = new CountingStream(file);
        wrapper.Write("chunk"u8.ToArray(), 0, 5);
        Assert.Equal(0, new FileInfo(path).Length);

        Fsync.File(wrapper, path);

        Assert.Equal("chunk", System.IO.File.ReadAllText(path));
        Assert.Equal(5, wrapper.Written);
    }

    [Fact]
    public void File_of_a_wrapper_stream_refuses_a_missing_file_and_bad_arguments_clearly()
    {
        using var wrapper = new CountingStream(new MemoryStream());
        Assert.Throws<FileNotFoundException>(() => Fsync.File(wrapper, _directory.File("never-written.bin")));
        Assert.Throws<ArgumentNullException>(() => Fsync.File((Stream)null!, _directory.File("a.bin")));
        Assert.Throws<ArgumentException>(() => Fsync.File(wrapper, ""));
    }

    // A project's own wrapper: counts what passes through, hides the stream under it.
    private sealed class CountingStream : Stream
    {
        private readonly Stream _inner;

        public CountingStream(Stream inner) => _inner = inner;

        public long Written { get; private set; }

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
            Written += count;
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

    [Fact]
    public void FileData_writes_the_buffer_and_syncs_the_data()
    {
        var path = _directory.File("data.seg");
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.Read, BufferSize = 4096, PreallocationSize = 1 << 20,
        });
        stream.Write("preallocated"u8);

        Fsync.FileData(stream);

        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[12];
        reader.ReadExactly(buffer);
        Assert.Equal("preallocated"u8.ToArray(), buffer);
    }

    [Fact]
    public void FileData_of_a_closed_stream_fails_clearly()
    {
        var stream = new FileStream(_directory.File("closed"), FileMode.CreateNew);
        stream.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Fsync.FileData(stream));
    }

    [Fact]
    public void File_accepts_a_read_only_stream()
    {
        var path = _directory.File("ro.log");
        System.IO.File.WriteAllText(path, "x");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        Fsync.File(stream);
        Fsync.File(stream.SafeFileHandle);
    }

    [Fact]
    public void File_of_a_writer_flushes_the_writer_and_its_buffered_stream()
    {
        var path = _directory.File("w.log");
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 4096);
        using var buffered = new BufferedStream(file, 4096);
        using var writer = new StreamWriter(buffered, new UTF8Encoding(false));
        writer.Write("line");

        Fsync.File(writer);

        Assert.Equal("line", System.IO.File.ReadAllText(path));
    }

    [Fact]
    public void File_of_a_binary_writer_reaches_the_file()
    {
        var path = _directory.File("b.bin");
        using var writer = new BinaryWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 4096));
        writer.Write(42);

        Fsync.File(writer);

        Assert.Equal(BitConverter.GetBytes(42), System.IO.File.ReadAllBytes(path));
    }

    [Fact]
    public async Task FileAsync_writes_the_buffer_and_fsyncs()
    {
        var path = _directory.File("async.log");
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
        await stream.WriteAsync("async"u8.ToArray());
        await using var writer = new StreamWriter(_directory.File("async.txt"));
        await writer.WriteAsync("text");

        await Fsync.FileAsync(stream);
        await Fsync.FileAsync(writer);

        Assert.Equal("async", System.IO.File.ReadAllText(path));
        Assert.Equal("text", System.IO.File.ReadAllText(_directory.File("async.txt")));
    }

    [Fact]
    public void File_of_a_compression_stream_flushes_it_and_fsyncs_the_file_under_it()
    {
        var path = _directory.File("c.gz");
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 4096);
        using var zip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest);
        zip.Write("compressed record"u8);

        Fsync.File(zip);

        using var reader = new System.IO.Compression.GZipStream(
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), System.IO.Compression.CompressionMode.Decompress);
        var buffer = new byte[17];
        reader.ReadExactly(buffer);
        Assert.Equal("compressed record"u8.ToArray(), buffer);
    }

    [Fact]
    public void Streams_and_writers_that_are_not_files_are_refused_clearly()
    {
        var memory = Assert.Throws<ArgumentException>(() => Fsync.File((Stream)new MemoryStream()));
        Assert.Contains("A MemoryStream is not a file", memory.Message);
        var text = Assert.Throws<ArgumentException>(() => Fsync.File(new StringWriter()));
        Assert.Contains("A StringWriter does not write to a file", text.Message);
    }

    [Fact]
    public void Directory_fsyncs_a_real_directory_and_its_parent()
    {
        var path = _directory.File("new-segment");
        System.IO.File.WriteAllText(path, "x");

        Fsync.Directory(_directory.Path);
        Fsync.ParentDirectory(path);
    }

    [Fact]
    public void ParentDirectoryEntry_fsyncs_the_directory_above_a_new_directory()
    {
        var created = Path.Combine(_directory.Path, "chunks", "ab");
        System.IO.Directory.CreateDirectory(created);
        var path = Path.Combine(created, "abcdef");
        System.IO.File.WriteAllText(path, "chunk");

        Fsync.ParentDirectoryEntry(path);

        var missing = Path.Combine(_directory.File("no-such-dir"), "ab", "abcdef");
        var error = Assert.Throws<DirectoryNotFoundException>(() => Fsync.ParentDirectoryEntry(missing));
        Assert.Contains("no-such-dir", error.Message);
    }

    [Fact]
    public void ParentDirectoryEntry_refuses_a_file_whose_directory_is_a_root()
    {
        var root = Path.GetPathRoot(_directory.Path)!;
        var error = Assert.Throws<ArgumentException>(() => Fsync.ParentDirectoryEntry(Path.Combine(root, "file")));
        Assert.Contains("is a root", error.Message);
        Assert.Throws<ArgumentNullException>(() => Fsync.ParentDirectoryEntry(null!));
    }

    [Fact]
    public void Directory_reports_a_missing_path_clearly()
    {
        var missing = _directory.File("no-such-dir");
        var error = Assert.Throws<DirectoryNotFoundException>(() => Fsync.Directory(missing));
        Assert.Contains(missing, error.Message);
        Assert.Throws<DirectoryNotFoundException>(() => Fsync.ParentDirectory(Path.Combine(missing, "file")));
    }

    [Fact]
    public void Directory_refuses_empty_paths()
    {
        Assert.Throws<ArgumentException>(() => Fsync.Directory(""));
        Assert.Throws<ArgumentNullException>(() => Fsync.ParentDirectory(null!));
    }

    [Fact]
    public void File_by_path_fsyncs_a_file_written_by_code_that_cannot()
    {
        var path = _directory.File("manifest.tmp");
        System.IO.File.WriteAllText(path, "state");

        Fsync.File(path);

        Assert.Equal("state", System.IO.File.ReadAllText(path));
        Assert.Throws<FileNotFoundException>(() => Fsync.File(_directory.File("missing")));
        Assert.Throws<ArgumentException>(() => Fsync.File(string.Empty));
    }

    [Fact]
    public void Created_returns_the_new_stream_or_writer_after_syncing_its_directory()
    {
        var stream = new FileStream(_directory.File("seg-1"), FileMode.CreateNew);
        using (var returned = Fsync.Created(stream))
        {
            Assert.Same(stream, returned);
        }

        var writer = new StreamWriter(_directory.File("seg-2"));
        using (var returned = Fsync.Created(writer))
        {
            Assert.Same(writer, returned);
        }

        Assert.Throws<ArgumentException>(() => Fsync.Created(new StreamWriter(new MemoryStream())));
    }

    [Fact]
    public void Created_returns_a_subclass_as_itself()
    {
        var journal = new JournalWriter(_directory.File("journal-1"));
        using (JournalWriter returned = Fsync.Created(journal))
        {
            Assert.Same(journal, returned);
            returned.Write("entry");
        }

        Assert.Equal("entry", System.IO.File.ReadAllText(_directory.File("journal-1")));
        var memory = new MemoryStream();
        var error = Assert.Throws<ArgumentException>(() => Fsync.Created(memory));
        Assert.Contains("MemoryStream", error.Message, StringComparison.Ordinal);
    }

    private sealed class JournalWriter : StreamWriter
    {
        public JournalWriter(string path)
            : base(path)
        {
        }
    }

    [Fact]
    public void File_of_a_crypto_stream_flushes_it_and_fsyncs_the_file_under_it()
    {
        var path = _directory.File("segment.enc");
        using var aes = System.Security.Cryptography.Aes.Create();
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 4096);
        using var crypto = new System.Security.Cryptography.CryptoStream(file, aes.CreateEncryptor(), System.Security.Cryptography.CryptoStreamMode.Write);
        crypto.Write(new byte[64]);
        Assert.Equal(0, new FileInfo(path).Length);

        Fsync.File((Stream)crypto);

        Assert.Equal(64, new FileInfo(path).Length);
    }
}
