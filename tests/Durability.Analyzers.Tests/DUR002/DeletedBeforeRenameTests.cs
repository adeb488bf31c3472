using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer, Durability.CodeFixes.UnsyncedDirectoryEntryCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR002;

/// <summary>
/// DUR002 on a file replaced in two steps, deleted and then another file renamed onto its name (the way code written
/// before <c>File.Move</c> could overwrite replaces a file): between the two there is no file there, and a crash then,
/// even of the process alone, loses it. The fix drops the deletion and renames over the file in one step.
/// </summary>
public sealed class DeletedBeforeRenameTests
{
    internal static DiagnosticResult DeletedFirst(int location, string deleted, string renamed) =>
        Verifier.Diagnostic(RuleCatalog.DeletedBeforeReplacingRename).WithLocation(location).WithArguments(deleted, renamed);

    [Fact]
    public Task A_file_deleted_before_the_rename_that_replaces_it_is_flagged_and_renamed_over_in_one_step() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using Durability.Runtime;

            class RefStore
            {
                private readonly string _root = "refs";

                public void Commit(string name, byte[] data)
                {
                    var target = Path.Combine(_root, name);
                    var temp = target + ".tmp";
                    using (var stream = new FileStream(temp, FileMode.Create))
                    {
                        stream.Write(data);
                        stream.Flush(true);
                    }

                    if (File.Exists(target))
                    {
                        {|#0:File.Delete(target)|};
                    }

                    File.Move(temp, target);
                    Fsync.ParentDirectory(target);
                }

                public void CommitInfo(FileInfo temp, FileInfo target)
                {
                    if (target.Exists) {|#1:target.Delete()|};
                    temp.MoveTo(target.FullName);
                    Fsync.ParentDirectory(target.FullName);
                    Fsync.ParentDirectory(temp.FullName);
                }
            }

            class SettingsFile
            {
                private const string SettingsPath = "settings.json";

                public string Load() => File.ReadAllText(SettingsPath);

                public void Save(string json)
                {
                    DurableFile.WriteAllText(SettingsPath + ".new", json);
                    {|#2:File.Delete(SettingsPath)|};
                    File.Move(SettingsPath + ".new", SettingsPath);
                    Fsync.ParentDirectory(SettingsPath);
                }
            }
            """,
            new[]
            {
                DeletedFirst(0, "'target'", "'temp'"),
                DeletedFirst(1, "'target'", "'temp'"),
                DeletedFirst(2, "'SettingsPath'", "'SettingsPath + \".new\"'"),
            },
            """
            using System.IO;
            using Durability.Runtime;

            class RefStore
            {
                private readonly string _root = "refs";

                public void Commit(string name, byte[] data)
                {
                    var target = Path.Combine(_root, name);
                    var temp = target + ".tmp";
                    using (var stream = new FileStream(temp, FileMode.Create))
                    {
                        stream.Write(data);
                        stream.Flush(true);
                    }

                    File.Move(temp, target, overwrite: true);
                    Fsync.ParentDirectory(target);
                }

                public void CommitInfo(FileInfo temp, FileInfo target)
                {
                    temp.MoveTo(target.FullName, overwrite: true);
                    Fsync.ParentDirectory(target.FullName);
                    Fsync.ParentDirectory(temp.FullName);
                }
            }

            class SettingsFile
            {
                private const string SettingsPath = "settings.json";

                public string Load() => File.ReadAllText(SettingsPath);

                public void Save(string json)
                {
                    DurableFile.WriteAllText(SettingsPath + ".new", json);
                    File.Move(SettingsPath + ".new", SettingsPath, overwrite: true);
                    Fsync.ParentDirectory(SettingsPath);
                }
            }
            """);

    [Fact]
    public Task A_file_named_through_file_info_locals_is_paired_with_its_rename_and_its_temp_creation_left_to_the_rename() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using Durability.Runtime;

            class SaveRamStore
            {
                public void Save(string path, byte[] saveram)
                {
                    var file = new FileInfo(path);
                    var newFile = new FileInfo(path + ".new");
                    using (var stream = File.Create(path + ".new"))
                    {
                        stream.Write(saveram, 0, saveram.Length);
                        stream.Flush(flushToDisk: true);
                    }

                    if (file.Exists)
                    {
                        {|#0:file.Delete()|};
                    }

                    newFile.MoveTo(path);
                    Fsync.ParentDirectory(path);
                }
            }
            """,
            new[] { DeletedFirst(0, "'file'", "'newFile'") },
            """
            using System.IO;
            using Durability.Runtime;

            class SaveRamStore
            {
                public void Save(string path, byte[] saveram)
                {
                    var file = new FileInfo(path);
                    var newFile = new FileInfo(path + ".new");
                    using (var stream = File.Create(path + ".new"))
                    {
                        stream.Write(saveram, 0, saveram.Length);
                        stream.Flush(flushToDisk: true);
                    }

                    newFile.MoveTo(path, overwrite: true);
                    Fsync.ParentDirectory(path);
                }
            }
            """);

    [Fact]
    public Task The_replace_and_the_rename_s_directory_sync_are_fixed_together() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using Durability.Runtime;

            class ManifestStore
            {
                private readonly string _root = "db";

                public void Publish(byte[] manifest)
                {
                    var target = Path.Combine(_root, "MANIFEST");
                    DurableFile.WriteAllBytes(target + ".tmp", manifest);
                    if (File.Exists(target))
                    {
                        {|#0:File.Delete(target)|};
                    }

                    {|#1:File.Move(target + ".tmp", target)|};
                }
            }
            """,
            new[]
            {
                DeletedFirst(0, "'target'", "'target + \".tmp\"'"),
                UnsyncedDirectoryEntryTests.Renamed(1, "'target + \".tmp\"'", "'target'", "the directory of 'target'"),
            },
            """
            using System.IO;
            using Durability.Runtime;

            class ManifestStore
            {
                private readonly string _root = "db";

                public void Publish(byte[] manifest)
                {
                    var target = Path.Combine(_root, "MANIFEST");
                    DurableFile.WriteAllBytes(target + ".tmp", manifest);

                    File.Move(target + ".tmp", target, overwrite: true);
                    Fsync.ParentDirectory(target);
                }
            }
            """);

    [Fact]
    public Task Deletions_in_another_branch_of_a_temp_file_or_of_a_backup_after_the_rename_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class RenewalStore
            {
                private readonly string _root = "renewals";

                public void Save(string name, string json, bool cancelled)
                {
                    var file = new FileInfo(Path.Combine(_root, name));
                    if (cancelled)
                    {
                        file.Delete();
                        Fsync.ParentDirectory(file.FullName);
                    }
                    else
                    {
                        DurableFile.WriteAllText(file.FullName + ".new", json);
                        File.Move(file.FullName + ".new", file.FullName, overwrite: true);
                        Fsync.ParentDirectory(file.FullName);
                    }
                }

                public void Retry(string target)
                {
                    var temp = target + ".tmp";
                    File.Delete(temp + ".partial");
                    File.Move(temp, target, overwrite: true);
                    Fsync.ParentDirectory(target);
                }
            }
            """);

    [Fact]
    public Task Outside_storage_code_a_deletion_before_the_rename_that_publishes_a_new_version_is_flagged_with_the_rename() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class PhysicalFile
            {
                private readonly FileInfo _sourceFile = new("feed/index.json");

                public void Push(FileInfo local)
                {
                    var tmp = _sourceFile.FullName + ".tmp";
                    if (File.Exists(tmp))
                    {
                        File.Delete(tmp);
                    }

                    local.CopyTo(tmp);
                    if (File.Exists(_sourceFile.FullName))
                    {
                        {|#0:File.Delete(_sourceFile.FullName)|};
                    }

                    {|#1:File.Move(tmp, _sourceFile.FullName)|};
                }

                public void Remove()
                {
                    if (File.Exists(_sourceFile.FullName))
                    {
                        File.Delete(_sourceFile.FullName);
                    }
                }
            }
            """,
            DeletedFirst(0, "'_sourceFile.FullName'", "'tmp'"),
            UnsyncedDirectoryEntryTests.Renamed(1, "'tmp'", "'_sourceFile.FullName'", "the directory of '_sourceFile.FullName'"));

    [Fact]
    public Task A_deletion_in_a_branch_that_returns_before_the_rename_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            public sealed class SegmentStore
            {
                private readonly string _directory = "segments";

                public void Compact(uint id, int live, byte[] survivors)
                {
                    var segment = Path.Combine(_directory, id + ".log");
                    if (live == 0)
                    {
                        File.Delete(segment);
                        Fsync.Directory(_directory);
                        return;
                    }

                    var compacted = segment + ".compact";
                    using (var file = new FileStream(compacted, FileMode.Create))
                    {
                        file.Write(survivors);
                        file.Flush(flushToDisk: true);
                    }

                    File.Move(compacted, segment, overwrite: true);
                    Fsync.Directory(_directory);
                }
            }
            """);
}
