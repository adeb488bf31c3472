using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.CodeFixes;
using Durability.Testing;
using Microsoft.CodeAnalysis.CodeFixes;
using static Durability.Analyzers.Tests.DUR004.UnsyncedFileContentsTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedFileContentsAnalyzer, Durability.CodeFixes.UnsyncedFileContentsCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR004;

/// <summary>DUR004's fixes: an fsync while the stream is open, DurableFile for whole-file writes; exact output that compiles and clears the finding.</summary>
public sealed class UnsyncedFileContentsFixTests
{
    [Fact]
    public Task A_file_stream_in_a_using_block_is_flushed_to_disk_at_the_end_of_the_block() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class SnapshotStore
            {
                public void Save(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    using (var file = new FileStream(tmp, FileMode.Create))
                    {
                        file.Write(state);
                    }

                    {|#0:File.Move(tmp, path, overwrite: true)|};
                }
            }
            """,
            new[] { Renamed(0, "'tmp'", "'path'") },
            """
            using System.IO;

            class SnapshotStore
            {
                public void Save(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    using (var file = new FileStream(tmp, FileMode.Create))
                    {
                        file.Write(state);
                        file.Flush(flushToDisk: true);
                    }

                    File.Move(tmp, path, overwrite: true);
                }
            }
            """);

    [Fact]
    public Task A_writer_over_the_stream_is_fsynced_with_the_runtime_and_a_using_declaration_before_the_rename() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class ManifestStore
            {
                public void Save(string path, string json)
                {
                    var tmp = path + ".tmp";
                    using (var file = new FileStream(tmp, FileMode.Create))
                    using (var writer = new StreamWriter(file))
                    {
                        writer.Write(json);
                    }

                    {|#0:File.Move(tmp, path, overwrite: true)|};
                }

                public void SaveDeclared(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    using var file = new FileStream(tmp, FileMode.Create);
                    file.Write(state);
                    {|#1:File.Move(tmp, path, overwrite: true)|};
                }
            }
            """,
            new[] { Renamed(0, "'tmp'", "'path'"), Renamed(1, "'tmp'", "'path'") },
            """
            using System.IO;
            using Durability.Runtime;

            class ManifestStore
            {
                public void Save(string path, string json)
                {
                    var tmp = path + ".tmp";
                    using (var file = new FileStream(tmp, FileMode.Create))
                    using (var writer = new StreamWriter(file))
                    {
                        writer.Write(json);
                        Fsync.File(writer);
                    }

                    File.Move(tmp, path, overwrite: true);
                }

                public void SaveDeclared(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    using var file = new FileStream(tmp, FileMode.Create);
                    file.Write(state);
                    file.Flush(flushToDisk: true);
                    File.Move(tmp, path, overwrite: true);
                }
            }
            """);

    [Fact]
    public Task A_plain_local_is_fsynced_before_it_is_disposed() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class IndexStore
            {
                public void Save(string path, byte[] pages)
                {
                    var tmp = path + ".tmp";
                    var file = new FileStream(tmp, FileMode.Create);
                    file.Write(pages);
                    file.Dispose();
                    {|#0:File.Move(tmp, path, overwrite: true)|};
                }
            }
            """,
            new[] { Renamed(0, "'tmp'", "'path'") },
            """
            using System.IO;

            class IndexStore
            {
                public void Save(string path, byte[] pages)
                {
                    var tmp = path + ".tmp";
                    var file = new FileStream(tmp, FileMode.Create);
                    file.Write(pages);
                    file.Flush(flushToDisk: true);
                    file.Dispose();
                    File.Move(tmp, path, overwrite: true);
                }
            }
            """);

    [Fact]
    public Task A_whole_file_temp_and_its_rename_become_one_durable_replace() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class CheckpointStore
            {
                public async Task SaveAsync(string path, string json)
                {
                    var tmp = path + ".tmp";
                    await File.WriteAllTextAsync(tmp, json);
                    {|#0:File.Move(tmp, path, overwrite: true)|};
                }

                public void Save(string dir, byte[] state)
                {
                    var tmp = Path.Combine(dir, "checkpoint.tmp");
                    File.WriteAllBytes(tmp, state);
                    {|#1:File.Replace(tmp, Path.Combine(dir, "checkpoint"), null)|};
                }
            }
            """,
            new[] { Renamed(0, "'tmp'", "'path'"), Renamed(1, "'tmp'", "'Path.Combine(dir, \"checkpoint\")'") },
            """
            using System.IO;
            using System.Threading.Tasks;
            using Durability.Runtime;

            class CheckpointStore
            {
                public async Task SaveAsync(string path, string json)
                {
                    var tmp = path + ".tmp";
                    await DurableFile.WriteAllTextAsync(path, json);
                }

                public void Save(string dir, byte[] state)
                {
                    var tmp = Path.Combine(dir, "checkpoint.tmp");
                    DurableFile.WriteAllBytes(Path.Combine(dir, "checkpoint"), state);
                }
            }
            """);

    [Fact]
    public Task Whole_file_writes_call_durable_file_with_the_same_arguments() =>
        Verifier.CodeFixAsync("""
            using System;
            using System.IO;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            class ReplicaLedger
            {
                public async Task SaveAsync(string dir, long position, string[] peers, CancellationToken ct)
                {
                    {|#0:File.WriteAllBytes(Path.Combine(dir, "cursor.bin"), BitConverter.GetBytes(position))|};
                    await {|#1:File.WriteAllLinesAsync(Path.Combine(dir, "peers"), peers, Encoding.UTF8, ct)|};
                    {|#2:System.IO.File.AppendAllText(Path.Combine(dir, "history"), position + "\n")|};
                }
            }
            """,
            new[]
            {
                WrittenWhole(0, "WriteAllBytes", "'Path.Combine(dir, \"cursor.bin\")'"),
                WrittenWhole(1, "WriteAllLinesAsync", "'Path.Combine(dir, \"peers\")'"),
                Appended(2, "AppendAllText", "'Path.Combine(dir, \"history\")'"),
            },
            """
            using System;
            using System.IO;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;
            using Durability.Runtime;

            class ReplicaLedger
            {
                public async Task SaveAsync(string dir, long position, string[] peers, CancellationToken ct)
                {
                    DurableFile.WriteAllBytes(Path.Combine(dir, "cursor.bin"), BitConverter.GetBytes(position));
                    await DurableFile.WriteAllLinesAsync(Path.Combine(dir, "peers"), peers, Encoding.UTF8, ct);
                    DurableFile.AppendAllText(Path.Combine(dir, "history"), position + "\n");
                }
            }
            """);

    [Fact]
    public Task A_rename_that_must_not_overwrite_keeps_its_rename_and_the_temp_file_is_written_durably() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            public sealed class MarkerStore
            {
                public void Install(string dir, string digest)
                {
                    var tempMarker = Path.Combine(dir, Path.GetRandomFileName());
                    File.WriteAllText(tempMarker, digest);
                    {|#0:File.Move(tempMarker, Path.Combine(dir, ".installed"))|};
                }
            }
            """,
            new[] { Renamed(0, "'tempMarker'", "'Path.Combine(dir, \".installed\")'") },
            """
            using System.IO;
            using Durability.Runtime;

            public sealed class MarkerStore
            {
                public void Install(string dir, string digest)
                {
                    var tempMarker = Path.Combine(dir, Path.GetRandomFileName());
                    DurableFile.WriteAllText(tempMarker, digest);
                    File.Move(tempMarker, Path.Combine(dir, ".installed"));
                }
            }
            """);

    [Fact]
    public Task A_file_written_by_a_helper_is_fsynced_by_path_before_the_rename() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class SegmentStore
            {
                public void Seal(string path, byte[] data, FileInfo staging)
                {
                    var tmp = path + ".tmp";
                    WriteSegment(tmp, data);
                    {|#0:File.Move(tmp, path, true)|};
                    WriteSegment(staging.FullName, data);
                    {|#1:staging.MoveTo(path + ".1", true)|};
                }

                private static void WriteSegment(string target, byte[] data)
                {
                    using var stream = new FileStream(target, FileMode.Create, FileAccess.Write);
                    stream.Write(data);
                }
            }
            """,
            new[] { Renamed(0, "'tmp'", "'path'"), Renamed(1, "'staging'", "'path + \".1\"'") },
            """
            using System.IO;
            using Durability.Runtime;

            class SegmentStore
            {
                public void Seal(string path, byte[] data, FileInfo staging)
                {
                    var tmp = path + ".tmp";
                    WriteSegment(tmp, data);
                    Fsync.File(tmp);
                    File.Move(tmp, path, true);
                    WriteSegment(staging.FullName, data);
                    Fsync.File(staging.FullName);
                    staging.MoveTo(path + ".1", true);
                }

                private static void WriteSegment(string target, byte[] data)
                {
                    using var stream = new FileStream(target, FileMode.Create, FileAccess.Write);
                    stream.Write(data);
                }
            }
            """);

    [Fact]
    public Task A_rename_braceless_under_an_if_gets_a_block_holding_the_fsync_and_the_rename() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class ContentStore
            {
                public void AddReplica(string source, string path, bool publish)
                {
                    var temp = path + ".tmp";
                    File.Copy(source, temp, true);
                    if (publish)
                        {|#0:File.Move(temp, path)|};
                }
            }
            """,
            new[] { Renamed(0, "'temp'", "'path'") },
            """
            using System.IO;
            using Durability.Runtime;

            class ContentStore
            {
                public void AddReplica(string source, string path, bool publish)
                {
                    var temp = path + ".tmp";
                    File.Copy(source, temp, true);
                    if (publish)
                    {
                        Fsync.File(temp);
                        File.Move(temp, path);
                    }
                }
            }
            """);

    [Fact]
    public Task A_temp_file_filled_by_File_Copy_is_fsynced_by_path_before_the_rename() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class ContentStore
            {
                private readonly string _root = "cas";

                public void AddReplica(string source, string hash)
                {
                    var temp = Path.Combine(_root, hash + ".tmp");
                    File.Copy(source, temp, true);
                    {|#0:File.Move(temp, Path.Combine(_root, hash))|};
                }

                public void AddSynced(string source, string hash)
                {
                    var temp = Path.Combine(_root, hash + ".tmp");
                    File.Copy(source, temp, true);
                    Durability.Runtime.Fsync.File(temp);
                    File.Move(temp, Path.Combine(_root, hash));
                }
            }
            """,
            new[] { Renamed(0, "'temp'", "'Path.Combine(_root, hash)'") },
            """
            using System.IO;
            using Durability.Runtime;

            class ContentStore
            {
                private readonly string _root = "cas";

                public void AddReplica(string source, string hash)
                {
                    var temp = Path.Combine(_root, hash + ".tmp");
                    File.Copy(source, temp, true);
                    Fsync.File(temp);
                    File.Move(temp, Path.Combine(_root, hash));
                }

                public void AddSynced(string source, string hash)
                {
                    var temp = Path.Combine(_root, hash + ".tmp");
                    File.Copy(source, temp, true);
                    Durability.Runtime.Fsync.File(temp);
                    File.Move(temp, Path.Combine(_root, hash));
                }
            }
            """);

    [Fact]
    public Task A_temp_file_a_helper_returns_unsynced_is_fsynced_by_path_before_the_rename() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class LocalSnapshotStore
            {
                public void Save(string dir, byte[] snapshot)
                {
                    var temp = WriteTemp(dir, snapshot);
                    {|#0:temp.MoveTo(Path.Combine(dir, "snapshot"))|};
                }

                private static FileInfo WriteTemp(string dir, byte[] snapshot)
                {
                    var tmpFile = new FileInfo(Path.Combine(dir, "snapshot.tmp"));
                    using (var stream = new FileStream(tmpFile.FullName, FileMode.Create))
                    {
                        stream.Write(snapshot);
                    }

                    return tmpFile;
                }
            }
            """,
            new[] { Renamed(0, "'temp'", "'Path.Combine(dir, \"snapshot\")'") },
            """
            using System.IO;
            using Durability.Runtime;

            class LocalSnapshotStore
            {
                public void Save(string dir, byte[] snapshot)
                {
                    var temp = WriteTemp(dir, snapshot);
                    Fsync.File(temp.FullName);
                    temp.MoveTo(Path.Combine(dir, "snapshot"));
                }

                private static FileInfo WriteTemp(string dir, byte[] snapshot)
                {
                    var tmpFile = new FileInfo(Path.Combine(dir, "snapshot.tmp"));
                    using (var stream = new FileStream(tmpFile.FullName, FileMode.Create))
                    {
                        stream.Write(snapshot);
                    }

                    return tmpFile;
                }
            }
            """);

    [Fact]
    public Task A_file_rewritten_in_place_is_fsynced_last_in_its_streams_scope() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class WordIndex
            {
                private readonly string _path = "index";

                public void SaveWords(string[] words)
                {
                    using (FileStream file = {|#0:new FileStream(_path + ".words", FileMode.Create)|})
                    {
                        using (BinaryWriter writer = new BinaryWriter(file))
                        {
                            foreach (var word in words)
                            {
                                writer.Write(word);
                            }
                        }
                    }
                }

                public bool SaveCount(int count)
                {
                    using var counter = {|#1:File.Create(_path + ".count")|};
                    counter.WriteByte((byte)count);
                    return true;
                }

                public void SaveVersion(int version)
                {
                    using (var file = {|#2:new FileStream(Path.Combine(_path, "VERSION"), FileMode.Truncate)|})
                    {
                        file.WriteByte((byte)version);
                    }
                }
            }
            """,
            new[]
            {
                RewrittenInPlace(0, "'_path + \".words\"'", "FileMode.Create"),
                RewrittenInPlace(1, "'_path + \".count\"'", "File.Create"),
                RewrittenInPlace(2, "'Path.Combine(_path, \"VERSION\")'", "FileMode.Truncate"),
            },
            """
            using System.IO;
            using Durability.Runtime;

            class WordIndex
            {
                private readonly string _path = "index";

                public void SaveWords(string[] words)
                {
                    using (FileStream file = new FileStream(_path + ".words", FileMode.Create))
                    {
                        using (BinaryWriter writer = new BinaryWriter(file))
                        {
                            foreach (var word in words)
                            {
                                writer.Write(word);
                            }

                            Fsync.File(writer);
                        }
                    }
                }

                public bool SaveCount(int count)
                {
                    using var counter = File.Create(_path + ".count");
                    counter.WriteByte((byte)count);
                    counter.Flush(flushToDisk: true);
                    return true;
                }

                public void SaveVersion(int version)
                {
                    using (var file = new FileStream(Path.Combine(_path, "VERSION"), FileMode.Truncate))
                    {
                        file.WriteByte((byte)version);
                        file.Flush(flushToDisk: true);
                    }
                }
            }
            """);

    [Theory]
    [InlineData(FixAllScope.Document)]
    [InlineData(FixAllScope.Project)]
    [InlineData(FixAllScope.Solution)]
    public Task FixAll_applies_every_kind_in_every_document(FixAllScope scope)
    {
        var test = new CodeFixTest<UnsyncedFileContentsAnalyzer, UnsyncedFileContentsCodeFixProvider> { FixAllScope = scope };
        test.Sources.Add("""
            using System.IO;

            class SnapshotStore
            {
                public void Save(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    using (var file = new FileStream(tmp, FileMode.Create))
                    {
                        file.Write(state);
                    }

                    {|#0:File.Move(tmp, path, overwrite: true)|};
                    {|#1:File.WriteAllText(path + ".meta", "v1")|};
                }
            }
            """);
        test.Sources.Add("""
            using System.IO;

            class ManifestLog
            {
                public void Save(string path, string json)
                {
                    var tmp = path + ".tmp";
                    File.WriteAllText(tmp, json);
                    {|#2:File.Move(tmp, path, overwrite: true)|};
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Renamed(0, "'tmp'", "'path'"));
        test.ExpectedDiagnostics.Add(WrittenWhole(1, "WriteAllText", "'path + \".meta\"'"));
        test.ExpectedDiagnostics.Add(Renamed(2, "'tmp'", "'path'"));
        test.FixedSources.Add("""
            using System.IO;
            using Durability.Runtime;

            class SnapshotStore
            {
                public void Save(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    using (var file = new FileStream(tmp, FileMode.Create))
                    {
                        file.Write(state);
                        file.Flush(flushToDisk: true);
                    }

                    File.Move(tmp, path, overwrite: true);
                    DurableFile.WriteAllText(path + ".meta", "v1");
                }
            }
            """);
        test.FixedSources.Add(scope == FixAllScope.Document
            ? """
              using System.IO;

              class ManifestLog
              {
                  public void Save(string path, string json)
                  {
                      var tmp = path + ".tmp";
                      File.WriteAllText(tmp, json);
                      {|#0:File.Move(tmp, path, overwrite: true)|};
                  }
              }
              """
            : """
              using System.IO;
              using Durability.Runtime;

              class ManifestLog
              {
                  public void Save(string path, string json)
                  {
                      var tmp = path + ".tmp";
                      DurableFile.WriteAllText(path, json);
                  }
              }
              """);
        if (scope == FixAllScope.Document)
        {
            test.FixedDiagnostics.Add(Verifier.Diagnostic(Rules.RuleCatalog.RenameOfUnsyncedFile).WithSpan("/0/Test1.cs", 9, 9, 9, 46).WithArguments("'tmp'", "'path'"));
        }

        return test.RunAsync();
    }
}
