using System.Threading.Tasks;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR002.UnsyncedDirectoryEntryTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer, Durability.CodeFixes.UnsyncedDirectoryEntryCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR002;

/// <summary>
/// DUR002 in a type that keeps state in a file, whatever it is called: a file it creates and reads back on its next
/// start must keep its directory entry after a crash. Only those files: the type's other files are checked as before.
/// </summary>
public sealed class StateFileTests
{
    [Fact]
    public Task A_file_the_type_creates_and_reads_back_gets_its_directory_synced() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class NodeKeyManager
            {
                private readonly string _dataDir = "data";

                private string KeyPath => Path.Combine(_dataDir, "node.key");

                public byte[] LoadOrCreate(byte[] generated)
                {
                    if (File.Exists(KeyPath))
                    {
                        return File.ReadAllBytes(KeyPath);
                    }

                    {|#0:File.WriteAllBytes(KeyPath, generated)|};
                    return generated;
                }
            }
            """,
            new[] { Created(0, "'KeyPath'", "the directory of 'KeyPath'") },
            """
            using System.IO;
            using Durability.Runtime;

            class NodeKeyManager
            {
                private readonly string _dataDir = "data";

                private string KeyPath => Path.Combine(_dataDir, "node.key");

                public byte[] LoadOrCreate(byte[] generated)
                {
                    if (File.Exists(KeyPath))
                    {
                        return File.ReadAllBytes(KeyPath);
                    }

                    File.WriteAllBytes(KeyPath, generated);
                    Fsync.ParentDirectory(KeyPath);
                    return generated;
                }
            }
            """);

    [Fact]
    public Task Only_the_files_the_type_reads_back_are_checked() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class PeerListManager
            {
                private const string PeersPath = "peers.json";

                public string Load() => File.ReadAllText(PeersPath);

                public void Save(string json) => {|#0:File.WriteAllText(PeersPath, json)|};

                public void RecordStart(string when) => File.WriteAllText("last-start.txt", when);
            }
            """,
            Created(0, "'PeersPath'", "the directory of 'PeersPath'"));

    [Fact]
    public Task Files_opened_by_File_Open_to_write_or_appended_to_and_read_back_are_state() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class MessageFiles
            {
                private const string HistoryPath = "history.txt";

                private string MessagePath(string id) => Path.Combine("messages", id + ".eml");

                public byte[] Read(string id) => File.ReadAllBytes(MessagePath(id));

                public string[] History() => File.ReadAllLines(HistoryPath);

                public void Save(string id, byte[] message)
                {
                    var path = MessagePath(id);
                    using var file = {|#0:File.Open(path, FileMode.Create)|};
                    file.Write(message);
                    file.Flush(flushToDisk: true);
                }

                public void Record(string id) => {|#1:File.AppendAllText(HistoryPath, id)|};

                public int Length(string id)
                {
                    using var file = File.Open(Path.Combine("previews", id + ".png"), FileMode.OpenOrCreate);
                    return (int)file.Length;
                }
            }
            """,
            Created(0, "'path'", "the directory of 'path'"),
            Created(1, "'HistoryPath'", "the directory of 'HistoryPath'"));

    [Fact]
    public Task A_file_read_back_through_a_choice_between_it_and_its_backup_is_state() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class MessageBrokerController
            {
                private static readonly string MessagesPath = "messages.json";
                private static readonly string BackupPath = "messages_backup.json";
                private static readonly string StatsPath = "stats.json";

                public static string Load()
                {
                    var file = File.Exists(MessagesPath) && File.Exists(BackupPath) ? BackupPath : MessagesPath;
                    return File.Exists(file) ? File.ReadAllText(file) : "[]";
                }

                public static void Save(string json)
                {
                    if (File.Exists(MessagesPath))
                    {
                        File.Copy(MessagesPath, BackupPath, true);
                    }

                    {|#0:File.WriteAllText(MessagesPath, json)|};
                    File.Delete(BackupPath);
                }

                public static void SaveStats(string json) => File.WriteAllText(StatsPath, json);
            }
            """,
            Created(0, "'MessagesPath'", "the directory of 'MessagesPath'"));

    [Fact]
    public Task Files_edited_for_a_caller_defaults_written_when_missing_files_read_at_once_other_files_and_caches_are_not_state() =>
        Verifier.AnalyzerAsync(DUR004.StateFileTests.NotStateSource);
}
