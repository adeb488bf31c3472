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
    public Task Files_edited_for_a_caller_defaults_written_when_missing_files_read_at_once_other_files_and_caches_are_not_state() =>
        Verifier.AnalyzerAsync(DUR004.StateFileTests.NotStateSource);
}
