using System.Threading.Tasks;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR004.UnsyncedFileContentsTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedFileContentsAnalyzer, Durability.CodeFixes.UnsyncedFileContentsCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR004;

/// <summary>
/// DUR004 in code named for keeping saves (a game's <c>SaveUtil</c>, an emulator's <c>SaveSlotManager</c>) or state
/// (<c>StatePersister</c>): a save is the user's only copy, so the type is storage code by its name. A module named for
/// backing saves up, and a metadata "saver" that exports for other programs, are not.
/// </summary>
public sealed class SaveCodeIntentTests
{
    [Fact]
    public Task Types_named_for_saves_or_persisting_state_are_storage_code() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            static class SaveUtil
            {
                public static void SaveCampaign(string path, string xml)
                {
                    {|#0:File.WriteAllText(path, xml)|};
                }
            }

            class StatePersister
            {
                private readonly string _stateFile = "raft/state";

                public void SaveTerm(string term)
                {
                    {|#1:File.WriteAllText(_stateFile, term)|};
                }
            }
            """,
            new[]
            {
                WrittenWhole(0, "WriteAllText", "'path'"),
                WrittenWhole(1, "WriteAllText", "'_stateFile'"),
            },
            """
            using System.IO;
            using Durability.Runtime;

            static class SaveUtil
            {
                public static void SaveCampaign(string path, string xml)
                {
                    DurableFile.WriteAllText(path, xml);
                }
            }

            class StatePersister
            {
                private readonly string _stateFile = "raft/state";

                public void SaveTerm(string term)
                {
                    DurableFile.WriteAllText(_stateFile, term);
                }
            }
            """);

    [Fact]
    public Task A_save_backup_module_and_a_metadata_saver_are_not_storage_code_by_those_words() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            namespace Mods.SaveBackup
            {
                class ModEntry
                {
                    public void Backup(string saves, string target) => File.WriteAllText(Path.Combine(target, "index.txt"), saves);
                }
            }

            namespace Metadata.Savers
            {
                class NfoSaver
                {
                    public void Write(string path, string xml) => File.WriteAllText(path, xml);
                }
            }
            """);
}
