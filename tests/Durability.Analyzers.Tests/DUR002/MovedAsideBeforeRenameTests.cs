using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer, Durability.CodeFixes.UnsyncedDirectoryEntryCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR002;

/// <summary>
/// DUR002 on a file replaced by two renames, the live file moved aside to a backup and the new version renamed onto its
/// name: between the two only the backup exists, which the code that reads the file does not look for. The fix makes both
/// one <c>File.Replace(source, destination, backup)</c>.
/// </summary>
public sealed class MovedAsideBeforeRenameTests
{
    private static DiagnosticResult MovedAside(int location, string live, string renamed, string backup) =>
        Verifier.Diagnostic(RuleCatalog.MovedAsideBeforeReplacingRename).WithLocation(location).WithArguments(live, renamed, backup);

    [Fact]
    public Task A_database_directory_moved_aside_or_deleted_before_its_new_version_is_renamed_in_is_flagged_with_no_single_step_fix() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            public sealed class DatabaseManager
            {
                private readonly string _dbDirectory = Path.Combine("data", "main.cblite2");

                public void ReplaceDatabase(string unpacked)
                {
                    {|#0:Directory.Move(_dbDirectory, _dbDirectory + "-old")|};
                    Directory.Move(unpacked, _dbDirectory);
                    Fsync.ParentDirectory(unpacked);
                    Fsync.ParentDirectory(_dbDirectory);
                }

                public void Restore(string staging)
                {
                    {|#1:Directory.Delete(_dbDirectory, true)|};
                    Directory.Move(staging, _dbDirectory);
                    Fsync.ParentDirectory(staging);
                    Fsync.ParentDirectory(_dbDirectory);
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.DirectoryMovedAsideBeforeReplacingRename).WithLocation(0)
                .WithArguments("'_dbDirectory'", "'unpacked'", "'_dbDirectory + \"-old\"'"),
            Verifier.Diagnostic(RuleCatalog.DirectoryDeletedBeforeReplacingRename).WithLocation(1).WithArguments("'_dbDirectory'", "'staging'"));

    [Fact]
    public Task A_key_file_moved_to_its_backup_before_the_new_version_is_renamed_in_is_flagged_and_replaced_in_one_step() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using Durability.Runtime;

            class AuthenticatorStore
            {
                public byte[] Load(string path) => File.ReadAllBytes(path);

                public void Save(string path, byte[] data)
                {
                    var tempfile = path + ".tmp";
                    DurableFile.WriteAllBytes(tempfile, data);

                    File.Delete(path + ".bak");
                    {|#0:File.Move(path, path + ".bak")|};
                    File.Move(tempfile, path);
                    Fsync.ParentDirectory(path);
                }
            }
            """,
            new[] { MovedAside(0, "'path'", "'tempfile'", "'path + \".bak\"'") },
            """
            using System.IO;
            using Durability.Runtime;

            class AuthenticatorStore
            {
                public byte[] Load(string path) => File.ReadAllBytes(path);

                public void Save(string path, byte[] data)
                {
                    var tempfile = path + ".tmp";
                    DurableFile.WriteAllBytes(tempfile, data);

                    File.Delete(path + ".bak");
                    File.Replace(tempfile, path, path + ".bak");
                    Fsync.ParentDirectory(path);
                }
            }
            """);

    [Fact]
    public Task A_note_saved_Mono_style_under_an_exists_test_is_flagged_and_replaced_in_one_step() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using Durability.Runtime;

            class NoteArchiver
            {
                public void WriteFile (string write_file, string text)
                {
                    string tmp_file = write_file + ".tmp";
                    DurableFile.WriteAllText (tmp_file, text);

                    if (File.Exists (write_file)) {
                        string backup_path = write_file + "~";
                        {|#0:File.Move (write_file, backup_path)|};
                        File.Move (tmp_file, write_file);
                        Fsync.ParentDirectory (write_file);
                        File.Delete (backup_path);
                    } else {
                        File.Move (tmp_file, write_file);
                        Fsync.ParentDirectory (write_file);
                    }
                }
            }
            """,
            new[] { MovedAside(0, "'write_file'", "'tmp_file'", "'backup_path'") },
            """
            using System.IO;
            using Durability.Runtime;

            class NoteArchiver
            {
                public void WriteFile (string write_file, string text)
                {
                    string tmp_file = write_file + ".tmp";
                    DurableFile.WriteAllText (tmp_file, text);

                    if (File.Exists (write_file)) {
                        string backup_path = write_file + "~";
                        File.Replace(tmp_file, write_file, backup_path);
                        Fsync.ParentDirectory (write_file);
                        File.Delete (backup_path);
                    } else {
                        File.Move (tmp_file, write_file);
                        Fsync.ParentDirectory (write_file);
                    }
                }
            }
            """);

    [Fact]
    public Task A_move_aside_only_when_the_live_file_exists_is_flagged_and_becomes_a_copy_renamed_over() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using Durability.Runtime;

            class SafeIoManager
            {
                public SafeIoManager(string filePath) => FilePath = filePath;

                public string FilePath { get; }

                public string OldFilePath => FilePath + ".old";

                public string NewFilePath => FilePath + ".new";

                public void WriteAllText(string text)
                {
                    DurableFile.WriteAllText(NewFilePath, text);
                    if (File.Exists(FilePath))
                    {
                        {|#0:File.Move(FilePath, OldFilePath)|};
                    }

                    File.Move(NewFilePath, FilePath);
                    Fsync.ParentDirectory(FilePath);
                    Fsync.ParentDirectory(NewFilePath);
                    File.Delete(OldFilePath);
                    Fsync.ParentDirectory(FilePath);
                }
            }
            """,
            new[] { MovedAside(0, "'FilePath'", "'NewFilePath'", "'OldFilePath'") },
            """
            using System.IO;
            using Durability.Runtime;

            class SafeIoManager
            {
                public SafeIoManager(string filePath) => FilePath = filePath;

                public string FilePath { get; }

                public string OldFilePath => FilePath + ".old";

                public string NewFilePath => FilePath + ".new";

                public void WriteAllText(string text)
                {
                    DurableFile.WriteAllText(NewFilePath, text);
                    if (File.Exists(FilePath))
                    {
                        File.Copy(FilePath, OldFilePath, overwrite: true);
                    }

                    File.Move(NewFilePath, FilePath, overwrite: true);
                    Fsync.ParentDirectory(FilePath);
                    Fsync.ParentDirectory(NewFilePath);
                    File.Delete(OldFilePath);
                    Fsync.ParentDirectory(FilePath);
                }
            }
            """);

    [Fact]
    public Task A_save_ram_file_moved_aside_through_FileInfo_becomes_a_copy_and_an_overwriting_rename() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using Durability.Runtime;

            class SaveRamStore
            {
                public void Flush(string path, byte[] saveram, bool backupSaveram)
                {
                    var file = new FileInfo(path);
                    var newPath = $"{path}.new";
                    var newFile = new FileInfo(newPath);
                    var backupPath = $"{path}.bak";
                    DurableFile.WriteAllBytes(newPath, saveram);
                    if (file.Exists && backupSaveram)
                    {
                        {|#0:file.MoveTo(backupPath)|};
                    }

                    newFile.MoveTo(path);
                    Fsync.ParentDirectory(path);
                    Fsync.ParentDirectory(newPath);
                }
            }
            """,
            new[] { MovedAside(0, "'file'", "'newFile'", "'backupPath'") },
            """
            using System.IO;
            using Durability.Runtime;

            class SaveRamStore
            {
                public void Flush(string path, byte[] saveram, bool backupSaveram)
                {
                    var file = new FileInfo(path);
                    var newPath = $"{path}.new";
                    var newFile = new FileInfo(newPath);
                    var backupPath = $"{path}.bak";
                    DurableFile.WriteAllBytes(newPath, saveram);
                    if (file.Exists && backupSaveram)
                    {
                        file.CopyTo(backupPath, overwrite: true);
                    }

                    newFile.MoveTo(path, overwrite: true);
                    Fsync.ParentDirectory(path);
                    Fsync.ParentDirectory(newPath);
                }
            }
            """);

    [Fact]
    public Task A_store_whose_recovery_puts_the_backup_back_when_the_live_file_is_missing_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class CheckpointStore
            {
                private const string Path = "checkpoint";

                public byte[] Load()
                {
                    if (!File.Exists(Path) && File.Exists(Path + ".old"))
                    {
                        File.Move(Path + ".old", Path);
                    }

                    return File.ReadAllBytes(Path);
                }

                public void Save(byte[] data)
                {
                    DurableFile.WriteAllBytes(Path + ".new", data);
                    File.Move(Path, Path + ".old");
                    File.Move(Path + ".new", Path);
                    Fsync.ParentDirectory(Path);
                    File.Delete(Path + ".old");
                    Fsync.ParentDirectory(Path);
                }
            }
            """);

    [Fact]
    public Task A_store_whose_reader_falls_back_to_the_backup_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            static class TransactedStore
            {
                public static void Write(string text, string fileName, string folder)
                {
                    var next = Path.Combine(folder, fileName + ".new");
                    var backup = Path.Combine(folder, fileName + ".bak");
                    var file = Path.Combine(folder, fileName);
                    DurableFile.WriteAllText(next, text);
                    if (File.Exists(file))
                    {
                        File.Delete(backup);
                        File.Move(file, backup);
                    }

                    File.Move(next, file);
                    Fsync.ParentDirectory(file);
                }

                public static string? Read(string fileName, string folder)
                {
                    var file = Path.Combine(folder, fileName);
                    var backup = Path.Combine(folder, fileName + ".bak");
                    return File.Exists(file) ? File.ReadAllText(file) : File.Exists(backup) ? File.ReadAllText(backup) : null;
                }
            }
            """);

    [Fact]
    public Task A_save_whose_load_tries_each_numbered_backup_in_turn_is_not_flagged_for_moving_its_file_to_the_first() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            static class SaveSlots
            {
                private static string BackupPath(string name, int index) => name + "." + index;

                public static void Save(string name, byte[] data)
                {
                    var temp = name + ".temp";
                    DurableFile.WriteAllBytes(temp, data);
                    if (File.Exists(name)) File.Move(name, BackupPath(name, 0));
                    File.Move(temp, name);
                    Fsync.ParentDirectory(name);
                }

                // The live save missing, the load reads the backups one by one: the first one holds the file moved aside.
                public static byte[]? Load(string name, int backups)
                {
                    if (File.Exists(name)) return File.ReadAllBytes(name);
                    for (var i = 0; i < backups; i++)
                    {
                        var path = BackupPath(name, i);
                        if (File.Exists(path)) return File.ReadAllBytes(path);
                    }

                    return null;
                }
            }

            // The same save with a load that never looks at the backups: the gap loses the save.
            static class SingleSave
            {
                private static string BackupPath(string name, int index) => name + "." + index;

                public static void Save(string name, byte[] data)
                {
                    var temp = name + ".temp";
                    DurableFile.WriteAllBytes(temp, data);
                    if (File.Exists(name)) {|#0:File.Move(name, BackupPath(name, 0))|};
                    File.Move(temp, name);
                    Fsync.ParentDirectory(name);
                }

                public static byte[] Load(string name) => File.ReadAllBytes(name);
            }
            """,
            MovedAside(0, "'name'", "'temp'", "'BackupPath(name, 0)'"));

    [Fact]
    public Task A_move_aside_and_a_rename_in_exclusive_branches_or_back_from_the_backup_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class SegmentStore
            {
                public void Retire(string path, string next, bool archive)
                {
                    if (archive)
                    {
                        File.Move(path, path + ".archived");
                    }
                    else
                    {
                        File.Move(next, path, true);
                    }

                    Fsync.ParentDirectory(path);
                    Fsync.ParentDirectory(next);
                }

                public void Undo(string path)
                {
                    File.Move(path, path + ".bak");
                    File.Move(path + ".bak", path);
                    Fsync.ParentDirectory(path);
                }
            }
            """);
}
