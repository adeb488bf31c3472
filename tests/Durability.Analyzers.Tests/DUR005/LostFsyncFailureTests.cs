using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.LostFsyncFailureAnalyzer, Durability.CodeFixes.LostFsyncFailureCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR005;

/// <summary>DUR005 must flag: fsync failures caught and dropped, fsyncs retried after a failure, native fsync results ignored.</summary>
public sealed class LostFsyncFailureTests
{
    internal static DiagnosticResult Swallowed(int location, string call) =>
        Verifier.Diagnostic(RuleCatalog.FsyncFailureSwallowed).WithLocation(location).WithArguments(call);

    internal static DiagnosticResult Retried(int location, string call) =>
        Verifier.Diagnostic(RuleCatalog.FsyncFailureRetried).WithLocation(location).WithArguments(call);

    internal static DiagnosticResult Ignored(int location, string call) =>
        Verifier.Diagnostic(RuleCatalog.FsyncResultIgnored).WithLocation(location).WithArguments(call);

    internal static DiagnosticResult OnlyLogged(int location, string call) =>
        Verifier.Diagnostic(RuleCatalog.FsyncFailureOnlyLogged).WithLocation(location).WithArguments(call);

    [Fact]
    public Task Catches_that_log_count_or_return_drop_the_failure() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using Durability.Runtime;

            class Journal
            {
                private readonly FileStream _file = new("journal", FileMode.Append);
                private int _failures;
                private bool _broken;

                public void Commit()
                {
                    try
                    {
                        {|#0:_file.Flush(flushToDisk: true)|};
                    }
                    catch (IOException e)
                    {
                        Console.Error.WriteLine(e);
                        _failures++;
                    }
                }

                public bool TryCommit()
                {
                    try { {|#1:RandomAccess.FlushToDisk(_file.SafeFileHandle)|}; return true; }
                    catch (Exception) { _broken = true; return false; }
                }

                public async Task CommitAsync()
                {
                    try { await {|#2:Fsync.FileAsync(_file)|}; }
                    catch { }
                }

                public void Rotate(string directory)
                {
                    try
                    {
                        try { {|#3:Fsync.Directory(directory)|}; }
                        catch (IOException) { throw; }
                    }
                    catch (SystemException e) { Console.Error.WriteLine(e.Message); }
                }
            }
            """,
            Swallowed(0, "_file.Flush(flushToDisk: true)"),
            Swallowed(1, "RandomAccess.FlushToDisk(_file.SafeFileHandle)"),
            Swallowed(2, "Fsync.FileAsync(_file)"),
            Swallowed(3, "Fsync.Directory(directory)"));

    [Fact]
    public Task A_helper_that_fsyncs_is_an_fsync() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentWriter
            {
                private readonly FileStream _segment = new("seg", FileMode.Append);

                public void Seal()
                {
                    try { {|#0:SyncToDisk()|}; }
                    catch (IOException) { }
                }

                private void SyncToDisk() => Durable(_segment);

                private static void Durable(FileStream stream) => stream.Flush(true);
            }
            """,
            Swallowed(0, "SyncToDisk()"));

    [Fact]
    public Task A_sync_of_the_projects_own_storage_interface_is_an_fsync_and_other_syncs_are_not() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            public interface IBin
            {
                void Write(long position, byte[] bytes);
                void Sync();
            }

            public sealed class FileBin : IBin
            {
                private readonly FileStream _stream = new("objects.db", FileMode.OpenOrCreate);

                public void Write(long position, byte[] bytes)
                {
                    _stream.Position = position;
                    _stream.Write(bytes);
                }

                public void Sync() => _stream.Flush(true);
            }

            // No implementation here fsyncs: a Sync that may mean anything.
            public interface IMirror
            {
                void Sync();
                void Sync(string remote);
                void SyncWithServer();
            }

            class ObjectContainer
            {
                private readonly IBin _file;
                private readonly IMirror _mirror;

                public ObjectContainer(IBin file, IMirror mirror) => (_file, _mirror) = (file, mirror);

                public void SyncFiles()
                {
                    try
                    {
                        {|#0:_file.Sync()|};
                    }
                    catch (Exception)
                    {
                    }
                }

                public void Publish()
                {
                    try
                    {
                        _mirror.Sync();
                        _mirror.Sync("origin");
                        _mirror.SyncWithServer();
                    }
                    catch (Exception)
                    {
                    }
                }
            }
            """,
            Swallowed(0, "_file.Sync()"));

    [Fact]
    public Task Retry_loops_filters_second_fsyncs_and_retry_helpers_are_retries() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading;

            class WalSync
            {
                private readonly FileStream _wal = new("wal", FileMode.Append);

                public void SyncWithRetries()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            {|#0:_wal.Flush(true)|};
                            return;
                        }
                        catch (IOException)
                        {
                            Thread.Sleep(100);
                        }
                    }
                }

                public void SyncFiltered(int attempt)
                {
                    try { {|#1:_wal.Flush(true)|}; }
                    catch (IOException) when (attempt < 3) { SyncFiltered(attempt + 1); }
                }

                public void SyncTwice()
                {
                    try { {|#2:_wal.Flush(true)|}; }
                    catch (IOException) { _wal.Flush(true); }
                }

                public void SyncThroughHelper() => Retry.Times(3, () => {|#3:_wal.Flush(true)|});
            }

            static class Retry
            {
                public static void Times(int count, Action action) { action(); }
            }
            """,
            Retried(0, "_wal.Flush(true)"),
            Retried(1, "_wal.Flush(true)"),
            Retried(2, "_wal.Flush(true)"),
            Retried(3, "_wal.Flush(true)"));

    [Fact]
    public Task Native_fsync_results_that_are_discarded_are_flagged() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.Runtime.InteropServices;
            using Microsoft.Win32.SafeHandles;

            static class NativeSync
            {
                [DllImport("libc", SetLastError = true)]
                private static extern int fsync(int fd);

                [DllImport("libc", SetLastError = true)]
                private static extern int fcntl(int fd, int command);

                [DllImport("kernel32", SetLastError = true)]
                private static extern bool FlushFileBuffers(SafeFileHandle handle);

                public static void Sync(int fd, SafeFileHandle handle)
                {
                    {|#0:fsync(fd)|};
                    _ = {|#1:fcntl(fd, 51)|};
                    {|#2:FlushFileBuffers(handle)|};
                }
            }
            """,
            Ignored(0, "fsync(fd)"),
            Ignored(1, "fcntl(fd, 51)"),
            Ignored(2, "FlushFileBuffers(handle)"));

    [Fact]
    public Task A_filter_that_only_sorts_exceptions_drops_the_failure_without_retrying_it() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class WalSync
            {
                private readonly FileStream _wal = new("wal", FileMode.Append);

                public void Sync()
                {
                    try { {|#0:_wal.Flush(true)|}; }
                    catch (Exception e) when (e is IOException) { Console.Error.WriteLine(e.Message); }
                }

                public void SyncKeepingTheError()
                {
                    Exception? failure = null;
                    try { {|#1:_wal.Flush(true)|}; }
                    catch (IOException e) { failure = e; }

                    Console.Error.WriteLine(failure?.Message);
                }
            }
            """,
            Swallowed(0, "_wal.Flush(true)"),
            Swallowed(1, "_wal.Flush(true)"));

    [Fact]
    public Task A_durable_flush_through_the_projects_file_interface_is_an_fsync() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            public interface IFileStream
            {
                void Write(byte[] data);
                void Flush(bool flushToDisk);
                void Fsync();
                void Sync();
            }

            public sealed class TailWriter
            {
                private readonly IFileStream _tail;

                public TailWriter(IFileStream tail) => _tail = tail;

                public void WriteTail(byte[] tail)
                {
                    _tail.Write(tail);
                    _tail.Flush(true);
                }

                public void WriteTailLoop(byte[] tail)
                {
                    try { {|#0:WriteTail(tail)|}; }
                    catch (Exception e) { Console.Error.WriteLine(e); }

                    try { {|#1:_tail.Fsync()|}; }
                    catch (IOException) { }

                    // Sync may mean anything (a replica, a cache): an interface's Sync is not taken for an fsync.
                    try { _tail.Sync(); }
                    catch (IOException) { }

                    try { _tail.Flush(false); }
                    catch (IOException) { }
                }
            }
            """,
            Swallowed(0, "WriteTail(tail)"),
            Swallowed(1, "_tail.Fsync()"));

    [Fact]
    public Task A_retry_loop_that_keeps_the_last_failure_and_throws_it_after_is_still_a_retry() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            public sealed class WriteAheadLog
            {
                private const int DiskFull = 112;
                private readonly FileStream _log = new("wal.log", FileMode.Append);

                public void Commit(byte[] record)
                {
                    _log.Write(record);
                    Exception? last = null;
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            {|#0:_log.Flush(true)|};
                            return;
                        }
                        catch (IOException e)
                        {
                            last = e;
                        }
                    }

                    throw last!;
                }

                // Filters on the error code, a constant or a pattern sort exceptions: nothing here runs the fsync again.
                public bool TryCommit()
                {
                    try { {|#1:_log.Flush(true)|}; return true; }
                    catch (IOException e) when (e.HResult == DiskFull) { return false; }
                }

                public void CommitQuietly()
                {
                    try { {|#2:_log.Flush(true)|}; }
                    catch (Exception e) when (e is IOException io && io.HResult == 5) { }
                }
            }
            """,
            Retried(0, "_log.Flush(true)"),
            Swallowed(1, "_log.Flush(true)"),
            Swallowed(2, "_log.Flush(true)"));
}
