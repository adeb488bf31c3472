using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.CodeFixes;
using Durability.Testing;
using Microsoft.CodeAnalysis.CodeFixes;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer, Durability.CodeFixes.FlushWithoutFsyncCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR001;

/// <summary>DUR001's fixes: exact output, compiling, and clearing the diagnostic; one at a time and through FixAll.</summary>
public sealed class FlushWithoutFsyncFixTests
{
    private static DiagnosticResult Flush(int location, string variable) =>
        Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(location).WithArguments(variable);

    private static DiagnosticResult FlushAsync(int location, string variable) =>
        Verifier.Diagnostic(RuleCatalog.FlushAsyncWithoutFsync).WithLocation(location).WithArguments(variable);

    // One fix at a time: once the first flush fsyncs _fd, the second no longer loses data and is left alone.
    [Fact]
    public Task File_stream_flush_becomes_flush_to_disk() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class MemtableWal
            {
                private readonly FileStream _fd = new("wal.log", FileMode.Append);

                public void Append(byte[] record)
                {
                    _fd.Write(record);
                    {|#0:_fd.Flush()|}; // every append
                    {|#1:_fd.Flush(false)|};
                }
            }
            """,
            new[] { Flush(0, "_fd"), Flush(1, "_fd") },
            """
            using System.IO;

            class MemtableWal
            {
                private readonly FileStream _fd = new("wal.log", FileMode.Append);

                public void Append(byte[] record)
                {
                    _fd.Write(record);
                    _fd.Flush(flushToDisk: true); // every append
                    _fd.Flush(false);
                }
            }
            """);

    [Fact]
    public Task A_stream_opened_on_first_use_and_flushed_if_open_is_flushed_to_disk_in_place() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            sealed class SegmentLog
            {
                private readonly string _path;
                private FileStream? _segment;

                public SegmentLog(string path) => _path = path;

                public void Append(byte[] record)
                {
                    _segment ??= new FileStream(_path, FileMode.Append, FileAccess.Write);
                    _segment.Write(record);
                }

                public void Close()
                {
                    _segment?{|#0:.Flush()|};
                    _segment?.Dispose();
                }
            }
            """,
            new[] { Flush(0, "_segment") },
            """
            using System.IO;

            sealed class SegmentLog
            {
                private readonly string _path;
                private FileStream? _segment;

                public SegmentLog(string path) => _path = path;

                public void Append(byte[] record)
                {
                    _segment ??= new FileStream(_path, FileMode.Append, FileAccess.Write);
                    _segment.Write(record);
                }

                public void Close()
                {
                    _segment?.Flush(flushToDisk: true);
                    _segment?.Dispose();
                }
            }
            """);

    [Fact]
    public Task FlushAsync_becomes_awaited_Fsync_FileAsync_and_the_using_is_added_in_order() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            using Zeta.Tools;

            namespace Zeta.Tools { class Marker { } }

            class EventStore
            {
                private readonly FileStream _events = new("events", FileMode.Append);
                private readonly StreamWriter _index = new("events.idx");

                public async Task AppendAsync(byte[] line, CancellationToken ct)
                {
                    await _events.WriteAsync(line, ct);
                    await {|#0:_events.FlushAsync(ct)|}.ConfigureAwait(false);
                    await {|#1:_index.FlushAsync()|};
                }
            }
            """,
            new[] { FlushAsync(0, "_events"), FlushAsync(1, "_index") },
            """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            using Durability.Runtime;
            using Zeta.Tools;

            namespace Zeta.Tools { class Marker { } }

            class EventStore
            {
                private readonly FileStream _events = new("events", FileMode.Append);
                private readonly StreamWriter _index = new("events.idx");

                public async Task AppendAsync(byte[] line, CancellationToken ct)
                {
                    await _events.WriteAsync(line, ct);
                    await Fsync.FileAsync(_events, ct).ConfigureAwait(false);
                    await Fsync.FileAsync(_index);
                }
            }
            """);

    [Fact]
    public Task Writer_flush_keeps_the_flush_and_adds_Fsync_File() =>
        Verifier.CodeFixAsync("""
            // Commit log of the order service.
            class Placeholder { }

            class CommitLog
            {
                private readonly System.IO.StreamWriter _writer = System.IO.File.AppendText("commit.log");
                private readonly System.IO.BinaryWriter _binary = new(System.IO.File.Create("commit.bin"));

                public void Append(string entry)
                {
                    _writer.WriteLine(entry);
                    {|#0:_writer.Flush()|};
                    switch (entry.Length)
                    {
                        case 0:
                            {|#1:_binary.Flush()|};
                            break;
                    }
                }
            }
            """,
            new[] { Flush(0, "_writer"), Flush(1, "_binary") },
            """
            // Commit log of the order service.
            using Durability.Runtime;

            class Placeholder { }

            class CommitLog
            {
                private readonly System.IO.StreamWriter _writer = System.IO.File.AppendText("commit.log");
                private readonly System.IO.BinaryWriter _binary = new(System.IO.File.Create("commit.bin"));

                public void Append(string entry)
                {
                    _writer.WriteLine(entry);
                    _writer.Flush();
                    Fsync.File(_writer);
                    switch (entry.Length)
                    {
                        case 0:
                            _binary.Flush();
                            Fsync.File(_binary);
                            break;
                    }
                }
            }
            """);

    [Fact]
    public Task Without_the_runtime_only_the_file_stream_fix_is_offered()
    {
        var test = new CodeFixTest<FlushWithoutFsyncAnalyzer, FlushWithoutFsyncCodeFixProvider> { ReferenceRuntime = false };
        test.Sources.Add("""
            using System.IO;

            class SegmentLog
            {
                private readonly FileStream _file = new("seg", FileMode.Append);
                private readonly StreamWriter _writer = new("seg.txt");

                public void Append()
                {
                    {|#0:_file.Flush()|};
                    {|#1:_writer.Flush()|};
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Flush(0, "_file"));
        test.ExpectedDiagnostics.Add(Flush(1, "_writer"));
        test.FixedSources.Add("""
            using System.IO;

            class SegmentLog
            {
                private readonly FileStream _file = new("seg", FileMode.Append);
                private readonly StreamWriter _writer = new("seg.txt");

                public void Append()
                {
                    _file.Flush(flushToDisk: true);
                    {|#0:_writer.Flush()|};
                }
            }
            """);
        test.FixedDiagnostics.Add(Flush(0, "_writer"));
        return test.RunAsync();
    }

    [Fact]
    public Task Compression_and_crypto_streams_get_the_runtime_fix() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.IO.Compression;
            using System.Security.Cryptography;

            class ArchiveLog
            {
                private readonly GZipStream _zip = new(File.Create("a.gz"), CompressionLevel.Fastest);
                private readonly CryptoStream _crypto = new(File.Create("a.enc"), Aes.Create().CreateEncryptor(), CryptoStreamMode.Write);

                public void Append()
                {
                    {|#0:_zip.Flush()|};
                    {|#1:_crypto.Flush()|};
                }
            }
            """,
            new[] { Flush(0, "_zip"), Flush(1, "_crypto") },
            """
            using System.IO;
            using System.IO.Compression;
            using System.Security.Cryptography;
            using Durability.Runtime;

            class ArchiveLog
            {
                private readonly GZipStream _zip = new(File.Create("a.gz"), CompressionLevel.Fastest);
                private readonly CryptoStream _crypto = new(File.Create("a.enc"), Aes.Create().CreateEncryptor(), CryptoStreamMode.Write);

                public void Append()
                {
                    _zip.Flush();
                    Fsync.File(_zip);
                    _crypto.Flush();
                    Fsync.File(_crypto);
                }
            }
            """);

    [Fact]
    public Task A_custom_wrapper_over_a_member_fsyncs_the_member_and_one_over_an_inline_file_gets_no_fix()
    {
        var test = new CodeFixTest<FlushWithoutFsyncAnalyzer, FlushWithoutFsyncCodeFixProvider>();
        test.Sources.Add("""
            using System.IO;

            sealed class SealedStream : Stream
            {
                private readonly Stream _inner;
                public SealedStream(Stream inner) => _inner = inner;
                public override bool CanRead => false;
                public override bool CanSeek => false;
                public override bool CanWrite => true;
                public override long Length => 0;
                public override long Position { get => 0; set { } }
                public override void Flush() => _inner.Flush();
                public override int Read(byte[] buffer, int offset, int count) => 0;
                public override long Seek(long offset, SeekOrigin origin) => 0;
                public override void SetLength(long value) { }
                public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);
            }

            class SealedLog
            {
                private readonly FileStream _file = new("a.log", FileMode.Open);
                private readonly SealedStream _sealed;
                private readonly SealedStream _inline = new(File.Create("b.log"));

                public SealedLog() => _sealed = new SealedStream(_file);

                public void Append()
                {
                    {|#0:_sealed.Flush()|};
                    {|#1:_inline.Flush()|};
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Flush(0, "_sealed"));
        test.ExpectedDiagnostics.Add(Flush(1, "_inline"));
        test.FixedSources.Add("""
            using System.IO;
            using Durability.Runtime;

            sealed class SealedStream : Stream
            {
                private readonly Stream _inner;
                public SealedStream(Stream inner) => _inner = inner;
                public override bool CanRead => false;
                public override bool CanSeek => false;
                public override bool CanWrite => true;
                public override long Length => 0;
                public override long Position { get => 0; set { } }
                public override void Flush() => _inner.Flush();
                public override int Read(byte[] buffer, int offset, int count) => 0;
                public override long Seek(long offset, SeekOrigin origin) => 0;
                public override void SetLength(long value) { }
                public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);
            }

            class SealedLog
            {
                private readonly FileStream _file = new("a.log", FileMode.Open);
                private readonly SealedStream _sealed;
                private readonly SealedStream _inline = new(File.Create("b.log"));

                public SealedLog() => _sealed = new SealedStream(_file);

                public void Append()
                {
                    _sealed.Flush();
                    Fsync.File(_file);
                    {|#0:_inline.Flush()|};
                }
            }
            """);
        test.FixedDiagnostics.Add(Flush(0, "_inline"));
        return test.RunAsync();
    }

    [Fact]
    public Task A_writer_flush_without_braces_gets_a_block_with_the_fsync() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class SegmentLog
            {
                private readonly StreamWriter _writer = new("seg.txt");

                public void Append(bool now)
                {
                    if (now) {|#0:_writer.Flush()|};
                }
            }
            """,
            new[] { Flush(0, "_writer") },
            """
            using System.IO;
            using Durability.Runtime;

            class SegmentLog
            {
                private readonly StreamWriter _writer = new("seg.txt");

                public void Append(bool now)
                {
                    if (now)
                    {
                        _writer.Flush();
                        Fsync.File(_writer);
                    }
                }
            }
            """);

    [Fact]
    public Task A_writers_flush_before_a_flush_of_the_stream_under_it_is_one_finding_fixed_at_the_stream()
    {
        var test = new CodeFixTest<FlushWithoutFsyncAnalyzer, FlushWithoutFsyncCodeFixProvider> { FixAllScope = FixAllScope.Document };
        test.Sources.Add("""
            using System.IO;

            class WalFile
            {
                private readonly FileStream _file = new("wal", FileMode.Append);
                private readonly BinaryWriter _writer;

                public WalFile() => _writer = new BinaryWriter(_file);

                public void Append(byte[] record)
                {
                    _writer.Write(record);
                    _writer.Flush();
                    {|#0:_file.Flush()|};
                }

                public void Checkpoint(string path, string state)
                {
                    using (var file = File.Create(path))
                    using (var writer = new StreamWriter(file))
                    {
                        writer.Write(state);
                        writer.Flush();
                        {|#1:file.Flush()|};
                    }
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Flush(0, "_file"));
        test.ExpectedDiagnostics.Add(Flush(1, "file"));
        test.FixedSources.Add("""
            using System.IO;

            class WalFile
            {
                private readonly FileStream _file = new("wal", FileMode.Append);
                private readonly BinaryWriter _writer;

                public WalFile() => _writer = new BinaryWriter(_file);

                public void Append(byte[] record)
                {
                    _writer.Write(record);
                    _writer.Flush();
                    _file.Flush(flushToDisk: true);
                }

                public void Checkpoint(string path, string state)
                {
                    using (var file = File.Create(path))
                    using (var writer = new StreamWriter(file))
                    {
                        writer.Write(state);
                        writer.Flush();
                        file.Flush(flushToDisk: true);
                    }
                }
            }
            """);
        return test.RunAsync();
    }

    [Theory]
    [InlineData(FixAllScope.Document)]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public Task FixAll_fixes_every_kind_in_every_document(FixAllScope scope)
    {
        var test = new CodeFixTest<FlushWithoutFsyncAnalyzer, FlushWithoutFsyncCodeFixProvider> { FixAllScope = scope };
        test.Sources.Add("""
            using System.IO;
            using System.Threading.Tasks;

            class WalSegment
            {
                private readonly FileStream _fd = new("wal", FileMode.Append);
                private readonly StreamWriter _text = new("wal.txt");

                public async Task AppendAsync(byte[] record)
                {
                    _fd.Write(record);
                    {|#0:_fd.Flush()|};
                    {|#1:_text.Flush()|};
                    {|#2:_text.Flush()|};
                    await {|#3:_fd.FlushAsync()|};
                }
            }
            """);
        test.Sources.Add("""
            using System.IO;

            class IndexFile
            {
                private readonly FileStream _index = new("idx", FileMode.Append);

                public void Append(byte b) { _index.WriteByte(b); {|#4:_index.Flush()|}; }
            }
            """);
        test.ExpectedDiagnostics.Add(Flush(0, "_fd"));
        test.ExpectedDiagnostics.Add(Flush(1, "_text"));
        test.ExpectedDiagnostics.Add(Flush(2, "_text"));
        test.ExpectedDiagnostics.Add(FlushAsync(3, "_fd"));
        test.ExpectedDiagnostics.Add(Flush(4, "_index"));
        test.FixedSources.Add("""
            using System.IO;
            using System.Threading.Tasks;
            using Durability.Runtime;

            class WalSegment
            {
                private readonly FileStream _fd = new("wal", FileMode.Append);
                private readonly StreamWriter _text = new("wal.txt");

                public async Task AppendAsync(byte[] record)
                {
                    _fd.Write(record);
                    _fd.Flush(flushToDisk: true);
                    _text.Flush();
                    Fsync.File(_text);
                    _text.Flush();
                    Fsync.File(_text);
                    await Fsync.FileAsync(_fd);
                }
            }
            """);
        test.FixedSources.Add(scope == FixAllScope.Document
            ? """
              using System.IO;

              class IndexFile
              {
                  private readonly FileStream _index = new("idx", FileMode.Append);

                  public void Append(byte b) { _index.WriteByte(b); {|#0:_index.Flush()|}; }
              }
              """
            : """
              using System.IO;

              class IndexFile
              {
                  private readonly FileStream _index = new("idx", FileMode.Append);

                  public void Append(byte b) { _index.WriteByte(b); _index.Flush(flushToDisk: true); }
              }
              """);
        if (scope == FixAllScope.Document)
        {
            test.FixedDiagnostics.Add(Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithSpan("/0/Test1.cs", 7, 55, 7, 69).WithArguments("_index"));
        }

        return test.RunAsync();
    }
}
