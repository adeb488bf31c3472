using System.Threading.Tasks;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer, Durability.CodeFixes.UnsyncedDirectoryEntryCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR002;

/// <summary>DUR002 must not flag: changes followed by a sync of the same directory, temp files renamed later, code without durability intent.</summary>
public sealed class UnsyncedDirectoryEntryQuietTests
{
    [Fact]
    public Task A_web_controller_named_for_a_store_it_serves_is_not_storage_code_by_its_name() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class MoneroLikeStoreController
            {
                public void UploadLogo(string directory, byte[] image)
                {
                    Directory.CreateDirectory(directory);
                    File.WriteAllBytes(Path.Combine(directory, "logo.png"), image);
                }
            }
            """);

    [Fact]
    public Task A_lock_file_opened_to_be_deleted_on_close_is_no_entry_to_make_durable() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class TableStore
            {
                private FileStream? _lockFile;
                private FileStream? _log;

                public void Open(string databaseName)
                {
                    _lockFile = new FileStream(Path.Combine(databaseName, "LOCKED"), FileMode.Create, FileAccess.ReadWrite,
                                               FileShare.None, 4096, FileOptions.DeleteOnClose);
                    _log = new FileStream(Path.Combine(databaseName, "LOG"), FileMode.Open, FileAccess.ReadWrite);
                    _log.Flush(true);
                }
            }
            """);

    [Fact]
    public Task Runtime_directory_syncs_of_the_same_parent_count() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class SegmentedWal
            {
                private readonly string _directory = "wal";

                public FileStream Rotate(int number)
                {
                    var path = Path.Combine(_directory, $"{number:D8}.wal");
                    var segment = new FileStream(path, FileMode.CreateNew);
                    Fsync.Directory(_directory);
                    return segment;
                }

                public void Checkpoint(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    File.WriteAllBytes(tmp, state);
                    File.Move(tmp, path, overwrite: true);
                    Fsync.ParentDirectory(path);
                }

                public void Drop(string segment)
                {
                    File.Delete(segment);
                    Fsync.Directory(Path.GetDirectoryName(segment)!);
                }

                public void DropInfo(FileInfo segment)
                {
                    segment.Delete();
                    Fsync.ParentDirectory(segment.FullName);
                }
            }
            """);

    [Fact]
    public Task A_durable_file_replace_in_the_same_directory_syncs_it() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class SnapshotStore
            {
                public void Save(string dir, string name, byte[] state)
                {
                    var path = Path.Combine(dir, name);
                    File.Move(path + ".tmp", path, overwrite: true);
                    DurableFile.WriteAllText(Path.Combine(dir, "MANIFEST"), name);
                }
            }
            """);

    [Fact]
    public Task A_sync_after_the_enclosing_loop_using_or_in_finally_counts() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class LogTruncation
            {
                private readonly string _directory = "log";

                public void DeleteAll(string[] names)
                {
                    foreach (var name in names)
                    {
                        File.Delete(Path.Combine(_directory, name));
                    }

                    Fsync.Directory(_directory);
                }

                public void Create(string path)
                {
                    using (var file = File.Create(path))
                    {
                        file.WriteByte(1);
                        Fsync.ParentDirectory(path);
                    }
                }

                public void Replace(string path)
                {
                    var tmp = path + ".new";
                    try
                    {
                        File.Replace(tmp, path, null);
                    }
                    finally
                    {
                        Fsync.ParentDirectory(path);
                    }
                }
            }
            """);

    [Fact]
    public Task User_helpers_recognised_by_what_they_do_count() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Runtime.InteropServices;
            using Microsoft.Win32.SafeHandles;

            static partial class DirectoryDurability
            {
                [DllImport("libc", SetLastError = true)]
                private static extern int open(string path, int flags);

                [DllImport("libc", SetLastError = true)]
                private static extern int fsync(int fd);

                [DllImport("libc", EntryPoint = "open", SetLastError = true)]
                private static extern int OpenPath(string path, int flags);

                public static void SyncNative(string directory)
                {
                    var fd = open(directory, 0);
                    fsync(fd);
                }

                public static void SyncHandle(string directory)
                {
                    using var handle = new SafeFileHandle((IntPtr)OpenPath(directory, 0), ownsHandle: true);
                    RandomAccess.FlushToDisk(handle);
                }

                public static void SyncParentOf(string file) => SyncHandle(Path.GetDirectoryName(file)!);
            }

            class BitcaskStore
            {
                public void Merge(string directory)
                {
                    var merged = Path.Combine(directory, "merge.tmp");
                    var final = Path.Combine(directory, "data.0");
                    File.Move(merged, final);
                    DirectoryDurability.SyncParentOf(final);
                    File.Delete(Path.Combine(directory, "old.data"));
                    DirectoryDurability.SyncNative(directory);
                    File.Create(Path.Combine(directory, "hint")).Dispose();
                    DirectoryDurability.SyncHandle(directory);
                }
            }
            """);

    [Fact]
    public Task Configured_directory_sync_methods_count()
    {
        var test = new AnalyzerTest<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer>
        {
            EditorConfig = """
                root = true

                [*.cs]
                dotnet_code_quality.DUR002.directory_sync_methods = Platform.Disk.Barrier
                """,
        };
        test.Sources.Add("""
            using System.IO;

            namespace Platform
            {
                static class Disk
                {
                    public static void Barrier() { }
                }
            }

            class KeyValueStore
            {
                public void Put(string path)
                {
                    File.WriteAllText(path, "v");
                    Platform.Disk.Barrier();
                }
            }
            """);
        return test.RunAsync();
    }

    [Fact]
    public Task A_temp_file_renamed_later_needs_only_the_rename_synced() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class SnapshotStore
            {
                public void Save(string path, byte[] data)
                {
                    var tmp = path + ".tmp";
                    using (var file = new FileStream(tmp, FileMode.CreateNew))
                    {
                        file.Write(data);
                        Fsync.File(file);
                    }

                    File.Move(tmp, path, overwrite: true);
                    Fsync.ParentDirectory(path);
                }
            }
            """);

    [Fact]
    public Task Reopening_a_file_renamed_into_place_earlier_is_not_another_creation() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class SegmentLog
            {
                private FileStream _fd = null!;

                public void Rewrite(string path, byte[] kept)
                {
                    var tmp = path + ".tmp";
                    File.WriteAllBytes(tmp, kept);
                    File.Move(tmp, path, overwrite: true);
                    _fd = new FileStream(path, FileMode.Append);
                    Fsync.ParentDirectory(path);
                }
            }
            """);

    [Fact]
    public Task A_file_made_again_after_a_branch_that_made_it_and_returned_is_another_creation() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentFile
            {
                private FileStream _file = null!;

                public void Reset(string path, bool empty)
                {
                    if (empty)
                    {
                        _file.Dispose();
                        File.Delete(path);
                        _file = {|#0:new FileStream(path, FileMode.OpenOrCreate)|};
                        return;
                    }

                    Restore(path);
                    _file.Dispose();
                    File.Delete(path);
                    _file = {|#1:new FileStream(path, FileMode.OpenOrCreate)|};
                }

                private void Restore(string path) => File.Copy(path, path + ".bak", overwrite: true);
            }
            """,
            UnsyncedDirectoryEntryTests.Created(0, "'path'", "the directory of 'path'"),
            UnsyncedDirectoryEntryTests.Created(1, "'path'", "the directory of 'path'"));

    [Fact]
    public Task Code_without_durability_intent_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class ReportExporter
            {
                public void Export(string path, string csv)
                {
                    File.WriteAllText(path + ".tmp", csv);
                    File.Move(path + ".tmp", path, overwrite: true);
                    File.Delete(path + ".bak");
                }
            }

            class ThumbnailCache
            {
                public void Evict(string path) => File.Delete(path);
            }
            """);

    [Fact]
    public Task Opening_existing_files_is_not_a_creation() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentReader
            {
                public byte[] Read(string path, FileInfo info)
                {
                    using var a = new FileStream(path, FileMode.Open, FileAccess.Read);
                    using var b = File.OpenRead(path);
                    using var c = info.OpenRead();
                    using var d = new StreamReader(path);
                    using var e = File.Open(path, FileMode.Truncate);
                    return File.ReadAllBytes(path);
                }
            }
            """);

    [Fact]
    public Task A_folder_made_sure_to_exist_with_nothing_created_in_it_is_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class StoreOptions
            {
                public StoreOptions(string root)
                {
                    Directory.CreateDirectory(Path.Combine(root, "data"));
                    Directory.CreateDirectory(Path.Combine(root, "index"));
                    new DirectoryInfo(Path.Combine(root, "logs")).Create();
                }
            }
            """);
    [Fact]
    public Task A_file_created_by_a_helper_whose_every_caller_renames_it_is_reported_only_at_the_rename() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            static class StorageFiles
            {
                internal static void WriteBytes(string path, byte[] data) => File.WriteAllBytes(path, data);

                internal static FileStream CreateStaging(string path) => new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            }

            sealed class SpoolStore
            {
                private readonly string _directory;

                public SpoolStore(string directory) => _directory = directory;

                public void Add(byte[] payload)
                {
                    var final = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".item");
                    var staging = final + ".partial";
                    StorageFiles.WriteBytes(staging, payload);
                    {|#0:File.Move(staging, final)|};
                }

                public void AddStream(Stream payload, string name)
                {
                    var final = Path.Combine(_directory, name);
                    using (var staging = StorageFiles.CreateStaging(final + ".partial"))
                    {
                        payload.CopyTo(staging);
                        staging.Flush(flushToDisk: true);
                    }

                    {|#1:File.Move(final + ".partial", final)|};
                }
            }
            """,
            UnsyncedDirectoryEntryTests.Renamed(0, "'staging'", "'final'", "the directory of 'final'"),
            UnsyncedDirectoryEntryTests.Renamed(1, "'final + \".partial\"'", "'final'", "the directory of 'final'"));
    [Fact]
    public Task A_subdirectory_whose_parent_is_synced_or_that_is_only_made_to_exist_is_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            sealed class SnapshotStore
            {
                private readonly DirectoryInfo _root;

                public SnapshotStore(DirectoryInfo root)
                {
                    _root = root;
                    _root.CreateSubdirectory("snapshots");
                }

                public void Save(string name, byte[] data)
                {
                    var folder = _root.CreateSubdirectory(name);
                    Fsync.Directory(_root.FullName);
                    using (var file = new FileStream(Path.Combine(folder.FullName, "data"), FileMode.CreateNew))
                    {
                        file.Write(data);
                        file.Flush(true);
                    }

                    Fsync.Directory(folder.FullName);
                }
            }
            """);
    [Fact]
    public Task A_file_staged_by_renames_to_temp_names_is_reported_only_where_it_is_put_in_place() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            sealed class KeyStore
            {
                private readonly string _directory;

                public KeyStore(string directory) => _directory = directory;

                public void Store(byte[] key, string name)
                {
                    var staged = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".tmp");
                    File.Move(Path.GetTempFileName(), staged);
                    using (var file = File.OpenWrite(staged))
                    {
                        file.Write(key);
                        file.Flush(true);
                    }

                    var ready = staged + ".ready";
                    File.Move(staged, ready);
                    {|#0:File.Move(ready, Path.Combine(_directory, name + ".key"))|};
                }
            }
            """,
            UnsyncedDirectoryEntryTests.Renamed(0, "'ready'", "'Path.Combine(_directory, name + \".key\")'", "'_directory'"));

    [Fact]
    public Task A_log_rotated_to_an_archive_name_and_started_anew_is_a_creation_not_a_staging_file() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class WriteAheadLog
            {
                private readonly string _logPath = Path.Combine("wal", "current.log");
                private FileStream? _log;

                public void Open() => StartNewLog();

                private void StartNewLog() => _log = {|#0:new FileStream(_logPath, FileMode.Create)|};

                public void Rotate()
                {
                    _log!.Flush(true);
                    _log.Dispose();
                    {|#1:File.Move(_logPath, Path.Combine("wal", DateTime.UtcNow.Ticks + ".log"))|};
                    StartNewLog();
                }
            }
            """,
            UnsyncedDirectoryEntryTests.Created(0, "'_logPath'", "the directory of '_logPath'"),
            UnsyncedDirectoryEntryTests.Renamed(1, "'_logPath'", "'Path.Combine(\"wal\", DateTime.UtcNow.Ticks + \".log\")'", "the directories of 'Path.Combine(\"wal\", DateTime.UtcNow.Ticks + \".log\")' and '_logPath'"));

    [Fact]
    public Task A_staging_file_created_when_a_job_starts_is_checked_at_the_rename_that_completes_it() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class HistoryStore
            {
                private readonly string _map = "main";
                private FileStream? _dump;

                private static string DumpPath(string map) => Path.Combine("history", map + ".dump");

                private static string FilePath(string map) => Path.Combine("history", map + ".db");

                // Staged: Complete renames this file into place, and the rename is what is checked.
                public void Begin() => _dump = File.Create(DumpPath(_map));

                // A parameter names a file of the caller's choosing: Finish's parameter of the same name is another file.
                public void Start(string path) => _dump = {|#0:File.Create(path)|};

                public void Complete()
                {
                    _dump!.Flush(true);
                    _dump.Dispose();
                    var dump = DumpPath(_map);
                    {|#1:File.Move(dump, FilePath(_map), true)|};
                }

                public void Finish(string path) => {|#2:File.Move(path, path + ".db", true)|};

                // Scratch: a chunk kept until a download is put together, never read after a restart.
                public void WriteChunkToTempFile(string chunkPath, byte[] chunk)
                {
                    using var file = File.OpenWrite(chunkPath);
                    file.Write(chunk);
                }
            }
            """,
            UnsyncedDirectoryEntryTests.Created(0, "'path'", "the directory of 'path'"),
            UnsyncedDirectoryEntryTests.Renamed(1, "'dump'", "'FilePath(_map)'", "the directory of 'FilePath(_map)'"),
            UnsyncedDirectoryEntryTests.Renamed(2, "'path'", "'path + \".db\"'", "the directory of 'path + \".db\"'"));

    [Fact]
    public Task A_backup_restored_over_the_live_file_at_recovery_is_run_again_if_a_crash_undoes_it() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SettingsStore
            {
                private readonly string _path = "settings.json";

                private string BackupPath => _path + ".bak";

                // Recovery: if the rename is lost, the backup is still there and the next start restores it again.
                public void RestoreBackup()
                {
                    if (File.Exists(_path))
                    {
                        File.Replace(BackupPath, _path, null);
                    }
                    else
                    {
                        File.Move(BackupPath, _path);
                    }
                }

                // Not recovery: a backup put in place as the new live file is a change a crash must keep.
                public void PromoteBackup() => {|#0:File.Move(_path + ".bak", _path, true)|};
            }
            """,
            UnsyncedDirectoryEntryTests.Renamed(0, "'_path + \".bak\"'", "'_path'", "the directory of '_path'"));

    [Fact]
    public Task A_backup_put_back_when_an_open_finds_it_is_recovery_whatever_the_method_is_called() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            static class SnapshotStore
            {
                // A backup still there means the last rewrite did not finish: it is put back, and again next time if lost.
                public static byte[] Read(string path)
                {
                    if (File.Exists(path + ".old"))
                    {
                        File.Delete(path);
                        File.Move(path + ".old", path);
                    }

                    return File.ReadAllBytes(path);
                }

                // Not guarded by the backup's existence: a backup promoted as the new live file.
                public static void Promote(string path, bool keep)
                {
                    if (keep && File.Exists(path))
                    {
                        {|#0:File.Move(path + ".old", path, true)|};
                    }
                }
            }
            """,
            UnsyncedDirectoryEntryTests.Renamed(0, "'path + \".old\"'", "'path'", "the directory of 'path'"));

    [Fact]
    public Task A_start_up_that_finishes_an_interrupted_publish_by_renaming_the_temp_it_finds_is_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            public sealed class ManifestStore
            {
                private const string ManifestPath = "db/manifest.xml";

                public void Open()
                {
                    // a crash after the temp was written and before its rename: the rename is redone at every start until it holds
                    if (File.Exists(ManifestPath + ".tmp"))
                    {
                        File.Move(ManifestPath + ".tmp", ManifestPath);
                    }
                    else if (File.Exists(ManifestPath + ".bak"))
                    {
                        File.Move(ManifestPath + ".bak", ManifestPath);
                    }
                }

                public void Save(string xml)
                {
                    DurableFile.WriteAllText(ManifestPath + ".tmp", xml);
                    File.Move(ManifestPath + ".tmp", ManifestPath, overwrite: true);
                    Fsync.ParentDirectory(ManifestPath);
                }
            }
            """);
}
