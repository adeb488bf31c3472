using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.CodeFixes;
using Durability.Testing;
using Microsoft.CodeAnalysis.CodeFixes;
using static Durability.Analyzers.Tests.DUR005.LostFsyncFailureTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.LostFsyncFailureAnalyzer, Durability.CodeFixes.LostFsyncFailureCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR005;

/// <summary>DUR005's fixes: the catch rethrows, native results are checked; exact output that compiles and clears the finding.</summary>
public sealed class LostFsyncFailureFixTests
{
    [Fact]
    public Task A_swallowing_catch_keeps_what_it_did_and_rethrows() =>
        Verifier.CodeFixAsync("""
            using System;
            using System.IO;

            class Journal
            {
                private readonly FileStream _file = new("journal", FileMode.Append);
                private int _failures;

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
                    try
                    {
                        {|#1:_file.Flush(true)|};
                        return true;
                    }
                    catch (Exception)
                    {
                        return false;
                    }
                }
            }
            """,
            new[] { Swallowed(0, "_file.Flush(flushToDisk: true)"), Swallowed(1, "_file.Flush(true)") },
            """
            using System;
            using System.IO;

            class Journal
            {
                private readonly FileStream _file = new("journal", FileMode.Append);
                private int _failures;

                public void Commit()
                {
                    try
                    {
                        _file.Flush(flushToDisk: true);
                    }
                    catch (IOException e)
                    {
                        Console.Error.WriteLine(e);
                        _failures++;
                        throw;
                    }
                }

                public bool TryCommit()
                {
                    try
                    {
                        _file.Flush(true);
                        return true;
                    }
                    catch (Exception)
                    {
                        throw;
                    }
                }
            }
            """);

    [Fact]
    public Task An_empty_catch_and_a_retry_loop_rethrow() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.Threading;

            class WalSync
            {
                private readonly FileStream _wal = new("wal", FileMode.Append);

                public void Quiet()
                {
                    try
                    {
                        {|#0:_wal.Flush(true)|};
                    }
                    catch
                    {
                    }
                }

                public void SyncWithRetries()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            {|#1:_wal.Flush(true)|};
                            return;
                        }
                        catch (IOException)
                        {
                            Thread.Sleep(100);
                            continue;
                        }
                    }
                }
            }
            """,
            new[] { Swallowed(0, "_wal.Flush(true)"), Retried(1, "_wal.Flush(true)") },
            """
            using System.IO;
            using System.Threading;

            class WalSync
            {
                private readonly FileStream _wal = new("wal", FileMode.Append);

                public void Quiet()
                {
                    try
                    {
                        _wal.Flush(true);
                    }
                    catch
                    {
                        throw;
                    }
                }

                public void SyncWithRetries()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            _wal.Flush(true);
                            return;
                        }
                        catch (IOException)
                        {
                            Thread.Sleep(100);
                            throw;
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task Native_results_are_checked_and_throw_with_the_error_code() =>
        Verifier.CodeFixAsync("""
            using System.Runtime.InteropServices;
            using Microsoft.Win32.SafeHandles;

            static class NativeSync
            {
                [DllImport("libc", SetLastError = true)]
                private static extern int fsync(int fd);

                [DllImport("kernel32", SetLastError = true)]
                private static extern bool FlushFileBuffers(SafeFileHandle handle);

                public static void Sync(int fd, SafeFileHandle handle)
                {
                    {|#0:fsync(fd)|};
                    _ = {|#1:FlushFileBuffers(handle)|};
                }
            }
            """,
            new[] { Ignored(0, "fsync(fd)"), Ignored(1, "FlushFileBuffers(handle)") },
            """
            using System.IO;
            using System.Runtime.InteropServices;
            using Microsoft.Win32.SafeHandles;

            static class NativeSync
            {
                [DllImport("libc", SetLastError = true)]
                private static extern int fsync(int fd);

                [DllImport("kernel32", SetLastError = true)]
                private static extern bool FlushFileBuffers(SafeFileHandle handle);

                public static void Sync(int fd, SafeFileHandle handle)
                {
                    if (fsync(fd) != 0)
                    {
                        throw new IOException("fsync failed with error " + Marshal.GetLastPInvokeError());
                    }
                    if (!FlushFileBuffers(handle))
                    {
                        throw new IOException("FlushFileBuffers failed with error " + Marshal.GetLastPInvokeError());
                    }
                }
            }
            """);

    [Fact]
    public Task A_native_failure_that_is_only_logged_now_throws_with_the_error_code() =>
        Verifier.CodeFixAsync("""
            using System;
            using System.Runtime.InteropServices;
            using Microsoft.Win32.SafeHandles;

            static class DirectorySync
            {
                [DllImport("libc", SetLastError = true)]
                private static extern int fsync(int fd);

                [DllImport("kernel32", SetLastError = true)]
                private static extern bool FlushFileBuffers(SafeFileHandle handle);

                public static void Sync(int fd, SafeFileHandle handle)
                {
                    if ({|#0:fsync(fd)|} < 0)
                    {
                        Console.Error.WriteLine("directory fsync failed: " + Marshal.GetLastPInvokeError());
                    }

                    if (!{|#1:FlushFileBuffers(handle)|})
                        Console.Error.WriteLine("FlushFileBuffers failed");
                }

                public static void SyncKept(int fd)
                {
                    var result = {|#2:fsync(fd)|};
                    if (result == -1)
                    {
                        Console.Error.WriteLine("directory fsync failed");
                    }
                }
            }
            """,
            new[] { OnlyLogged(0, "fsync(fd)"), OnlyLogged(1, "FlushFileBuffers(handle)"), OnlyLogged(2, "fsync(fd)") },
            """
            using System;
            using System.IO;
            using System.Runtime.InteropServices;
            using Microsoft.Win32.SafeHandles;

            static class DirectorySync
            {
                [DllImport("libc", SetLastError = true)]
                private static extern int fsync(int fd);

                [DllImport("kernel32", SetLastError = true)]
                private static extern bool FlushFileBuffers(SafeFileHandle handle);

                public static void Sync(int fd, SafeFileHandle handle)
                {
                    if (fsync(fd) < 0)
                    {
                        Console.Error.WriteLine("directory fsync failed: " + Marshal.GetLastPInvokeError());
                        throw new IOException("fsync failed with error " + Marshal.GetLastPInvokeError());
                    }

                    if (!FlushFileBuffers(handle))
                    {
                        Console.Error.WriteLine("FlushFileBuffers failed");
                        throw new IOException("FlushFileBuffers failed with error " + Marshal.GetLastPInvokeError());
                    }
                }

                public static void SyncKept(int fd)
                {
                    var result = fsync(fd);
                    if (result == -1)
                    {
                        Console.Error.WriteLine("directory fsync failed");
                        throw new IOException("fsync failed with error " + Marshal.GetLastPInvokeError());
                    }
                }
            }
            """);

    [Fact]
    public Task An_fsync_given_to_a_retry_helper_is_called_once_instead() =>
        Verifier.CodeFixAsync("""
            using System;
            using System.IO;

            class WalSync
            {
                private readonly FileStream _wal = new("wal", FileMode.Append);

                public void Sync() => Retry.Times(3, () => {|#0:_wal.Flush(true)|});
            }

            static class Retry
            {
                public static void Times(int count, Action action) { action(); }
            }
            """,
            new[] { Retried(0, "_wal.Flush(true)") },
            """
            using System;
            using System.IO;

            class WalSync
            {
                private readonly FileStream _wal = new("wal", FileMode.Append);

                public void Sync() => _wal.Flush(true);
            }

            static class Retry
            {
                public static void Times(int count, Action action) { action(); }
            }
            """);

    [Fact]
    public Task An_fsync_given_to_a_helper_that_swallows_what_it_runs_is_flagged_and_called_directly() =>
        Verifier.CodeFixAsync("""
            using System;
            using System.IO;

            class ChunkWriter
            {
                private readonly FileStream _chunk = new("chunk.0", FileMode.Append);

                public void Flush() => Helper.EatException(() => {|#0:_chunk.Flush(true)|});

                // Closing may fail too: swallowed on purpose, and no fsync.
                public void Close() => Helper.EatException(() => _chunk.Dispose());
            }

            static class Helper
            {
                public static void EatException(Action action)
                {
                    try
                    {
                        action();
                    }
                    catch (Exception)
                    {
                    }
                }
            }
            """,
            new[] { Swallowed(0, "_chunk.Flush(true)") },
            """
            using System;
            using System.IO;

            class ChunkWriter
            {
                private readonly FileStream _chunk = new("chunk.0", FileMode.Append);

                public void Flush() => _chunk.Flush(true);

                // Closing may fail too: swallowed on purpose, and no fsync.
                public void Close() => Helper.EatException(() => _chunk.Dispose());
            }

            static class Helper
            {
                public static void EatException(Action action)
                {
                    try
                    {
                        action();
                    }
                    catch (Exception)
                    {
                    }
                }
            }
            """);

    [Theory]
    [InlineData(FixAllScope.Document)]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public Task FixAll_rethrows_once_per_catch(FixAllScope scope)
    {
        var test = new CodeFixTest<LostFsyncFailureAnalyzer, LostFsyncFailureCodeFixProvider> { FixAllScope = scope };
        test.Sources.Add("""
            using System.IO;

            class Checkpointer
            {
                public void Checkpoint(FileStream data, FileStream index)
                {
                    try
                    {
                        {|#0:data.Flush(true)|};
                        {|#1:index.Flush(true)|};
                    }
                    catch (IOException)
                    {
                    }
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Swallowed(0, "data.Flush(true)"));
        test.ExpectedDiagnostics.Add(Swallowed(1, "index.Flush(true)"));
        test.FixedSources.Add("""
            using System.IO;

            class Checkpointer
            {
                public void Checkpoint(FileStream data, FileStream index)
                {
                    try
                    {
                        data.Flush(true);
                        index.Flush(true);
                    }
                    catch (IOException)
                    {
                        throw;
                    }
                }
            }
            """);
        return test.RunAsync();
    }
}
