using System.Threading.Tasks;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer, Durability.CodeFixes.UnsyncedDirectoryEntryCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR002;

/// <summary>
/// DUR002 on a rotation of numbered copies (autosave slots, save backups): the oldest copy is deleted, each older one moves
/// down a slot, and the new version is renamed into the first. A step leaves its source for the next step to fill, so a
/// crash between steps loses no copy the rotation keeps, and one directory fsync after the last rename makes every step
/// durable: only that rename is checked.
/// </summary>
public sealed class RotationTests
{
    [Fact]
    public Task A_rotation_of_autosave_slots_is_checked_at_the_rename_that_puts_the_new_save_in_the_first_slot() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            static class AutoSaves
            {
                public static void Rotate(string folder, string fresh)
                {
                    var newest = Path.Combine(folder, "auto0.sav");
                    var middle = Path.Combine(folder, "auto1.sav");
                    var oldest = Path.Combine(folder, "auto2.sav");
                    if (File.Exists(oldest)) File.Delete(oldest);
                    if (File.Exists(middle)) File.Move(middle, oldest);
                    if (File.Exists(newest)) File.Move(newest, middle);
                    {|#0:File.Move(fresh, newest)|};
                }
            }
            """,
            UnsyncedDirectoryEntryTests.Renamed(0, "'fresh'", "'newest'", "the directories of 'newest' and 'fresh'"));

    [Fact]
    public Task A_rotation_of_numbered_backups_in_a_loop_is_checked_at_the_rename_of_the_new_save_only() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            static class SaveSlots
            {
                private static string Main(string name) => name + ".save";

                private static string Slot(string name, int index) => name + ".slot" + index;

                public static void Save(string name, byte[] data, int slots)
                {
                    var live = Main(name);
                    var temp = live + ".temp";
                    using (var stream = new FileStream(temp, FileMode.Create))
                    {
                        stream.Write(data);
                        stream.Flush(true);
                    }

                    for (var i = slots - 2; i >= 0; i--)
                    {
                        var older = Slot(name, i);
                        if (File.Exists(older))
                        {
                            var next = Slot(name, i + 1);
                            if (File.Exists(next)) File.Delete(next);
                            File.Move(older, next);
                        }
                    }

                    if (File.Exists(live)) File.Move(live, Slot(name, 0));
                    {|#0:File.Move(temp, live)|};
                }
            }
            """,
            UnsyncedDirectoryEntryTests.Renamed(0, "'temp'", "'live'", "the directory of 'live'"));

    [Fact]
    public Task A_live_file_moved_to_a_fresh_name_before_the_new_one_takes_its_place_is_no_rotation() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            sealed class ArchiveStore
            {
                // Nothing emptied the fresh name first: a two-step replace, whose first rename, undone by a crash, leaves the
                // archive under a name nothing looks at; its undo in the catch fills the live name back from the same file.
                public void Commit(string live, string written)
                {
                    var aside = live + ".1.tmp";
                    try
                    {
                        {|#0:File.Move(live, aside)|};
                        {|#1:File.Move(written, live)|};
                        File.Delete(aside);
                    }
                    catch (IOException)
                    {
                        {|#2:File.Move(aside, live)|};
                        throw;
                    }
                }
            }
            """,
            UnsyncedDirectoryEntryTests.Renamed(0, "'live'", "'aside'", "the directory of 'aside'"),
            UnsyncedDirectoryEntryTests.Renamed(1, "'written'", "'live'", "the directories of 'live' and 'written'"),
            UnsyncedDirectoryEntryTests.Renamed(2, "'aside'", "'live'", "the directory of 'live'"));

    [Fact]
    public Task A_load_that_puts_a_good_backup_back_over_the_save_that_failed_is_recovery_run_again_at_the_next_load() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            static class SaveGames
            {
                private static string BackupPath(string name) => name + ".backup";

                public static bool LoadWithBackups(string name)
                {
                    try
                    {
                        File.ReadAllBytes(name);
                        return true;
                    }
                    catch (IOException)
                    {
                        var backup = BackupPath(name);
                        File.Delete(name);
                        File.Move(backup, name);
                        return false;
                    }
                }

                // Not a load: the backup made the live save for good.
                public static void KeepBackup(string name)
                {
                    var backup = BackupPath(name);
                    {|#0:File.Delete(name)|};
                    {|#1:File.Move(backup, name)|};
                }
            }
            """,
            DeletedBeforeRenameTests.DeletedFirst(0, "'name'", "'backup'"),
            UnsyncedDirectoryEntryTests.Renamed(1, "'backup'", "'name'", "the directories of 'name' and 'backup'"));
}
