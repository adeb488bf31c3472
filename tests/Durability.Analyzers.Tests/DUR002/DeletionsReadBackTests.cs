using System.Linq;
using System.Threading.Tasks;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer, Durability.CodeFixes.UnsyncedDirectoryEntryCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR002;

/// <summary>
/// Deletions DUR002 reports by default: files that recovery finds again if a power cut undoes the deletion (found by
/// listing their directory, or read back by the type that lists it). Clean-up of files nobody reads back stays opt-in.
/// </summary>
public sealed class DeletionsReadBackTests
{
    // Recovery lists and opens the segments; truncation deletes those it lists. Markup marks the two deletions.
    private const string SegmentedLog = """
            using System.IO;
            using System.Linq;

            class SegmentedLog
            {
                private readonly string _dir;

                public SegmentedLog(string dir) => _dir = dir;

                // Recovery replays every segment it finds: one that comes back is replayed again.
                public void Recover()
                {
                    foreach (var segment in Directory.GetFiles(_dir, "*.seg"))
                    {
                        using var stream = File.OpenRead(segment);
                    }
                }

                public void TruncateBefore(long checkpoint)
                {
                    foreach (var segment in Directory.GetFiles(_dir, "*.seg").Where(s => Number(s) < checkpoint))
                    {
                        {|#0:File.Delete(segment)|};
                    }

                    Directory.GetFiles(_dir, "*.idx").ToList().ForEach(index => {|#1:File.Delete(index)|});
                }

                private static long Number(string path) => long.Parse(Path.GetFileNameWithoutExtension(path));
            }
            """;

    private static DiagnosticResult Deleted(int location, string path) =>
        UnsyncedDirectoryEntryTests.Deleted(location, "'" + path + "'", "the directory of '" + path + "'");

    [Fact]
    public Task Segments_found_by_listing_and_deleted_after_a_checkpoint_are_flagged() =>
        Verifier.AnalyzerAsync(
            SegmentedLog,
            Deleted(0, "segment"),
            Deleted(1, "index"));

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    public Task Report_deletions_none_reports_no_deletion(string value) =>
        Verifier.ConfiguredAnalyzerAsync(
            "root = true\n\n[*.cs]\ndotnet_code_quality.DUR002.report_deletions = " + value + "\n",
            SegmentedLog);

    [Theory]
    [InlineData("all")]
    [InlineData("true")]
    public Task Report_deletions_all_reports_clean_up_too(string value) =>
        Verifier.ConfiguredAnalyzerAsync(
            "root = true\n\n[*.cs]\ndotnet_code_quality.DUR002.report_deletions = " + value + "\n",
            """
            using System.IO;

            class TableStore
            {
                public void Forget(string dir, string name) => {|#0:File.Delete(Path.Combine(dir, name + ".sent"))|};
            }
            """,
            UnsyncedDirectoryEntryTests.Deleted(0, "'Path.Combine(dir, name + \".sent\")'", "'dir'"));

    [Fact]
    public Task A_marker_that_the_type_checks_on_start_is_flagged_when_deleted() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class KeyStore
            {
                private readonly string _dir;

                public KeyStore(string dir)
                {
                    _dir = dir;
                    if (File.Exists(_dir + "dirty.marker"))
                    {
                        Repair();
                    }
                }

                // A clean shutdown removes the marker; if the removal is lost, the next start repairs a healthy store.
                public void Shutdown() => {|#0:File.Delete(_dir + "dirty.marker")|};

                private void Repair()
                {
                    foreach (var page in Directory.EnumerateFiles(_dir, "*.page"))
                    {
                    }
                }
            }
            """,
            Deleted(0, "_dir + \"dirty.marker\""));

    [Fact]
    public Task Clean_up_that_recovery_never_reads_makes_room_or_follows_a_new_version_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class TableStore
            {
                private readonly string _dir;

                public TableStore(string dir) => _dir = dir;

                public string[] Tables() => Directory.GetFiles(_dir, "*.sst");

                // Scratch files from a temp folder: nothing recovers from them.
                public void CleanScratch()
                {
                    foreach (var scratch in Directory.GetFiles(Path.GetTempPath(), "merge-*"))
                    {
                        File.Delete(scratch);
                    }
                }

                // Room for the file created next at the same path.
                public void Unpack(string package, byte[] contents)
                {
                    var target = Path.Combine(_dir, package);
                    if (File.Exists(target))
                    {
                        File.Delete(target);
                    }

                    {|#0:File.WriteAllBytes(target, contents)|};
                }

                // Compaction: the merged table is in place before the inputs go; one that comes back repeats what it holds.
                public void Compact(string first, string second, byte[] merged)
                {
                    {|#1:File.WriteAllBytes(Path.Combine(_dir, "merged.sst"), merged)|};
                    File.Delete(Path.Combine(_dir, first));
                    File.Delete(Path.Combine(_dir, second));
                }

                // A file nothing here reads back.
                public void Forget(string name) => File.Delete(Path.Combine(_dir, name + ".sent"));
            }
            """,
            UnsyncedDirectoryEntryTests.Created(0, "'target'", "the directory of 'target'"),
            UnsyncedDirectoryEntryTests.Created(1, "'Path.Combine(_dir, \"merged.sst\")'", "'_dir'"));

    [Fact]
    public Task Obsolete_files_a_manifest_store_lists_only_to_delete_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;

            class TableStore
            {
                private readonly string _dir;
                private readonly HashSet<string> _live = new();

                public TableStore(string dir)
                {
                    _dir = dir;

                    // Recovery reads the manifest, which names the live tables: an obsolete table that comes back is ignored.
                    foreach (var line in File.ReadAllLines(Path.Combine(_dir, "MANIFEST")))
                    {
                        _live.Add(line);
                    }
                }

                public void DeleteObsolete()
                {
                    foreach (var file in Directory.GetFiles(_dir, "*.sst"))
                    {
                        if (!_live.Contains(Path.GetFileName(file)))
                        {
                            File.Delete(file);
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task A_directory_that_deletes_the_file_its_caller_names_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class FileIndexDirectory
            {
                private readonly DirectoryInfo _directory;

                public FileIndexDirectory(string path) => _directory = new DirectoryInfo(path);

                public string[] ListAll() => Directory.GetFiles(_directory.FullName);

                public byte[] OpenInput(string name)
                {
                    var file = new FileInfo(Path.Combine(_directory.FullName, name));
                    return File.ReadAllBytes(file.FullName);
                }

                // Which file, and whether recovery would find it again, is the caller's to know (an index file deleter).
                public void DeleteFile(string name)
                {
                    var file = new FileInfo(Path.Combine(_directory.FullName, name));
                    file.Delete();
                }
            }
            """);

    [Fact]
    public Task A_fixed_file_named_through_a_local_and_read_back_is_flagged_when_deleted() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class CheckpointStore
            {
                private readonly string _dir = "data";

                public byte[]? Recover()
                {
                    foreach (var segment in Directory.GetFiles(_dir, "*.seg"))
                    {
                        Replay(File.ReadAllBytes(segment));
                    }

                    var checkpoint = Path.Combine(_dir, "checkpoint.dat");
                    return File.Exists(checkpoint) ? File.ReadAllBytes(checkpoint) : null;
                }

                public void DropCheckpoint()
                {
                    var checkpoint = Path.Combine(_dir, "checkpoint.dat");
                    {|#0:File.Delete(checkpoint)|};
                }

                private static void Replay(byte[] segment)
                {
                }
            }
            """,
            Deleted(0, "checkpoint"));

    [Fact]
    public Task A_type_that_lists_only_to_clean_up_finds_nothing_again_by_listing() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            // Restore reads the manifest and the snapshot it names by name; listings only look for what to delete. A snapshot
            // or manifest that a power cut brings back is an orphan no manifest names, or one already restored.
            class SnapshotBackupStore
            {
                private readonly string _root;

                public SnapshotBackupStore(string root) => _root = root;

                public byte[]? Restore()
                {
                    var manifest = Path.Combine(_root, "manifest.json");
                    if (!File.Exists(manifest))
                    {
                        return null;
                    }

                    var latest = File.ReadAllText(manifest).Trim();
                    return File.ReadAllBytes(Path.Combine(_root, latest, "data.bin"));
                }

                public void ClearAll()
                {
                    foreach (var file in new DirectoryInfo(_root).GetFiles())
                    {
                        file.Delete();
                    }

                    foreach (var folder in new DirectoryInfo(_root).GetDirectories())
                    {
                        folder.Delete(true);
                    }
                }

                public void ClearUnnamed(string latest)
                {
                    foreach (var folder in Directory.GetDirectories(_root))
                    {
                        if (Path.GetFileName(folder) != latest)
                        {
                            Directory.Delete(folder, true);
                        }
                    }
                }
            }

            // The same clean-up beside a loader that lists what it loads: a snapshot that comes back is loaded again.
            class ListedSnapshotStore
            {
                private readonly string _root;

                public ListedSnapshotStore(string root) => _root = root;

                public string[] Snapshots() => Directory.GetDirectories(_root);

                public void ClearUnnamed(string latest)
                {
                    foreach (var folder in Directory.GetDirectories(_root))
                    {
                        if (Path.GetFileName(folder) != latest)
                        {
                            {|#0:Directory.Delete(folder, true)|};
                        }
                    }
                }
            }
            """,
            Deleted(0, "folder"));

    // Rewrite by backup: the live file is moved aside, the new version written and synced, the backup deleted; on open,
    // a backup still there means the rewrite did not finish, and it is put back. The deletion commits the rewrite.
    private const string BackupRewrite = """
            using System;
            using System.IO;
            using System.Threading;

            static class TransactionalFile
            {
                public static byte[] Read(string path)
                {
                    if (File.Exists(path + ".bak"))
                    {
                        File.Delete(path);
                        File.Move(path + ".bak", path);
                    }

                    return File.ReadAllBytes(path);
                }

                public static void Write(string path, byte[] contents)
                {
                    File.Move(path, path + ".bak");
                    using (var stream = {|#3:new FileStream(path, FileMode.Create, FileAccess.Write)|})
                    {
                        stream.Write(contents, 0, contents.Length);
                        stream.Flush(true);
                    }

                    DeleteWithRetries(path + ".bak");
                }

                private static bool DeleteWithRetries(string file)
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try
                        {
                            {|#1:File.Delete(file)|};
                            return true;
                        }
                        catch (IOException)
                        {
                            Thread.Sleep(100);
                        }
                    }

                    return false;
                }
            }
            """;

    [Fact]
    public Task Deleting_the_backup_that_recovery_restores_commits_the_rewrite_and_is_flagged() =>
        Verifier.AnalyzerAsync(
            BackupRewrite.Replace("DeleteWithRetries(path + \".bak\");", "{|#0:File.Delete(path + \".bak\")|};").Replace("{|#1:File.Delete(file)|}", "File.Delete(file)"),
            TheRewritesOwnEntries().Append(Deleted(0, "path + \".bak\"")).ToArray());

    [Fact]
    public Task A_helper_deleting_the_backup_its_caller_made_is_flagged_where_it_deletes() =>
        Verifier.AnalyzerAsync(
            BackupRewrite,
            TheRewritesOwnEntries().Append(Deleted(1, "file")).ToArray());

    [Fact]
    public Task Deleting_a_backup_that_recovery_never_puts_back_follows_a_new_version_and_is_not_flagged() =>
        Verifier.AnalyzerAsync(
            BackupRewrite.Replace("File.Move(path + \".bak\", path);", "File.Delete(path + \".bak\");")
                .Replace("{|#1:File.Delete(file)|}", "File.Delete(file)"),
            UnsyncedDirectoryEntryTests.Created(3, "'path'", "the directory of 'path'"));

    // The new version's creation is an entry of its own, reported as any is (the restore is recovery, run again if lost).
    private static DiagnosticResult[] TheRewritesOwnEntries() => new[]
    {
        UnsyncedDirectoryEntryTests.Created(3, "'path'", "the directory of 'path'"),
    };

    [Fact]
    public Task Segments_deleted_because_they_are_older_than_the_retention_limit_are_not_flagged_and_those_deleted_by_size_are() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class PartitionLog
            {
                private readonly string _dir = "partition-0";

                public void Recover()
                {
                    foreach (var segment in Directory.GetFiles(_dir, "*.log"))
                    {
                    }
                }

                // expired data: a segment a crash brings back is expired still, and the next prune deletes it again
                public void PruneExpired(TimeSpan maxAge)
                {
                    var cutoff = DateTime.UtcNow - maxAge;
                    foreach (var segment in Directory.GetFiles(_dir, "*.log"))
                    {
                        if (File.GetLastWriteTimeUtc(segment) < cutoff)
                        {
                            File.Delete(segment);
                        }
                    }

                    foreach (var index in Directory.GetFiles(_dir, "*.index"))
                    {
                        var info = new FileInfo(index);
                        if ((DateTime.Now - info.LastWriteTime).TotalDays > maxAge.TotalDays)
                        {
                            info.Delete();
                        }
                    }
                }

                // chosen by what they hold, not by age: a segment that comes back is replayed again
                public void PruneTruncated(long keepFrom)
                {
                    foreach (var segment in Directory.GetFiles(_dir, "*.log"))
                    {
                        if (long.Parse(Path.GetFileNameWithoutExtension(segment)) < keepFrom)
                        {
                            {|#0:File.Delete(segment)|};
                        }
                    }
                }
            }
            """,
            Deleted(0, "segment"));
}
