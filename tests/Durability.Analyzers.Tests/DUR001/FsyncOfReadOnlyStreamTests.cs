using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer, Durability.CodeFixes.FlushWithoutFsyncCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR001;

/// <summary>
/// DUR001 on <c>Flush(true)</c> of a FileStream opened for reading only: .NET returns at once when the stream cannot write
/// (PLATFORM.md), so a commit that reopens its files for reading to fsync them makes nothing durable.
/// </summary>
public sealed class FsyncOfReadOnlyStreamTests
{
    private static DiagnosticResult ReadOnly(int location, string variable) =>
        Verifier.Diagnostic(RuleCatalog.FsyncOfReadOnlyStream).WithLocation(location).WithArguments(variable);

    [Fact]
    public Task Fsyncs_of_files_reopened_for_reading_are_flagged_and_fsync_the_file_by_name_instead() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            static class IndexFiles
            {
                public static void Sync(string path)
                {
                    using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
                    {|#0:stream.Flush(true)|};
                }

                public static void SyncOpenedForReading(string path)
                {
                    using (var file = File.OpenRead(path))
                    {
                        {|#1:file.Flush(flushToDisk: true)|};
                    }
                }

                public static void SyncWithOptions(string path)
                {
                    using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read });
                    {|#2:stream.Flush(true)|};
                }
            }
            """,
            new[] { ReadOnly(0, "stream"), ReadOnly(1, "file"), ReadOnly(2, "stream") },
            """
            using System.IO;
            using Durability.Runtime;

            static class IndexFiles
            {
                public static void Sync(string path)
                {
                    using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
                    Fsync.File(stream.Name);
                }

                public static void SyncOpenedForReading(string path)
                {
                    using (var file = File.OpenRead(path))
                    {
                        Fsync.File(file.Name);
                    }
                }

                public static void SyncWithOptions(string path)
                {
                    using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read });
                    Fsync.File(stream.Name);
                }
            }
            """);

    [Fact]
    public Task Fsyncs_of_streams_that_can_write_or_of_a_read_only_handle_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Microsoft.Win32.SafeHandles;

            static class IndexFiles
            {
                public static void SyncForWriting(string path)
                {
                    using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
                    stream.Flush(true);
                }

                // FileMode.Open alone opens for reading and writing.
                public static void SyncDefaultAccess(string path)
                {
                    using var stream = new FileStream(path, FileMode.Open);
                    stream.Flush(true);
                }

                // RandomAccess.FlushToDisk fsyncs a read-only handle.
                public static void SyncHandle(string path)
                {
                    using var stream = File.OpenRead(path);
                    RandomAccess.FlushToDisk(stream.SafeFileHandle);
                }

                // What a parameter was opened with is not known here.
                public static void SyncGiven(FileStream stream) => stream.Flush(true);

                public static void SyncEither(string path, bool readOnly)
                {
                    using var stream = readOnly ? File.OpenRead(path) : File.OpenWrite(path);
                    stream.Flush(true);
                }
            }
            """);

    [Fact]
    public Task Test_code_that_shows_the_platforms_behaviour_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public class FileStreamBehaviourTests
            {
                public void Flush_to_disk_of_a_read_only_stream_is_skipped()
                {
                    using var stream = File.OpenRead("x");
                    stream.Flush(true);
                }
            }
            """);
}
