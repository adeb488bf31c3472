using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Xunit;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer, Durability.CodeFixes.UnsyncedDirectoryEntryCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR002;

/// <summary>
/// A directory made by the project's own helper (<c>EnsureParent(file)</c> over
/// <c>Directory.CreateDirectory(Path.GetDirectoryName(file))</c>, <c>EnsureDirectory(dir)</c>) and filled by the caller:
/// the caller creates the directory, and its entry is lost with the files in it unless the directory above is synced.
/// </summary>
public sealed class DirectoryHelperTests
{
    private static DiagnosticResult CreatedByHelper(int location, string directory, string helper, string synced) =>
        Verifier.Diagnostic(RuleCatalog.UnsyncedHelperDirectoryCreation).WithLocation(location).WithArguments(directory, helper, synced);

    [Fact]
    public Task A_parent_directory_made_by_a_helper_and_filled_by_the_caller_is_synced_above_it() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            static class DirectoryUtils
            {
                public static void EnsureParent(string path)
                {
                    var parent = Path.GetDirectoryName(path);
                    if (string.IsNullOrEmpty(parent))
                    {
                        return;
                    }

                    Directory.CreateDirectory(parent);
                }
            }

            sealed class ChunkRepository
            {
                private readonly string _directory = "chunks";

                public void Store(string key, byte[] value)
                {
                    var file = Path.Combine(_directory, key.Substring(0, 2), key);
                    {|#0:DirectoryUtils.EnsureParent(file)|};
                    using var stream = {|#1:new FileStream(file, FileMode.CreateNew, FileAccess.Write)|};
                    stream.Write(value, 0, value.Length);
                    stream.Flush(flushToDisk: true);
                }
            }
            """,
            new[]
            {
                CreatedByHelper(0, "of 'file'", "EnsureParent", "the directory above it"),
                UnsyncedDirectoryEntryTests.Created(1, "'file'", "the directory of 'file'"),
            },
            """
            using System.IO;
            using Durability.Runtime;

            static class DirectoryUtils
            {
                public static void EnsureParent(string path)
                {
                    var parent = Path.GetDirectoryName(path);
                    if (string.IsNullOrEmpty(parent))
                    {
                        return;
                    }

                    Directory.CreateDirectory(parent);
                }
            }

            sealed class ChunkRepository
            {
                private readonly string _directory = "chunks";

                public void Store(string key, byte[] value)
                {
                    var file = Path.Combine(_directory, key.Substring(0, 2), key);
                    DirectoryUtils.EnsureParent(file);
                    Fsync.ParentDirectoryEntry(file);
                    using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
                    Fsync.ParentDirectory(file);
                    stream.Write(value, 0, value.Length);
                    stream.Flush(flushToDisk: true);
                }
            }
            """);

    [Fact]
    public Task A_directory_made_by_a_helper_of_the_type_and_filled_by_the_caller_is_synced_in_its_parent() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            sealed class TopicLog
            {
                private readonly string _root;

                public TopicLog(string root) => _root = root;

                private static void EnsureDirectoryExists(string directory)
                {
                    if (!Directory.Exists(directory))
                    {
                        Directory.CreateDirectory(directory);
                    }
                }

                public FileStream OpenSegment(string topic, long offset)
                {
                    var directory = Path.Combine(_root, topic);
                    {|#0:EnsureDirectoryExists(directory)|};
                    var segment = new FileStream(Path.Combine(directory, offset + ".log"), FileMode.CreateNew);
                    Durability.Runtime.Fsync.Directory(directory);
                    return segment;
                }

                public void Append(FileStream segment, byte[] record)
                {
                    segment.Write(record, 0, record.Length);
                    segment.Flush(flushToDisk: true);
                }
            }
            """,
            new[] { CreatedByHelper(0, "'directory'", "EnsureDirectoryExists", "the directory of 'directory'") },
            """
            using System.IO;
            using Durability.Runtime;

            sealed class TopicLog
            {
                private readonly string _root;

                public TopicLog(string root) => _root = root;

                private static void EnsureDirectoryExists(string directory)
                {
                    if (!Directory.Exists(directory))
                    {
                        Directory.CreateDirectory(directory);
                    }
                }

                public FileStream OpenSegment(string topic, long offset)
                {
                    var directory = Path.Combine(_root, topic);
                    EnsureDirectoryExists(directory);
                    Fsync.ParentDirectory(directory);
                    var segment = new FileStream(Path.Combine(directory, offset + ".log"), FileMode.CreateNew);
                    Durability.Runtime.Fsync.Directory(directory);
                    return segment;
                }

                public void Append(FileStream segment, byte[] record)
                {
                    segment.Write(record, 0, record.Length);
                    segment.Flush(flushToDisk: true);
                }
            }
            """);

    [Fact]
    public Task A_helper_made_directory_is_quiet_when_synced_above_left_empty_or_synced_by_the_helper() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            static class DirectoryUtils
            {
                public static void EnsureParent(string path) => Directory.CreateDirectory(Path.GetDirectoryName(path));

                public static void EnsureDirectory(string directory) => Directory.CreateDirectory(directory);

                public static void EnsureDurableDirectory(string directory)
                {
                    Directory.CreateDirectory(directory);
                    Durability.Runtime.Fsync.ParentDirectory(directory);
                }

                public static void EnsureBoth(string first, string second)
                {
                    Directory.CreateDirectory(first);
                    Directory.CreateDirectory(second);
                }
            }

            sealed class BlobStore
            {
                private readonly string _root = "blobs";
                private readonly string _exports = "exports";

                public BlobStore()
                {
                    // Start-up: a folder is made sure of, nothing is put in it here.
                    DirectoryUtils.EnsureDirectory(_exports);
                }

                public void Put(string name, byte[] data)
                {
                    var file = Path.Combine(_root, name.Substring(0, 2), name);
                    DirectoryUtils.EnsureParent(file);
                    Durability.Runtime.Fsync.ParentDirectoryEntry(file);
                    Write(file, data);
                }

                public void PutSpelledOut(string name, byte[] data)
                {
                    var file = Path.Combine(_root, name.Substring(0, 2), name);
                    DirectoryUtils.EnsureParent(file);
                    Durability.Runtime.Fsync.Directory(Path.GetDirectoryName(Path.GetDirectoryName(file)));
                    Write(file, data);
                }

                public void PutSyncedByHelper(string shard, string name, byte[] data)
                {
                    var directory = Path.Combine(_root, shard);
                    DirectoryUtils.EnsureDurableDirectory(directory);
                    Write(Path.Combine(directory, name), data);
                }

                public void PutInTwo(string shard, string name, byte[] data)
                {
                    var directory = Path.Combine(_root, shard);
                    DirectoryUtils.EnsureBoth(directory, directory + "-index");
                    Write(Path.Combine(directory, name), data);
                }

                private static void Write(string file, byte[] data)
                {
                    using var stream = new FileStream(file, FileMode.CreateNew);
                    stream.Write(data, 0, data.Length);
                    stream.Flush(flushToDisk: true);
                    Durability.Runtime.Fsync.ParentDirectory(file);
                }
            }
            """);
}
