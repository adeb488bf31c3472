using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer, Durability.CodeFixes.FlushWithoutFsyncCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR001;

/// <summary>
/// DUR001 on a flush that runs only when a flag named for durability is set (<c>if (_flushToDisk) _writer.Flush()</c>): the
/// code asks for the disk there, whatever the stream's origin, and gets the page cache.
/// </summary>
public sealed class DurabilityFlagTests
{
    private static DiagnosticResult Flagged(int location, string stream, string flag) =>
        Verifier.Diagnostic(RuleCatalog.FlushUnderDurabilityFlag).WithLocation(location).WithArguments(stream, flag);

    [Fact]
    public Task A_log_writer_over_a_given_stream_that_only_flushes_when_asked_to_flush_to_disk_is_flagged_and_fsynced() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            public sealed class RecordWriter
            {
                private readonly BinaryWriter _binaryWriter;
                private bool _flushToDisk = true;

                public RecordWriter(Stream stream) => _binaryWriter = new BinaryWriter(stream);

                public void RecordStarted(bool flushToDisk = true) => _flushToDisk = flushToDisk;

                public void Emit(uint crc, byte[] record)
                {
                    _binaryWriter.Write(crc);
                    _binaryWriter.Write(record);

                    if (_flushToDisk)
                        {|#0:_binaryWriter.Flush()|};
                }
            }
            """,
            new[] { Flagged(0, "_binaryWriter", "_flushToDisk") },
            """
            using System.IO;
            using Durability.Runtime;

            public sealed class RecordWriter
            {
                private readonly BinaryWriter _binaryWriter;
                private bool _flushToDisk = true;

                public RecordWriter(Stream stream) => _binaryWriter = new BinaryWriter(stream);

                public void RecordStarted(bool flushToDisk = true) => _flushToDisk = flushToDisk;

                public void Emit(uint crc, byte[] record)
                {
                    _binaryWriter.Write(crc);
                    _binaryWriter.Write(record);

                    if (_flushToDisk)
                    {
                        _binaryWriter.Flush();
                        Fsync.File(_binaryWriter);
                    }
                }
            }
            """);

    [Fact]
    public Task An_options_Sync_flag_joined_with_another_test_guards_the_flush_of_storage_code_too() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class WriteOptions
            {
                public bool Sync { get; set; }
            }

            public sealed class AppendLog
            {
                private readonly FileStream _file = new("data.bin", FileMode.Append, FileAccess.Write);

                public void Append(byte[] data, WriteOptions options)
                {
                    _file.Write(data);
                    if (data.Length > 0 && options.Sync)
                    {
                        {|#0:_file.Flush()|};
                    }
                }
            }
            """,
            Flagged(0, "_file", "data.Length > 0 && options.Sync"));

    [Fact]
    public Task A_negated_or_compared_flag_an_else_branch_a_non_boolean_mode_a_sync_or_async_switch_and_a_flag_whose_branch_fsyncs_are_no_finding() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public enum SyncMode { None, Full }

            public sealed class JournalAppender
            {
                private readonly Stream _stream;
                private readonly bool _sync;
                private readonly SyncMode _syncMode;

                public JournalAppender(Stream stream, bool sync, SyncMode mode) => (_stream, _sync, _syncMode) = (stream, sync, mode);

                public void WhenNotAsked(byte[] data)
                {
                    _stream.Write(data);
                    if (!_sync)
                    {
                        _stream.Flush();
                    }

                    if (_sync == false)
                    {
                        _stream.Flush();
                    }
                }

                public void InTheElseBranch(byte[] data)
                {
                    _stream.Write(data);
                    if (_sync)
                    {
                        Durability.Runtime.Fsync.File(_stream);
                    }
                    else
                    {
                        _stream.Flush();
                    }
                }

                public void ByMode(byte[] data)
                {
                    _stream.Write(data);
                    if (_syncMode == SyncMode.None)
                    {
                        _stream.Flush();
                    }
                }

                public void Enqueue(byte[] data, bool sync)
                {
                    // A method shared by Enqueue and EnqueueAsync: sync says how to write, not how durably.
                    _stream.Write(data);
                    if (sync)
                    {
                        _stream.Flush();
                    }
                }

                public void Synced(byte[] data)
                {
                    _stream.Write(data);
                    if (_sync)
                    {
                        _stream.Flush();
                        Durability.Runtime.Fsync.File(_stream);
                    }
                }
            }
            """);
}
