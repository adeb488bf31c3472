using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedFileContentsAnalyzer, Durability.CodeFixes.UnsyncedFileContentsCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR004;

/// <summary>DUR004 must flag: a file written and renamed into place with no fsync before the rename, and File.WriteAll*/AppendAll* in storage code.</summary>
public sealed class UnsyncedFileContentsTests
{
    internal static DiagnosticResult Renamed(int location, string source, string destination) =>
        Verifier.Diagnostic(RuleCatalog.RenameOfUnsyncedFile).WithLocation(location).WithArguments(source, destination);

    internal static DiagnosticResult RewrittenInPlace(int location, string path, string opening) =>
        Verifier.Diagnostic(RuleCatalog.RewriteInPlaceWithoutFsync).WithLocation(location).WithArguments(path, opening);

    internal static DiagnosticResult WrittenWhole(int location, string method, string path) =>
        Verifier.Diagnostic(RuleCatalog.WholeFileWriteWithoutFsync).WithLocation(location).WithArguments(method, path);

    internal static DiagnosticResult Appended(int location, string method, string path) =>
        Verifier.Diagnostic(RuleCatalog.AppendWithoutFsync).WithLocation(location).WithArguments(method, path);

    [Fact]
    public Task Temp_file_written_through_a_stream_and_renamed_over_the_live_one_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SnapshotStore
            {
                public void Save(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    using (var file = new FileStream(tmp, FileMode.Create))
                    {
                        file.Write(state);
                        file.Flush();
                    }

                    {|#0:File.Move(tmp, path, overwrite: true)|};
                }
            }
            """,
            Renamed(0, "'tmp'", "'path'"));

    [Fact]
    public Task A_temp_fsynced_under_a_setting_of_the_object_is_synced_and_one_under_a_parameter_is_not() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            sealed class EventFileManager
            {
                private readonly bool _flushImmediately;

                public EventFileManager(bool flushImmediately = true) => _flushImmediately = flushImmediately;

                public async Task WriteAsync(string path, string json)
                {
                    var tempPath = path + ".tmp";
                    await File.WriteAllTextAsync(tempPath, json);
                    if (_flushImmediately)
                    {
                        Durability.Runtime.Fsync.File(tempPath);
                    }

                    File.Move(tempPath, path, overwrite: true);
                    Durability.Runtime.Fsync.ParentDirectory(path);
                }

                public void WriteIndex(string path, byte[] positions, bool flushToDisk = false)
                {
                    var tempPath = path + ".tmp";
                    using (var stream = new FileStream(tempPath, FileMode.Create))
                    {
                        stream.Write(positions);
                    }

                    if (flushToDisk)
                    {
                        Durability.Runtime.Fsync.File(tempPath);
                    }

                    {|#0:File.Move(tempPath, path, overwrite: true)|};
                    Durability.Runtime.Fsync.ParentDirectory(path);
                }
            }
            """,
            Renamed(0, "'tempPath'", "'path'"));

    [Fact]
    public Task A_temp_fsynced_in_an_awaited_Task_Run_is_synced_and_one_fsynced_in_a_task_left_running_is_not() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            static class IndexFile
            {
                public static async Task WriteAsync(string path, byte[] index)
                {
                    var tempPath = path + ".tmp";
                    await File.WriteAllBytesAsync(tempPath, index);
                    using (var handle = File.OpenHandle(tempPath, FileMode.Open, FileAccess.ReadWrite))
                    {
                        await Task.Run(() => RandomAccess.FlushToDisk(handle)).ConfigureAwait(false);
                    }

                    File.Move(tempPath, path, overwrite: true);
                    Durability.Runtime.Fsync.ParentDirectory(path);
                }

                public static async Task WriteInBackgroundAsync(string path, byte[] index)
                {
                    var tempPath = path + ".tmp";
                    await File.WriteAllBytesAsync(tempPath, index);
                    var handle = File.OpenHandle(tempPath, FileMode.Open, FileAccess.ReadWrite);
                    _ = Task.Run(() => RandomAccess.FlushToDisk(handle));
                    {|#0:File.Move(tempPath, path, overwrite: true)|};
                    Durability.Runtime.Fsync.ParentDirectory(path);
                }
            }
            """,
            Renamed(0, "'tempPath'", "'path'"));

    [Fact]
    public Task A_temp_file_flushed_asynchronously_or_through_its_base_stream_before_the_rename_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class SnapshotStore
            {
                public async Task SaveAsync(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    await using (var file = new FileStream(tmp, FileMode.Create))
                    {
                        await file.WriteAsync(state);
                        await file.FlushAsync();
                    }

                    {|#0:File.Move(tmp, path, overwrite: true)|};
                }

                public void SaveText(string path, string state)
                {
                    var tmp = path + ".tmp";
                    using (var writer = new StreamWriter(tmp))
                    {
                        writer.Write(state);
                        writer.BaseStream.Flush();
                    }

                    {|#1:File.Move(tmp, path, overwrite: true)|};
                }
            }
            """,
            Renamed(0, "'tmp'", "'path'"),
            Renamed(1, "'tmp'", "'path'"));

    [Fact]
    public Task Writers_file_create_and_file_info_are_writes_of_the_renamed_file() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class ManifestStore
            {
                public void WriteWithWriter(string dir, string json)
                {
                    var temp = Path.Combine(dir, "MANIFEST.tmp");
                    using (var writer = new StreamWriter(temp))
                    {
                        writer.Write(json);
                    }

                    {|#0:File.Replace(temp, Path.Combine(dir, "MANIFEST"), null)|};
                }

                public void WriteWithCreate(string live, byte[] body)
                {
                    var next = live + ".next";
                    using (var stream = File.Create(next))
                    {
                        stream.Write(body);
                    }

                    {|#1:File.Move(next, live, true)|};
                }

                public void WriteWithFileInfo(FileInfo staging, string live, byte[] body)
                {
                    using (var stream = staging.OpenWrite())
                    {
                        stream.Write(body);
                    }

                    {|#2:staging.MoveTo(live, overwrite: true)|};
                }
            }
            """,
            Renamed(0, "'temp'", "'Path.Combine(dir, \"MANIFEST\")'"),
            Renamed(1, "'next'", "'live'"),
            Renamed(2, "'staging'", "'live'"));

    [Fact]
    public Task A_whole_file_write_renamed_into_place_is_reported_once_on_the_rename() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            class CheckpointWriter
            {
                public async Task SaveAsync(string path, string json)
                {
                    var tmp = path + ".tmp";
                    await File.WriteAllTextAsync(tmp, json);
                    {|#0:File.Move(tmp, path, overwrite: true)|};
                }
            }
            """,
            Renamed(0, "'tmp'", "'path'"));

    [Fact]
    public Task A_temp_file_published_without_a_storage_word_is_flagged_by_the_idiom() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class SettingsPublisher
            {
                public void Publish(string livePath, byte[] content)
                {
                    var temp = livePath + ".tmp";
                    using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write))
                    {
                        fs.Write(content, 0, content.Length);
                    }

                    {|#0:File.Move(temp, livePath, overwrite: true)|};
                }

                public void Install(string dir, string digest)
                {
                    var tempMarker = Path.Combine(dir, Path.GetRandomFileName());
                    File.WriteAllText(tempMarker, digest);
                    {|#1:File.Move(tempMarker, Path.Combine(dir, ".installed"))|};
                }
            }
            """,
            Renamed(0, "'temp'", "'livePath'"),
            Renamed(1, "'tempMarker'", "'Path.Combine(dir, \".installed\")'"));

    [Fact]
    public Task An_fsync_on_only_one_branch_does_not_cover_the_rename() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class IndexStore
            {
                public void Save(string path, byte[] pages, bool durable)
                {
                    var tmp = path + ".tmp";
                    using var file = new FileStream(tmp, FileMode.CreateNew);
                    file.Write(pages);
                    if (durable)
                    {
                        file.Flush(flushToDisk: true);
                    }

                    {|#0:File.Move(tmp, path, overwrite: true)|};
                }
            }
            """,
            Renamed(0, "'tmp'", "'path'"));

    [Fact]
    public Task A_helper_that_writes_the_path_without_fsync_is_a_write() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentStore
            {
                public void Seal(string path, byte[] data)
                {
                    var tmp = path + ".tmp";
                    WriteSegment(tmp, data);
                    {|#0:File.Move(tmp, path, true)|};
                }

                private static void WriteSegment(string target, byte[] data)
                {
                    using var stream = new FileStream(target, FileMode.Create, FileAccess.Write);
                    stream.Write(data);
                }
            }
            """,
            Renamed(0, "'tmp'", "'path'"));

    [Fact]
    public Task Whole_file_writes_of_engine_state_are_flagged_sync_and_async() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class ReplicaLedger
            {
                public async Task SaveAsync(string dir, long position, string[] peers)
                {
                    {|#0:File.WriteAllBytes(Path.Combine(dir, "cursor.bin"), BitConverter.GetBytes(position))|};
                    await {|#1:File.WriteAllLinesAsync(Path.Combine(dir, "peers"), peers)|};
                    {|#2:File.AppendAllText(Path.Combine(dir, "history"), position + "\n")|};
                }
            }
            """,
            WrittenWhole(0, "WriteAllBytes", "'Path.Combine(dir, \"cursor.bin\")'"),
            WrittenWhole(1, "WriteAllLinesAsync", "'Path.Combine(dir, \"peers\")'"),
            Appended(2, "AppendAllText", "'Path.Combine(dir, \"history\")'"));

    [Fact]
    public Task Whole_file_writes_in_a_lambda_the_framework_runs_are_still_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;

            class ReplicaLedger
            {
                public void SaveAll(List<string> cursors, string position) =>
                    cursors.ForEach(cursor => {|#0:File.WriteAllText(cursor, position)|});
            }
            """,
            WrittenWhole(0, "WriteAllText", "'cursor'"));

    [Fact]
    public Task A_temp_file_a_helper_writes_and_returns_unsynced_is_flagged_where_it_is_renamed() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class LocalSnapshotStore
            {
                public void Save(string dir, long sequence, byte[] snapshot)
                {
                    var temp = WithOutputStream(dir, sequence, stream => stream.Write(snapshot));
                    var live = new FileInfo(Path.Combine(dir, "snapshot-" + sequence));
                    {|#0:temp.MoveTo(live.FullName)|};
                }

                public void SaveByPath(string dir, byte[] state)
                {
                    string staged;
                    staged = StageState(dir, state);
                    {|#1:File.Move(staged, Path.Combine(dir, "state"), true)|};
                }

                private FileInfo WithOutputStream(string dir, long sequence, Action<Stream> write)
                {
                    var tmpFile = new FileInfo(Path.Combine(dir, "snapshot-" + sequence + ".tmp"));
                    using (var stream = new BufferedStream(new FileStream(tmpFile.FullName, FileMode.Create)))
                    {
                        write(stream);
                        stream.Flush();
                    }

                    return tmpFile;
                }

                private static string StageState(string dir, byte[] state)
                {
                    var path = Path.Combine(dir, "state.next");
                    using var file = File.Create(path);
                    file.Write(state);
                    return path;
                }
            }
            """,
            Renamed(0, "'temp'", "'live.FullName'"),
            Renamed(1, "'staged'", "'Path.Combine(dir, \"state\")'"));

    [Fact]
    public Task A_state_file_emptied_and_written_again_in_place_without_an_fsync_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Text;

            class WordIndex
            {
                private readonly string _path;
                private readonly string _fileName;
                private readonly Dictionary<string, int> _words = new();

                public WordIndex(string path, string fileName)
                {
                    _path = path;
                    _fileName = fileName;
                }

                public void SaveWords()
                {
                    using (FileStream words = {|#0:new FileStream(_path + _fileName + ".words", FileMode.Create)|})
                    {
                        using (BinaryWriter writer = new BinaryWriter(words, Encoding.UTF8))
                        {
                            foreach (var pair in _words)
                            {
                                writer.Write(pair.Key);
                                writer.Write(pair.Value);
                            }
                        }
                    }
                }

                public void SaveSequence(long sequence)
                {
                    var statePath = Path.Combine(_path, "sequence.json");
                    using var writer = {|#1:File.CreateText(statePath)|};
                    writer.Write("{\"sequence\":" + sequence + "}");
                }

                public void SaveHeader(int version)
                {
                    using (var header = {|#2:new StreamWriter($"{_path}/{_fileName}.header")|})
                    {
                        header.Write(version);
                    }
                }
            }
            """,
            RewrittenInPlace(0, "'_path + _fileName + \".words\"'", "FileMode.Create"),
            RewrittenInPlace(1, "'statePath'", "File.CreateText"),
            RewrittenInPlace(2, "'$\"{_path}/{_fileName}.header\"'", "new StreamWriter(path)"));

    [Fact]
    public Task A_temp_file_a_library_writes_and_that_is_renamed_unsynced_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            public interface IPackageDownloader
            {
                Task<bool> CopyNupkgFileToAsync(string destinationFilePath, CancellationToken cancellationToken);
            }

            public static class PackageExtractor
            {
                public static async Task InstallAsync(IPackageDownloader downloader, string targetPath, string targetNupkg, CancellationToken cancellationToken)
                {
                    var targetTempNupkg = Path.Combine(targetPath, Path.GetRandomFileName());
                    var copied = await downloader.CopyNupkgFileToAsync(targetTempNupkg, cancellationToken);
                    if (copied)
                    {
                        {|#0:File.Move(targetTempNupkg, targetNupkg)|};
                    }
                }
            }
            """,
            Renamed(0, "'targetTempNupkg'", "'targetNupkg'"));

    [Fact]
    public Task A_one_line_logger_writes_no_file_and_a_library_method_given_a_file_name_does() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            public interface IDocument
            {
                void SaveAs(string fileName);
            }

            public static class Logger
            {
                public static void Info(string message) => Console.WriteLine(message);

                public static void Debug(string message)
                {
                    System.Diagnostics.Debug.WriteLine(message);
                }
            }

            public sealed class SnapshotKeeper
            {
                private readonly string _file = "snapshot.json";

                public void Save(IDocument document)
                {
                    Logger.Info("Saving " + _file);
                    Logger.Debug("Saving " + _file);
                    var temp = _file + ".tmp";
                    document.SaveAs(temp);
                    {|#0:File.Move(temp, _file, overwrite: true)|};
                }

                public string Load() => File.ReadAllText(_file);
            }
            """,
            Renamed(0, "'temp'", "'_file'"));

    [Fact]
    public Task A_temp_file_writer_that_renames_over_the_live_file_is_still_checked() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            sealed class TempFileWriter
            {
                public void Replace(string path, byte[] contents)
                {
                    var tmp = path + ".tmp";
                    using (var file = new FileStream(tmp, FileMode.Create))
                    {
                        file.Write(contents);
                        file.Flush();
                    }

                    {|#0:File.Move(tmp, path, overwrite: true)|};
                }
            }
            """,
            Renamed(0, "'tmp'", "'path'"));

    [Fact]
    public Task A_file_written_only_on_a_path_that_returns_is_not_published_by_a_later_rename_and_is_checked_as_kept() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            static class StateStore
            {
                // Two copies: the first save writes .1; later saves write .2 and rotate it into .1 through a third name.
                public static void Save(string folder, string name, byte[] state)
                {
                    var first = Path.Combine(folder, name + ".1");
                    var second = Path.Combine(folder, name + ".2");
                    var aside = Path.Combine(folder, name + ".3." + Guid.NewGuid());
                    if (!File.Exists(first))
                    {
                        {|#0:File.WriteAllBytes(first, state)|};
                        return;
                    }

                    File.WriteAllBytes(second, state);
                    File.Move(first, aside);
                    {|#1:File.Move(second, first)|};
                    File.Move(aside, second);
                }

                // A return in a lambda ends only the lambda: the rename after the call still publishes what it wrote.
                public static void SaveFirstNamed(string folder, string[] names, byte[] state)
                {
                    var staged = Path.Combine(folder, "named.tmp");
                    Array.ForEach(names, name =>
                    {
                        if (name.Length > 0)
                        {
                            File.WriteAllBytes(staged, state);
                            return;
                        }
                    });
                    {|#2:File.Move(staged, Path.Combine(folder, "named"))|};
                }
            }
            """,
            WrittenWhole(0, "WriteAllBytes", "'first'"),
            Renamed(1, "'second'", "'first'"),
            Renamed(2, "'staged'", "'Path.Combine(folder, \"named\")'"));
}
