using System.Threading.Tasks;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR002.UnsyncedDirectoryEntryTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer, Durability.CodeFixes.UnsyncedDirectoryEntryCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR002;

/// <summary>
/// DUR002 through the project's own file-system provider: a method that hands its paths straight to File.Move,
/// File.Replace or File.Delete (an <c>IFileProvider</c> implemented over System.IO, a static helper) changes the entry
/// at each call. The finding goes to the call when the provider is not checked itself, and to the provider's body when it is.
/// </summary>
public sealed class UnsyncedDirectoryEntryProviderTests
{
    [Fact]
    public Task A_rename_through_the_projects_provider_interface_is_flagged_at_the_call() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            interface IFileProvider
            {
                FileStream OpenWrite(string path);
                void Replace(string source, string destination, string? backup);
            }

            sealed class LocalFileProvider : IFileProvider
            {
                public FileStream OpenWrite(string path) => new FileStream(path, FileMode.Create);

                // Replace renames in place on one volume.
                public void Replace(string source, string destination, string? backup) => File.Replace(source, destination, backup);
            }

            sealed class CompactingWal
            {
                private readonly IFileProvider _files;
                private readonly string _path;

                public CompactingWal(IFileProvider files, string path) => (_files, _path) = (files, path);

                public void Compact(byte[] live)
                {
                    var temp = _path + ".tmp";
                    using (var stream = _files.OpenWrite(temp))
                    {
                        stream.Write(live);
                        stream.Flush(flushToDisk: true);
                    }

                    {|#0:_files.Replace(temp, _path, null)|};
                }
            }
            """,
            Renamed(0, "'temp'", "'_path'", "the directory of '_path'"));

    [Fact]
    public Task A_rename_through_a_static_file_helper_is_flagged_at_the_call() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            static class FileUtil
            {
                public static void MoveOver(string from, string to)
                {
                    if (File.Exists(from))
                    {
                        File.Move(from, to, overwrite: true);
                    }
                }
            }

            sealed class CheckpointStore
            {
                public void Save(string directory, byte[] state)
                {
                    var staged = Path.Combine(directory, "checkpoint.next");
                    using (var stream = new FileStream(staged, FileMode.CreateNew))
                    {
                        stream.Write(state);
                        stream.Flush(flushToDisk: true);
                    }

                    {|#0:FileUtil.MoveOver(staged, Path.Combine(directory, "checkpoint"))|};
                }
            }
            """,
            Renamed(0, "'staged'", "'Path.Combine(directory, \"checkpoint\")'", "'directory'"));

    [Fact]
    public Task A_save_helper_that_writes_its_path_whole_creates_the_file_at_each_call_and_one_given_the_mode_does_not() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.Text;

            static class IoUtil
            {
                public static void SaveObject(object value, string path)
                {
                    File.WriteAllText(path, value.ToString(), Encoding.UTF8);
                }

                public static Stream Open(string path, FileMode mode) => new FileStream(path, mode);
            }

            sealed class ConfigurationStore
            {
                private readonly string _settingsPath = Path.Combine("agent", ".settings");
                private readonly string _credentialsPath = Path.Combine("agent", ".credentials");

                public void SaveSettings(object settings)
                {
                    {|#0:IoUtil.SaveObject(settings, _settingsPath)|};
                }

                public void SaveCredentials(object credentials)
                {
                    IoUtil.SaveObject(credentials, _credentialsPath);
                    Durability.Runtime.Fsync.ParentDirectory(_credentialsPath);
                }

                public Stream OpenSettings() => IoUtil.Open(_settingsPath, FileMode.Open);
            }
            """,
            new[] { Created(0, "'_settingsPath'", "the directory of '_settingsPath'") },
            """
            using System.IO;
            using System.Text;
            using Durability.Runtime;

            static class IoUtil
            {
                public static void SaveObject(object value, string path)
                {
                    File.WriteAllText(path, value.ToString(), Encoding.UTF8);
                }

                public static Stream Open(string path, FileMode mode) => new FileStream(path, mode);
            }

            sealed class ConfigurationStore
            {
                private readonly string _settingsPath = Path.Combine("agent", ".settings");
                private readonly string _credentialsPath = Path.Combine("agent", ".credentials");

                public void SaveSettings(object settings)
                {
                    IoUtil.SaveObject(settings, _settingsPath);
                    Fsync.ParentDirectory(_settingsPath);
                }

                public void SaveCredentials(object credentials)
                {
                    IoUtil.SaveObject(credentials, _credentialsPath);
                    Durability.Runtime.Fsync.ParentDirectory(_credentialsPath);
                }

                public Stream OpenSettings() => IoUtil.Open(_settingsPath, FileMode.Open);
            }
            """);

    [Fact]
    public Task A_temp_file_published_through_the_types_own_retrying_move_is_checked_at_that_move_not_at_its_creation() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            sealed class LedgerManager
            {
                public async Task UpdateAsync(string ledgerPath, byte[] ledger)
                {
                    var tempPath = ledgerPath + "." + System.Guid.NewGuid().ToString("N");
                    using (var stream = new FileStream(tempPath, FileMode.CreateNew))
                    {
                        stream.Write(ledger);
                        stream.Flush(flushToDisk: true);
                    }

                    await MoveWithRetryAsync(tempPath, ledgerPath);
                }

                private static async Task MoveWithRetryAsync(string source, string destination, int attempts = 10)
                {
                    for (var attempt = 0; attempt < attempts - 1; attempt++)
                    {
                        try
                        {
                            {|#0:File.Move(source, destination, overwrite: true)|};
                            return;
                        }
                        catch (IOException)
                        {
                            await Task.Delay(20);
                        }
                    }

                    {|#1:File.Move(source, destination, overwrite: true)|};
                }
            }
            """,
            Renamed(0, "'source'", "'destination'", "the directories of 'destination' and 'source'"),
            Renamed(1, "'source'", "'destination'", "the directories of 'destination' and 'source'"));

    [Fact]
    public Task A_provider_rename_gets_a_parent_directory_sync_after_the_call() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            interface IFileProvider
            {
                void Move(string source, string destination);
            }

            sealed class LocalFileProvider : IFileProvider
            {
                public void Move(string source, string destination) => File.Move(source, destination, overwrite: true);
            }

            sealed class SnapshotStore
            {
                private readonly IFileProvider _files;

                public SnapshotStore(IFileProvider files) => _files = files;

                public void Publish(string path)
                {
                    var staged = path + ".next";
                    {|#0:_files.Move(staged, path)|};
                }
            }
            """,
            new[] { Renamed(0, "'staged'", "'path'", "the directory of 'path'") },
            """
            using System.IO;
            using Durability.Runtime;

            interface IFileProvider
            {
                void Move(string source, string destination);
            }

            sealed class LocalFileProvider : IFileProvider
            {
                public void Move(string source, string destination) => File.Move(source, destination, overwrite: true);
            }

            sealed class SnapshotStore
            {
                private readonly IFileProvider _files;

                public SnapshotStore(IFileProvider files) => _files = files;

                public void Publish(string path)
                {
                    var staged = path + ".next";
                    _files.Move(staged, path);
                    Fsync.ParentDirectory(path);
                }
            }
            """);

    [Fact]
    public Task A_provider_call_followed_by_a_directory_sync_or_a_provider_that_syncs_is_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            interface IFileProvider
            {
                void Move(string source, string destination);
            }

            sealed class LocalFileProvider : IFileProvider
            {
                public void Move(string source, string destination) => File.Move(source, destination, overwrite: true);
            }

            static class DurableFiles
            {
                public static void Rename(string from, string to)
                {
                    File.Move(from, to, overwrite: true);
                    Fsync.ParentDirectory(to);
                    Fsync.ParentDirectory(from);
                }
            }

            sealed class SnapshotStore
            {
                private readonly IFileProvider _files;

                public SnapshotStore(IFileProvider files) => _files = files;

                public void Publish(string path)
                {
                    var staged = path + ".next";
                    _files.Move(staged, path);
                    Fsync.ParentDirectory(path);
                }

                public void PublishDurably(string staged, string path) => DurableFiles.Rename(staged, path);
            }
            """);

    [Fact]
    public Task A_provider_that_is_storage_code_itself_is_reported_in_its_body_only() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            sealed class SegmentFileSystem
            {
                public void Rename(string from, string to) => {|#0:File.Move(from, to)|};
            }

            sealed class SegmentStore
            {
                private readonly SegmentFileSystem _files = new();

                public void Seal(string staged, string path) => _files.Rename(staged, path);
            }
            """,
            Renamed(0, "'from'", "'to'", "the directories of 'to' and 'from'"));

    [Fact]
    public Task Provider_methods_that_pass_the_mode_through_or_change_nothing_on_disk_are_not_changes_and_a_move_that_keeps_a_copy_is_a_rename() =>
        Verifier.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;

            interface IFileProvider
            {
                Stream Open(string path, FileMode mode);
                void Move(string source, string destination);
            }

            sealed class LocalFileProvider : IFileProvider
            {
                public Stream Open(string path, FileMode mode) => new FileStream(path, mode);

                // Moves the file and keeps a copy of the old one: the copy is a backup, the method one rename onto destination.
                public void Move(string source, string destination)
                {
                    File.Copy(destination, destination + ".old", overwrite: true);
                    File.Move(source, destination, overwrite: true);
                }
            }

            sealed class InMemoryFiles
            {
                private readonly Dictionary<string, byte[]> _files = new();

                public void Move(string source, string destination)
                {
                    _files[destination] = _files[source];
                    _files.Remove(source);
                }
            }

            sealed class SegmentStore
            {
                private readonly IFileProvider _files;
                private readonly InMemoryFiles _cache = new();

                public SegmentStore(IFileProvider files) => _files = files;

                public byte[] Read(string path)
                {
                    using var stream = _files.Open(path, FileMode.Open);
                    var data = new byte[stream.Length];
                    stream.ReadExactly(data);
                    return data;
                }

                public void Promote(string staged, string path)
                {
                    {|#0:_files.Move(staged, path)|};
                    _cache.Move(staged, path);
                }
            }
            """,
            Renamed(0, "'staged'", "'path'", "the directories of 'path' and 'staged'"));
}
