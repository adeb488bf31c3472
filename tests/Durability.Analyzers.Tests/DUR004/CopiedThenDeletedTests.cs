using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedFileContentsAnalyzer, Durability.CodeFixes.UnsyncedFileContentsCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR004;

/// <summary>
/// DUR004 on moves written as a copy and a deletion of the source: <c>File.Copy</c> closes the copy with no fsync, and the
/// deletion can reach the disk first, so a power cut leaves the source gone and the copy empty or torn. The idiom shows
/// the intent by itself (the copy is about to be the only one), so it is checked whatever the type is called.
/// </summary>
public sealed class CopiedThenDeletedTests
{
    internal static DiagnosticResult SourceDeleted(int location, string source, string copy) =>
        Verifier.Diagnostic(RuleCatalog.SourceDeletedBeforeCopyIsDurable).WithLocation(location).WithArguments(source, copy);

    [Fact]
    public Task A_copy_whose_source_is_deleted_unsynced_is_flagged_and_fsynced_with_its_directory_first() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class MapFiles
            {
                // Moves the current map aside before the new one is written.
                public void Save(string path, string previous)
                {
                    if (File.Exists(path))
                    {
                        File.Copy(path, previous, true);
                        {|#0:File.Delete(path)|};
                    }
                }

                // File.Move cannot overwrite on older frameworks, so the move is emulated.
                public void MoveOver(string source, string destination)
                {
                    File.Copy(source, destination, overwrite: true);
                    {|#1:File.Delete(source)|};
                }

                public void Import(FileInfo download, string library)
                {
                    download.CopyTo(Path.Combine(library, download.Name));
                    {|#2:download.Delete()|};
                }
            }
            """,
            new[]
            {
                SourceDeleted(0, "'path'", "'previous'"),
                SourceDeleted(1, "'source'", "'destination'"),
                SourceDeleted(2, "'download'", "'Path.Combine(library, download.Name)'"),
            },
            """
            using System.IO;
            using Durability.Runtime;

            class MapFiles
            {
                // Moves the current map aside before the new one is written.
                public void Save(string path, string previous)
                {
                    if (File.Exists(path))
                    {
                        File.Copy(path, previous, true);
                        Fsync.File(previous);
                        Fsync.ParentDirectory(previous);
                        File.Delete(path);
                    }
                }

                // File.Move cannot overwrite on older frameworks, so the move is emulated.
                public void MoveOver(string source, string destination)
                {
                    File.Copy(source, destination, overwrite: true);
                    Fsync.File(destination);
                    Fsync.ParentDirectory(destination);
                    File.Delete(source);
                }

                public void Import(FileInfo download, string library)
                {
                    download.CopyTo(Path.Combine(library, download.Name));
                    Fsync.File(Path.Combine(library, download.Name));
                    Fsync.ParentDirectory(Path.Combine(library, download.Name));
                    download.Delete();
                }
            }
            """);

    [Fact]
    public Task A_copy_named_as_a_backup_is_the_only_copy_once_its_source_is_deleted() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class ItemCollection
            {
                // Repair: the damaged database is moved aside and rebuilt from the copy.
                public void Repair(string databasePath)
                {
                    var backupPath = databasePath + ".backup";
                    File.Copy(databasePath, backupPath, true);
                    {|#0:File.Delete(databasePath)|};
                }
            }
            """,
            new[] { SourceDeleted(0, "'databasePath'", "'backupPath'") },
            """
            using System.IO;
            using Durability.Runtime;

            class ItemCollection
            {
                // Repair: the damaged database is moved aside and rebuilt from the copy.
                public void Repair(string databasePath)
                {
                    var backupPath = databasePath + ".backup";
                    File.Copy(databasePath, backupPath, true);
                    Fsync.File(backupPath);
                    Fsync.ParentDirectory(backupPath);
                    File.Delete(databasePath);
                }
            }
            """);

    [Fact]
    public Task Copies_fsynced_first_kept_beside_the_source_or_not_the_only_one_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using Durability.Runtime;

            // A type that fsyncs is storage code, where a copy onto a kept file is reported by itself (WholeFileSaveTests).
            class SyncedMoves
            {
                public void MoveSynced(string source, string destination)
                {
                    File.Copy(source, destination, overwrite: true);
                    Fsync.File(destination);
                    File.Delete(source);
                }
            }

            class MapFiles
            {
                // The file deleted is the old copy, not the source.
                public void Refresh(string source, string destination)
                {
                    if (File.Exists(destination))
                    {
                        File.Delete(destination);
                    }

                    File.Copy(source, destination);
                }

                // The source is kept: the copy is a second one.
                public void Duplicate(string source, string destination, string stale)
                {
                    File.Copy(source, destination, overwrite: true);
                    File.Delete(stale);
                }

                // A scratch copy is not what is kept.
                public void Stage(string path)
                {
                    File.Copy(path, Path.GetTempFileName(), overwrite: true);
                    File.Delete(path);
                }

                // The deletion runs when the callback does, not after the copy.
                public Action Later(string source, string destination)
                {
                    File.Copy(source, destination);
                    return () => File.Delete(source);
                }
            }

            class RollingFileLogger
            {
                public void Roll(string log, string archived)
                {
                    File.Copy(log, archived);
                    File.Delete(log);
                }
            }
            """);
}
