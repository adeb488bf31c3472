using System.Threading.Tasks;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer, Durability.CodeFixes.FlushWithoutFsyncCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR001;

/// <summary>DUR001 must not flag: streams that are fsynced somewhere reachable, streams that are not files, code without durability intent.</summary>
public sealed class FlushWithoutFsyncQuietTests
{
    [Fact]
    public Task Flush_true_and_named_flush_to_disk_are_fsyncs() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class WriteAheadLog
            {
                private readonly FileStream _a = new("a", FileMode.Append);
                private readonly FileStream _b = new("b", FileMode.Append);

                public void Append(byte x)
                {
                    _a.WriteByte(x);
                    _a.Flush();
                    _a.Flush(true);
                    _b.WriteByte(x);
                    _b.Flush();
                    _b.Flush(flushToDisk: true);
                }
            }
            """);

    [Fact]
    public Task Native_fsyncs_of_a_handle_kept_in_a_local_or_dug_out_by_a_getter_are_fsyncs() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Runtime.InteropServices;
            using Microsoft.Win32.SafeHandles;

            static class TableFile
            {
                [DllImport("kernel32.dll", SetLastError = true)]
                private static extern bool FlushFileBuffers(IntPtr file);

                [DllImport("kernel32.dll", SetLastError = true, EntryPoint = "FlushFileBuffers")]
                private static extern bool FlushFileBuffersSafe(SafeFileHandle file);

                private static readonly Func<FileStream, SafeFileHandle> GetFileHandle = stream => stream.SafeFileHandle;

                public static void Persist(FileStream table)
                {
                    table.Flush();
                    IntPtr handle = table.SafeFileHandle.DangerousGetHandle();
                    if (!FlushFileBuffers(handle))
                    {
                        throw new IOException("FlushFileBuffers failed", Marshal.GetLastWin32Error());
                    }
                }

                public static void PersistThroughGetter(FileStream table)
                {
                    table.Flush(flushToDisk: false);
                    if (!FlushFileBuffersSafe(GetFileHandle(table)))
                    {
                        throw new IOException("FlushFileBuffers failed", Marshal.GetLastWin32Error());
                    }
                }
            }
            """);

    [Fact]
    public Task A_helper_named_for_durability_is_taken_at_its_word_by_its_callers() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            static class FileStreamExtensions
            {
                // Chosen at start-up (an fsync through a handle getter, or Flush(true)): not readable here.
                private static Action<FileStream> _flushSafe = stream => stream.Flush(true);

                public static void FlushToDisk(this FileStream stream) => _flushSafe(stream);
            }

            sealed class Checkpoint
            {
                private readonly FileStream _file = new("checkpoint", FileMode.OpenOrCreate);

                public void Write(long position)
                {
                    _file.Position = 0;
                    _file.Write(BitConverter.GetBytes(position));
                    _file.Flush();
                    _file.FlushToDisk();
                }
            }
            """);

    [Fact]
    public Task A_flush_of_an_empty_marker_file_has_nothing_to_make_durable() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class CheckpointManager
            {
                public void Complete(string folder)
                {
                    // The marker's existence is the commit: its directory entry is DUR002's to check.
                    using (var marker = new FileStream(Path.Combine(folder, "completed.dat"), FileMode.Create))
                    {
                        marker.Flush();
                    }
                }
            }
            """);

    [Fact]
    public Task Bitcask_conditional_fsync_is_correct() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class BitcaskStore
            {
                private readonly FileStream _active = new("data.0", FileMode.Append);
                private readonly bool _syncWrites;

                public BitcaskStore(bool syncWrites) => _syncWrites = syncWrites;

                public void Put(byte[] record)
                {
                    _active.Write(record);
                    _active.Flush();
                    if (_syncWrites)
                    {
                        _active.Flush(flushToDisk: true);
                    }
                }
            }
            """);

    [Fact]
    public Task Flush_with_a_runtime_flag_is_a_conditional_fsync() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class HashIndexStore
            {
                private readonly FileStream _active = new("data.0", FileMode.Append);

                public void Put(byte[] record, bool durable)
                {
                    _active.Write(record);
                    _active.Flush(durable);
                }
            }
            """);

    [Fact]
    public Task BTree_page_manager_that_defers_fsync_to_Sync_is_correct() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class PageManager
            {
                private readonly FileStream _f = new("btree.db", FileMode.OpenOrCreate);

                public void WritePage(long number, byte[] page)
                {
                    _f.Position = number * 4096;
                    _f.Write(page);
                    _f.Flush();
                }

                public void Sync()
                {
                    _f.Flush();
                    SyncFile();
                }

                private void SyncFile() => _f.Flush(true);
            }
            """);

    [Fact]
    public Task Writer_flush_followed_by_fsync_of_its_file_is_correct() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentLog
            {
                private readonly FileStream _file;
                private readonly StreamWriter _writer;

                public SegmentLog(string path)
                {
                    _file = new FileStream(path, FileMode.Append);
                    _writer = new StreamWriter(_file);
                }

                public void Append(string line)
                {
                    _writer.WriteLine(line);
                    _writer.Flush();
                    _file.Flush(true);
                }

                public static void WriteSnapshot(string path, string text)
                {
                    using var file = new FileStream(path, FileMode.Create);
                    using var writer = new StreamWriter(file);
                    writer.Write(text);
                    writer.Flush();
                    file.Flush(flushToDisk: true);
                }
            }
            """);

    [Fact]
    public Task Fsync_through_base_stream_handle_and_native_calls_counts() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Runtime.InteropServices;

            partial class JournalWriter
            {
                private readonly StreamWriter _writer = new("journal.txt");
                private readonly FileStream _data = new("journal.dat", FileMode.Append);
                private readonly FileStream _index = new("journal.idx", FileMode.Append);

                [DllImport("libc", SetLastError = true)]
                private static extern int fsync(int fd);

                [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
                private static extern int DataSync(nint fd);

                public void Commit()
                {
                    _writer.Flush();
                    ((FileStream)_writer.BaseStream).Flush(true);
                    _data.Flush();
                    RandomAccess.FlushToDisk(_data.SafeFileHandle);
                    _index.Flush();
                    fsync((int)_index.SafeFileHandle.DangerousGetHandle());
                    DataSync(_index.SafeFileHandle.DangerousGetHandle());
                }
            }
            """);

    [Fact]
    public Task Durability_runtime_fsync_helpers_count() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;
            using Durability.Runtime;

            class KeyValueStore
            {
                private readonly StreamWriter _writer = File.AppendText("kv.log");
                private readonly FileStream _data = new("kv.dat", FileMode.Append);
                private readonly FileStream _pages = new("kv.pages", FileMode.OpenOrCreate);

                public void WritePage(byte[] page)
                {
                    _pages.Write(page);
                    _pages.Flush();
                    Fsync.FileData(_pages);
                }

                public void Put(string line)
                {
                    _writer.WriteLine(line);
                    _writer.Flush();
                    Fsync.File(_writer);
                }

                public async Task PutAsync(byte[] record)
                {
                    await _data.WriteAsync(record);
                    await _data.FlushAsync();
                    await Fsync.FileAsync(_data);
                }
            }
            """);

    [Fact]
    public Task Fsync_in_a_helper_of_another_type_counts() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            static class DiskSync
            {
                public static void Durable(Stream stream) => Inner((FileStream)stream);

                private static void Inner(FileStream file) => file.Flush(flushToDisk: true);

                public static void WriterAndFile(StreamWriter writer)
                {
                    writer.Flush();
                    var file = writer.BaseStream as FileStream;
                    file!.Flush(true);
                }
            }

            class TableWriter
            {
                private readonly FileStream _table = new("t.sst", FileMode.CreateNew);
                private readonly StreamWriter _index = new("t.idx");

                public void Finish()
                {
                    _table.Flush();
                    DiskSync.Durable(_table);
                    _index.Flush();
                    DiskSync.WriterAndFile(_index);
                }
            }
            """);

    [Fact]
    public Task Fsync_through_a_local_function_and_recursive_helpers_counts() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class ManifestStore
            {
                public void Save(string path, byte[] manifest)
                {
                    using var file = new FileStream(path, FileMode.Create);
                    file.Write(manifest);
                    file.Flush();
                    SyncNow(file);

                    static void SyncNow(FileStream f) => f.Flush(true);
                }

                public void SaveTwice(FileStream file, int depth)
                {
                    file.Flush();
                    Recurse(file, depth);
                }

                private void Recurse(FileStream file, int depth)
                {
                    if (depth > 0) { Recurse(file, depth - 1); } else { file.Flush(true); }
                }
            }
            """);

    [Fact]
    public Task Streams_that_are_not_files_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.IO.Compression;
            using System.IO.Pipes;
            using System.Net.Sockets;

            class LogShipper
            {
                private readonly MemoryStream _buffer = new();
                private readonly GZipStream _zip = new(new MemoryStream(), CompressionLevel.Fastest);
                private readonly StreamWriter _console = new(Console.OpenStandardOutput());
                private readonly StringWriter _text = new();

                public void Ship(NetworkStream network, AnonymousPipeServerStream pipe)
                {
                    _buffer.Flush();
                    _zip.Flush();
                    _console.Flush();
                    _text.Flush();
                    network.Flush();
                    pipe.Flush();
                    Console.Out.Flush();
                }
            }
            """);

    [Fact]
    public Task Stream_parameter_of_unknown_origin_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            static class SegmentCodec
            {
                public static void Write(Stream output, StreamWriter writer, byte[] bytes)
                {
                    output.Write(bytes);
                    output.Flush();
                    writer.Flush();
                }
            }
            """);

    [Fact]
    public Task Code_without_durability_intent_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

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

            class CatalogDialog
            {
                private readonly FileStream _file = new("catalog.bin", FileMode.Create);

                public void Save() => _file.Flush();
            }
            """);

    [Fact]
    public Task Excluded_type_patterns_silence_a_durable_name()
    {
        var test = new AnalyzerTest<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer>
        {
            EditorConfig = """
                root = true

                [*.cs]
                dotnet_code_quality.excluded_type_patterns = *AuditLog
                """,
        };
        test.Sources.Add("""
            using System.IO;

            class AccessAuditLog
            {
                private readonly FileStream _file = new("audit.log", FileMode.Append);

                public void Write(byte b) { _file.WriteByte(b); _file.Flush(); }
            }
            """);
        return test.RunAsync();
    }

    [Fact]
    public Task Generated_code_is_not_analyzed() =>
        Verifier.AnalyzerAsync("""
            // <auto-generated/>
            using System.IO;

            class GeneratedLog
            {
                private readonly FileStream _file = new("gen.log", FileMode.Append);

                public void Write(byte b) { _file.WriteByte(b); _file.Flush(); }
            }
            """);

    [Fact]
    public Task A_log_fsynced_through_a_flush_policy_whose_durable_implementation_fsyncs_and_a_commit_named_as_a_thing_are_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            public interface IWalFlushPolicy
            {
                ValueTask FlushCommitAsync(FileStream stream);
            }

            public sealed class DurableFlushPolicy : IWalFlushPolicy
            {
                public ValueTask FlushCommitAsync(FileStream stream)
                {
                    RandomAccess.FlushToDisk(stream.SafeFileHandle);
                    return ValueTask.CompletedTask;
                }
            }

            // durability chosen by a setting: the user asked for the page cache
            public sealed class BufferedFlushPolicy : IWalFlushPolicy
            {
                public ValueTask FlushCommitAsync(FileStream stream) => ValueTask.CompletedTask;
            }

            public sealed class WriteAheadLog
            {
                private readonly FileStream _stream = new("db.wal", FileMode.OpenOrCreate);
                private readonly IWalFlushPolicy _policy;
                private long _uncommittedStart;

                public WriteAheadLog(IWalFlushPolicy policy) => _policy = policy;

                public async Task CommitAsync(byte[] frames)
                {
                    await _stream.WriteAsync(frames);
                    await _stream.FlushAsync();
                    await _policy.FlushCommitAsync(_stream);
                    _uncommittedStart = _stream.Position;
                }

                public async Task RollbackAsync()
                {
                    _stream.SetLength(_uncommittedStart);
                    await _stream.FlushAsync();
                }

                // runs after a failed commit: the commit is the noun here, and the stream's fsync is the policy's
                private async Task RewindPendingCommitBytesAsync()
                {
                    _stream.SetLength(_uncommittedStart);
                    await _stream.FlushAsync();
                }
            }
            """);
}
