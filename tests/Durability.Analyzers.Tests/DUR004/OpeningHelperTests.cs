using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedFileContentsAnalyzer, Durability.CodeFixes.UnsyncedFileContentsCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR004;

/// <summary>
/// DUR004 on files that storage code opens through a helper of its own (<c>BinaryWriter GetWriter(string path)</c> over
/// <c>File.Open(path, FileMode.Create)</c>) and writes and closes in the caller: the helper only opens, so the caller's
/// close is where the fsync is owed, whatever type the helper is in.
/// </summary>
public sealed class OpeningHelperTests
{
    [Fact]
    public Task A_file_opened_by_a_helper_and_written_and_closed_by_its_caller_is_flagged_and_fsynced_there() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class TableFiles
            {
                public BinaryWriter GetWriter(string path)
                {
                    var stream = File.Open(path, FileMode.Create, FileAccess.Write);
                    return new BinaryWriter(stream);
                }

                public Stream GetAppender(string path) => new FileStream(path, FileMode.Append, FileAccess.Write);
            }

            class TableStore
            {
                private const string TypesFile = "db/types.dat";
                private readonly TableFiles _files = new TableFiles();
                private readonly string _root = "db";

                public void SaveKeys(string table, int[] keys)
                {
                    var keyPath = Path.Combine(_root, table, "keys.dat");
                    using (var keyFile = {|#0:_files.GetWriter(keyPath)|})
                    {
                        keyFile.Write(keys.Length);
                        foreach (var key in keys)
                        {
                            keyFile.Write(key);
                        }
                    }
                }

                public void SaveTypes(string[] types)
                {
                    using var typeFile = {|#1:_files.GetWriter(TypesFile)|};
                    foreach (var type in types)
                    {
                        typeFile.Write(type);
                    }
                }

                public void AppendRecord(string table, byte[] record)
                {
                    using (var log = {|#2:_files.GetAppender(Path.Combine(_root, table + ".log"))|})
                    {
                        log.Write(record);
                    }
                }
            }
            """,
            new[]
            {
                UnsyncedCloseTests.Closed(0, "'keyPath'"),
                Verifier.Diagnostic(RuleCatalog.RewriteInPlaceWithoutFsync).WithLocation(1).WithArguments("'TypesFile'", "FileMode.Create"),
                UnsyncedCloseTests.Closed(2, "'Path.Combine(_root, table + \".log\")'"),
            },
            """
            using System.IO;
            using Durability.Runtime;

            class TableFiles
            {
                public BinaryWriter GetWriter(string path)
                {
                    var stream = File.Open(path, FileMode.Create, FileAccess.Write);
                    return new BinaryWriter(stream);
                }

                public Stream GetAppender(string path) => new FileStream(path, FileMode.Append, FileAccess.Write);
            }

            class TableStore
            {
                private const string TypesFile = "db/types.dat";
                private readonly TableFiles _files = new TableFiles();
                private readonly string _root = "db";

                public void SaveKeys(string table, int[] keys)
                {
                    var keyPath = Path.Combine(_root, table, "keys.dat");
                    using (var keyFile = _files.GetWriter(keyPath))
                    {
                        keyFile.Write(keys.Length);
                        foreach (var key in keys)
                        {
                            keyFile.Write(key);
                        }

                        Fsync.File(keyFile);
                    }
                }

                public void SaveTypes(string[] types)
                {
                    using var typeFile = _files.GetWriter(TypesFile);
                    foreach (var type in types)
                    {
                        typeFile.Write(type);
                    }

                    Fsync.File(typeFile);
                }

                public void AppendRecord(string table, byte[] record)
                {
                    using (var log = _files.GetAppender(Path.Combine(_root, table + ".log")))
                    {
                        log.Write(record);
                        Fsync.File(log);
                    }
                }
            }
            """);

    [Fact]
    public Task Helpers_that_open_to_read_write_through_or_hand_over_a_file_the_caller_syncs_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class TableFiles
            {
                public BinaryReader GetReader(string path) => new BinaryReader(File.OpenRead(path));

                public FileStream OpenDurable(string path) =>
                    new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);

                public BinaryWriter GetWriter(string path) => new BinaryWriter(File.Open(path, FileMode.Create, FileAccess.Write));

                // Not the file it opens: a buffer the caller copies out of.
                public Stream GetScratch(string path)
                {
                    File.Open(path, FileMode.Create).Dispose();
                    return new MemoryStream();
                }
            }

            class TableStore
            {
                private readonly TableFiles _files = new TableFiles();
                private readonly string _root = "db";

                public int LoadCount(string table)
                {
                    using var keyFile = _files.GetReader(Path.Combine(_root, table, "keys.dat"));
                    return keyFile.ReadInt32();
                }

                public void SaveThrough(string table, byte[] keys)
                {
                    using var keyFile = _files.OpenDurable(Path.Combine(_root, table, "keys.dat"));
                    keyFile.Write(keys);
                }

                public void SaveSynced(string table, int count)
                {
                    using (var keyFile = _files.GetWriter(Path.Combine(_root, table, "keys.dat")))
                    {
                        keyFile.Write(count);
                        Fsync.File(keyFile);
                    }
                }

                public void SaveScratch(string table, byte[] keys)
                {
                    using var scratch = _files.GetScratch(Path.Combine(_root, table, "keys.dat"));
                    scratch.Write(keys);
                }
            }
            """);
}
