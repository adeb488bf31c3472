using System.Threading.Tasks;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.LostFsyncFailureAnalyzer, Durability.CodeFixes.LostFsyncFailureCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR005;

/// <summary>DUR005 must not flag: failures rethrown, wrapped, passed to a fail-fast, caught by types an fsync never throws, checked native results.</summary>
public sealed class LostFsyncFailureQuietTests
{
    [Fact]
    public Task Catches_that_rethrow_wrap_poison_and_rethrow_or_stop_the_process_are_quiet() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class Journal
            {
                private readonly FileStream _file = new("journal", FileMode.Append);
                private Exception? _poison;

                public void Rethrow()
                {
                    try { _file.Flush(true); }
                    catch (IOException e) { Console.Error.WriteLine(e); throw; }
                }

                public void Wrap()
                {
                    try { _file.Flush(true); }
                    catch (IOException e) { throw new InvalidOperationException("journal lost durability", e); }
                }

                public void PoisonThenRethrow()
                {
                    try { _file.Flush(true); }
                    catch (Exception e) { _poison = e; throw; }
                }

                public void DisposeAndRethrow()
                {
                    try { _file.Flush(true); }
                    catch { _file.Dispose(); throw; }
                }

                public void FailFast()
                {
                    try { _file.Flush(true); }
                    catch (IOException e) { Environment.FailFast("fsync failed", e); }
                }

                public void Finally()
                {
                    try { _file.Flush(true); }
                    finally { _file.Dispose(); }
                }
            }
            """);

    [Fact]
    public Task A_failure_kept_in_a_local_and_thrown_after_the_close_is_quiet() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            static class Closer
            {
                // Disposes the streams, then throws the first failure, the one given if any.
                public static void DisposeWhileHandlingException(Exception? prior, params IDisposable[] disposables)
                {
                    foreach (var disposable in disposables)
                    {
                        disposable.Dispose();
                    }

                    if (prior is not null)
                    {
                        throw new IOException("close failed", prior);
                    }
                }
            }

            sealed class IndexOutput : IDisposable
            {
                private readonly FileStream _file = new("segments_1", FileMode.Create);

                public void Dispose()
                {
                    Exception? priorE = null;
                    try
                    {
                        _file.Flush(flushToDisk: true);
                    }
                    catch (Exception ioe) when (ioe is IOException)
                    {
                        priorE = ioe;
                    }
                    finally
                    {
                        Closer.DisposeWhileHandlingException(priorE, _file);
                    }
                }

                public void Sync()
                {
                    Exception? failure = null;
                    try
                    {
                        _file.Flush(true);
                    }
                    catch (IOException e)
                    {
                        failure = e;
                    }

                    if (failure is not null)
                    {
                        throw failure;
                    }
                }
            }
            """);

    [Fact]
    public Task Catches_that_hand_the_exception_on_are_quiet() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            sealed record IOResult(long Count, Exception? Error)
            {
                public static IOResult Failed(long count, Exception error) => new(count, error);
            }

            class FileSink
            {
                private readonly FileStream _chan = new("sink", FileMode.Append);
                private readonly TaskCompletionSource<IOResult> _completion = new();
                private Exception? _poison;

                public void OnComplete(long written)
                {
                    try { _chan.Flush(true); }
                    catch (Exception ex) { Complete(IOResult.Failed(written, ex)); }
                }

                public void OnNext()
                {
                    try { _chan.Flush(true); }
                    catch (IOException ex) { _completion.TrySetException(ex); }
                }

                public void Poison()
                {
                    try { _chan.Flush(true); }
                    catch (IOException ex) { _poison = ex; }
                }

                public Exception? Report()
                {
                    try { _chan.Flush(true); return null; }
                    catch (IOException ex) { return ex; }
                }

                private void Complete(IOResult result) => _completion.TrySetResult(result);
            }
            """);

    [Fact]
    public Task Operations_that_fsync_only_deep_inside_are_not_fsyncs() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class Compactor
            {
                private readonly Store _store = new();

                public void Compact()
                {
                    try
                    {
                        _store.Shutdown();
                    }
                    catch (Exception ex)
                    {
                        Console.Error.WriteLine(ex);
                    }
                }
            }

            class Store
            {
                private readonly FileStream _data = new("data", FileMode.Open);

                public void Shutdown() => Close(_data);

                private static void Close(FileStream stream)
                {
                    stream.Flush(true);
                    stream.Dispose();
                }
            }
            """);

    [Fact]
    public Task Catches_of_exceptions_an_fsync_does_not_throw_and_non_fsync_calls_are_quiet() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class Journal
            {
                private readonly FileStream _file = new("journal", FileMode.Append);

                public void Disposed()
                {
                    try { _file.Flush(true); }
                    catch (ObjectDisposedException) { }
                }

                public void PageCacheOnly()
                {
                    try { _file.Flush(); File.Delete("old"); }
                    catch (IOException) { }
                }

                public void EachSegmentOnce(FileStream[] segments)
                {
                    foreach (var segment in segments)
                    {
                        try { segment.Flush(true); }
                        catch (IOException) { throw; }
                    }
                }
            }

            class JournalTests
            {
                public void Ignores(FileStream f)
                {
                    try { f.Flush(true); } catch { }
                }
            }
            """);

    [Fact]
    public Task Native_results_that_are_checked_and_other_fcntl_commands_are_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Runtime.InteropServices;

            static class NativeSync
            {
                [DllImport("libc", SetLastError = true)]
                private static extern int fsync(int fd);

                [DllImport("libc", SetLastError = true)]
                private static extern int fcntl(int fd, int command);

                public static void Sync(int fd)
                {
                    if (fsync(fd) != 0)
                    {
                        throw new IOException("fsync failed");
                    }

                    var result = fsync(fd);
                    if (result < 0)
                    {
                        throw new IOException("fsync failed");
                    }

                    fcntl(fd, 3);
                }

                public static int SyncAndReport(int fd) => fsync(fd);
            }
            """);

    [Fact]
    public Task Native_failures_a_check_passes_on_and_checks_of_success_are_quiet() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Runtime.InteropServices;

            class DirectorySync
            {
                [DllImport("libc", SetLastError = true)]
                private static extern int fsync(int fd);

                private bool _failed;

                public bool TrySync(int fd)
                {
                    if (fsync(fd) != 0)
                    {
                        Console.Error.WriteLine("fsync failed");
                        return false;
                    }

                    return true;
                }

                public void SyncOrPoison(int fd)
                {
                    if (fsync(fd) == -1)
                    {
                        _failed = true;
                    }
                }

                public void SyncOrStop(int fd)
                {
                    if (fsync(fd) < 0)
                    {
                        Environment.FailFast("fsync failed");
                    }
                }

                public void SyncOrReport(int fd)
                {
                    if (fsync(fd) != 0)
                    {
                        ReportFailure(Marshal.GetLastPInvokeError());
                    }
                }

                public void SyncWhenItWorks(int fd)
                {
                    if (fsync(fd) == 0)
                    {
                        Console.WriteLine("synced");
                    }
                    else
                    {
                        throw new IOException("fsync failed");
                    }
                }

                public int SyncAndTell(int fd)
                {
                    var result = fsync(fd);
                    if (result != 0)
                    {
                        Console.Error.WriteLine("fsync failed");
                    }

                    return result;
                }

                private void ReportFailure(int errno) => throw new IOException("fsync failed: " + errno);
            }
            """);

    [Fact]
    public Task Fsyncs_given_to_helpers_that_pass_failures_on_or_catch_none_are_quiet() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class ChunkWriter
            {
                private readonly FileStream _chunk = new("chunk.0", FileMode.Append);

                public void FlushLogged() => Guard.LogAndRethrow(() => _chunk.Flush(true));
                public void FlushTimed() => Guard.Timed(() => _chunk.Flush(true));
                public void FlushOnFormat() => Guard.IgnoreFormatErrors(() => _chunk.Flush(true));
                public void FlushOuter() => Guard.Wrapped(() => _chunk.Flush(true));
            }

            static class Guard
            {
                public static void LogAndRethrow(Action action)
                {
                    try
                    {
                        action();
                    }
                    catch (Exception e)
                    {
                        Console.Error.WriteLine(e);
                        throw;
                    }
                }

                // Runs it outside any try: the failure reaches the caller.
                public static void Timed(Action action)
                {
                    var started = DateTime.UtcNow;
                    action();
                    Console.WriteLine(DateTime.UtcNow - started);
                }

                // Catches only what an fsync never throws.
                public static void IgnoreFormatErrors(Action action)
                {
                    try
                    {
                        action();
                    }
                    catch (FormatException)
                    {
                    }
                }

                // Runs it in a lambda of its own: not followed.
                public static void Wrapped(Action action)
                {
                    Action inner = () => action();
                    inner();
                }
            }
            """);

    [Fact]
    public Task A_caught_fsync_of_a_stream_opened_for_reading_only_is_left_to_DUR001_which_reports_that_it_does_nothing() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            public static class SnapshotFiles
            {
                public static void SyncDirectory(string directory)
                {
                    if (OperatingSystem.IsWindows())
                    {
                        return;
                    }

                    try
                    {
                        using var handle = new FileStream(directory, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                        handle.Flush(flushToDisk: true);
                    }
                    catch (IOException)
                    {
                    }
                    catch (UnauthorizedAccessException)
                    {
                    }
                }
            }
            """);
}
