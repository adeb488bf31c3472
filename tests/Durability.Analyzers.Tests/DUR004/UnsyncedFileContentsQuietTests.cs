using System.Threading.Tasks;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedFileContentsAnalyzer, Durability.CodeFixes.UnsyncedFileContentsCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR004;

/// <summary>DUR004 must not flag: renamed files fsynced first, written through, or not written here; whole-file writes outside storage code.</summary>
public sealed class UnsyncedFileContentsQuietTests
{
    [Fact]
    public Task A_temp_file_flushed_through_a_stream_class_whose_flush_fsyncs_is_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class FlushToDiskFileStream : FileStream
            {
                public FlushToDiskFileStream(string path, FileMode mode) : base(path, mode) { }

                public override void Flush() => base.Flush(true);
            }

            class SnapshotStore
            {
                public void Save(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    using (var file = new FlushToDiskFileStream(tmp, FileMode.Create))
                    {
                        file.Write(state);
                        file.Flush();
                    }

                    File.Move(tmp, path, overwrite: true);
                }
            }
            """);

    [Fact]
    public Task A_temp_file_fsynced_through_a_helper_named_for_durability_is_quiet() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            static class FileStreamExtensions
            {
                private static Action<FileStream> _flushSafe = stream => stream.Flush(true);

                public static void FlushToDisk(this FileStream stream) => _flushSafe(stream);
            }

            class IndexMap
            {
                public void Save(string path, byte[] map)
                {
                    var tmp = path + ".tmp";
                    using (var file = new FileStream(tmp, FileMode.Create))
                    {
                        file.Write(map);
                        file.FlushToDisk();
                    }

                    File.Move(tmp, path, overwrite: true);
                }
            }
            """);

    [Fact]
    public Task Fsync_before_the_rename_in_any_known_form_is_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class SnapshotStore
            {
                public void FlushToDisk(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    using (var file = new FileStream(tmp, FileMode.Create))
                    {
                        file.Write(state);
                        file.Flush(flushToDisk: true);
                    }

                    File.Move(tmp, path, overwrite: true);
                }

                public void RuntimeOnTheWriter(string path, string json)
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

                public void RandomAccessOnTheHandle(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    using var file = new FileStream(tmp, FileMode.Create);
                    file.Write(state);
                    RandomAccess.FlushToDisk(file.SafeFileHandle);
                    File.Move(tmp, path, overwrite: true);
                }

                public void HelperThatFsyncsTheStream(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    using (var file = new FileStream(tmp, FileMode.Create))
                    {
                        file.Write(state);
                        SyncAndClose(file);
                    }

                    File.Move(tmp, path, overwrite: true);
                }

                private static void SyncAndClose(FileStream stream)
                {
                    stream.Flush(true);
                    stream.Dispose();
                }
            }
            """);

    [Fact]
    public Task Reopening_the_temp_file_by_path_to_fsync_it_is_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class ManifestStore
            {
                public void Replace(string dir, string json)
                {
                    var temp = Path.Combine(dir, "MANIFEST.tmp");
                    var live = Path.Combine(dir, "MANIFEST");
                    using (var w = new StreamWriter(temp)) { w.Write(json); }
                    using (var reopened = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite))
                    {
                        reopened.Flush(flushToDisk: true);
                    }

                    File.Move(temp, live, overwrite: true);
                }

                public void WholeThenReopened(string path, byte[] body)
                {
                    File.WriteAllBytes(path, body);
                    using var reopened = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
                    reopened.Flush(true);
                }
            }
            """);

    [Fact]
    public Task Helpers_that_write_and_fsync_or_fsync_by_path_are_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentStore
            {
                public void Seal(string path, byte[] data)
                {
                    var tmp = path + ".tmp";
                    WriteDurably(tmp, data);
                    File.Move(tmp, path, true);
                }

                public void SealInTwoSteps(string path, byte[] data)
                {
                    var tmp = path + ".tmp";
                    File.WriteAllBytes(tmp, data);
                    FsyncPath(tmp);
                    File.Move(tmp, path, true);
                }

                private static void WriteDurably(string target, byte[] data)
                {
                    using var stream = new FileStream(target, FileMode.Create, FileAccess.Write);
                    stream.Write(data);
                    stream.Flush(true);
                }

                private static void FsyncPath(string target)
                {
                    using var stream = new FileStream(target, FileMode.Open, FileAccess.ReadWrite);
                    stream.Flush(true);
                }
            }
            """);

    [Fact]
    public Task Write_through_streams_are_durable_as_they_write() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class JournalStore
            {
                public void Save(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
                    {
                        file.Write(state);
                    }

                    File.Move(tmp, path, overwrite: true);
                }
            }
            """);

    [Fact]
    public Task Renames_of_files_not_written_in_the_method_are_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class SegmentRoller
            {
                private FileStream _active;
                private readonly string _activePath;

                public SegmentRoller(string path)
                {
                    _activePath = path;
                    _active = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
                }

                public void Roll(int generation)
                {
                    _active.Flush(true);
                    _active.Dispose();
                    File.Move(_activePath, _activePath + "." + generation);
                    _active = new FileStream(_activePath, FileMode.CreateNew, FileAccess.ReadWrite);
                }

                public void Archive(string log, string archive)
                {
                    using (var reader = new FileStream(log, FileMode.Open, FileAccess.Read))
                    {
                        reader.ReadByte();
                    }

                    File.Move(log, archive);
                }
            }
            """);

    [Fact]
    public Task Outside_storage_code_whole_file_writes_plain_renames_and_caches_are_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class BuildOutput
            {
                public void Write(string path, string text, string published)
                {
                    File.WriteAllText(path, text);
                    using (var stream = new FileStream(path + ".sig", FileMode.Create))
                    {
                        stream.WriteByte(1);
                    }

                    File.Move(path + ".sig", published);
                }
            }

            class FileLogger
            {
                public void Roll(string path)
                {
                    var temp = path + ".tmp";
                    File.WriteAllText(temp, "rolled");
                    File.Move(temp, path, overwrite: true);
                }
            }

            class WalTests
            {
                public void Seeds(string path) => File.WriteAllText(path, "seed");
            }

            class HttpCacheUtility
            {
                public void Publish(string newFile, string cacheFile, byte[] body)
                {
                    using (var stream = new FileStream(newFile, FileMode.Create))
                    {
                        stream.Write(body);
                    }

                    File.Move(newFile, cacheFile, overwrite: true);
                }
            }
            """);

    [Fact]
    public Task Lock_backup_and_report_files_are_quiet_in_storage_code() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class StorageEngine
            {
                public void Start(string dir, string report)
                {
                    File.WriteAllText(Path.Combine(dir, "LOCK"), "1");
                    File.WriteAllText(Path.Combine(dir, "engine.pid"), "42");
                    File.WriteAllText(report, "ok");
                    var backupTemp = Path.Combine(dir, "backup.tmp");
                    File.WriteAllText(backupTemp, "b");
                    File.Move(backupTemp, Path.Combine(dir, "backup"), true);
                }
            }
            """);

    [Fact]
    public Task Template_files_written_for_people_are_not_engine_state() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class DocumentStore
            {
                private readonly string _root = "db/";

                private void CreateTemplateConfigFiles() => File.WriteAllText(_root + "-store.config", "{ }");

                public void WriteExamples() => File.WriteAllText(_root + "query.json", "{ }");

                // Exports and reports are for people, whatever the caller names their paths.
                public void ExportJson(string path) => File.WriteAllText(path, "{ }");

                public void WriteReport(string path) => File.WriteAllText(path, "ok");
            }
            """);

    [Fact]
    public Task A_temp_file_a_helper_fsyncs_before_returning_it_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class LocalSnapshotStore
            {
                public void Save(string dir, byte[] snapshot)
                {
                    var temp = WriteTemp(dir, snapshot);
                    temp.MoveTo(Path.Combine(dir, "snapshot"));
                    var name = NextName(dir);
                    File.Move(name, Path.Combine(dir, "current"), true);
                }

                private static FileInfo WriteTemp(string dir, byte[] snapshot)
                {
                    var tmpFile = new FileInfo(Path.Combine(dir, "snapshot.tmp"));
                    using (var stream = new FileStream(tmpFile.FullName, FileMode.Create))
                    {
                        stream.Write(snapshot);
                        stream.Flush(true);
                    }

                    return tmpFile;
                }

                // Returns a path it never writes: nothing of its contents to sync here.
                private static string NextName(string dir) => Path.Combine(dir, "next");
            }
            """);

    [Fact]
    public Task Openings_that_keep_the_contents_name_a_new_file_or_are_synced_or_flushed_are_not_rewrites_in_place() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentStore
            {
                private readonly string _dir = "data";
                private FileStream? _active;

                // A path from a parameter may name a new file on every call: no rewrite of a live file is known. Its close
                // with no fsync is reported as such (UnsyncedCloseTests).
                public void WriteSegment(string path, byte[] data)
                {
                    using var segment = {|#0:new FileStream(path, FileMode.Create)|};
                    segment.Write(data);
                }

                // Appending and opening keep what is there: closed unsynced, not rewritten in place.
                public void AppendIndex(byte[] entry)
                {
                    using var index = {|#1:new FileStream(Path.Combine(_dir, "index"), FileMode.Append)|};
                    index.Write(entry);
                    using var map = {|#2:new FileStream(Path.Combine(_dir, "map"), FileMode.OpenOrCreate)|};
                    map.Write(entry);
                }

                // Fsynced before it is closed.
                public void SaveManifest(byte[] manifest)
                {
                    using (var file = new FileStream(Path.Combine(_dir, "MANIFEST"), FileMode.Create))
                    {
                        file.Write(manifest);
                        file.Flush(true);
                    }
                }

                // Flushed: DUR001 reports the flush, not this rule.
                public void SaveCursor(long cursor)
                {
                    using var writer = new StreamWriter(Path.Combine(_dir, "cursor"));
                    writer.Write(cursor);
                    writer.Flush();
                }

                // A temp file renamed into place: the rename is what is checked.
                public void SaveState(byte[] state)
                {
                    var temp = Path.Combine(_dir, "state.tmp");
                    using (var file = new FileStream(temp, FileMode.Create))
                    {
                        file.Write(state);
                        file.Flush(true);
                    }

                    File.Move(temp, Path.Combine(_dir, "state"), true);
                }

                // Kept open in a field: a long-lived log, not a rewrite.
                public void Open() => _active = new FileStream(Path.Combine(_dir, "active.log"), FileMode.Create);
            }

            class CsvReport
            {
                private readonly string _path = "report.csv";

                public void Export(string text)
                {
                    using var output = new StreamWriter(_path);
                    output.Write(text);
                }
            }
            """,
            UnsyncedCloseTests.Closed(0, "'path'"),
            UnsyncedCloseTests.Closed(1, "'Path.Combine(_dir, \"index\")'"),
            UnsyncedCloseTests.Closed(2, "'Path.Combine(_dir, \"map\")'"));

    [Fact]
    public Task A_library_call_that_reads_the_temp_or_a_library_write_fsynced_before_the_rename_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            public interface IArchive
            {
                void CopyFrom(string sourcePath);
                void SaveTo(string destinationPath);
                long Measure(string path);
            }

            public static class PackageStore
            {
                public static void Install(IArchive archive, string dir, string tmp)
                {
                    // Reads or measures the file: writes nothing.
                    archive.CopyFrom(tmp);
                    archive.Measure(tmp);
                    File.Move(tmp, Path.Combine(dir, "package"), true);

                    // Written by the library, then fsynced by path before it is published.
                    var staged = Path.Combine(dir, "index.tmp");
                    archive.SaveTo(staged);
                    Fsync.File(staged);
                    File.Move(staged, Path.Combine(dir, "index"), true);
                }
            }
            """);

    [Fact]
    public Task A_whole_file_write_in_a_lambda_at_the_path_its_receiver_names_is_the_receivers() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            static class SafeStore
            {
                public static void SaveText(string path, string text) => Write(path, staged => File.WriteAllText(staged, text));

                public static void SaveBytes(string path, byte[] data) => Write(path, delegate (string staged) { File.WriteAllBytes(staged, data); });

                private static void Write(string path, Action<string> fill)
                {
                    var staged = path + ".new";
                    fill(staged);
                    using (var file = new FileStream(staged, FileMode.Open, FileAccess.ReadWrite)) { file.Flush(flushToDisk: true); }
                    File.Move(staged, path, overwrite: true);
                }
            }
            """);
    [Fact]
    public Task A_whole_file_write_of_the_lock_a_method_hands_back_is_quiet() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            public sealed class StoreLock : IDisposable
            {
                private readonly string _path;

                public StoreLock(string path) => _path = path;

                public void Dispose() => File.Delete(_path);
            }

            sealed class SegmentStore
            {
                public StoreLock Acquire(string path)
                {
                    File.WriteAllText(path, Environment.ProcessId.ToString());
                    return new StoreLock(path);
                }
            }
            """);

    [Fact]
    public Task A_file_written_empty_on_purpose_has_no_contents_to_make_durable() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class CredentialStore
            {
                private readonly string _file = "credentials.json";

                // Created empty to restrict its permissions before any secret goes in: "empty after a crash" is how it was left.
                public void Create()
                {
                    File.WriteAllText(_file, "");
                    File.WriteAllText(_file + ".proxy", string.Empty);
                    File.WriteAllBytes(_file + ".key", Array.Empty<byte>());
                    File.WriteAllBytes(_file + ".salt", new byte[0]);
                    File.WriteAllBytes(_file + ".log", []);
                }

                public void Save(string json) => {|#0:File.WriteAllText(_file, json)|};
            }
            """,
            UnsyncedFileContentsTests.WrittenWhole(0, "WriteAllText", "'_file'"));

    [Fact]
    public Task A_file_opened_only_to_empty_it_has_no_contents_to_make_durable() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class MeasurementStore
            {
                private readonly string _points = "points.bin";

                // Clears every point: the file is truncated and closed, with nothing written that could come back torn.
                public void Clear()
                {
                    using (var file = File.Open(_points, FileMode.Create, FileAccess.Write, FileShare.None))
                    {
                    }

                    using (new StreamWriter(_points + ".idx"))
                    {
                    }
                }

                public void Save(byte[] points)
                {
                    using var file = {|#0:File.Open(_points, FileMode.Create, FileAccess.Write)|};
                    file.Write(points);
                }
            }
            """,
            UnsyncedFileContentsTests.RewrittenInPlace(0, "'_points'", "FileMode.Create"));

    // One file of a command host opens a write-through stream for a block dump; the wallet commands in another file of the
    // same partial class are not storage code for that.
    private const string ExportPart = """
            using System.IO;

            partial class CommandHost
            {
                public void DumpBlocks(string path, byte[] blocks)
                {
                    using var dump = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
                    dump.Write(blocks);
                }

                public void SaveCursor(string cursor) => {|#0:File.WriteAllText("dump.cursor", cursor)|};
            }
            """;

    private const string WalletPart = """
            using System.IO;

            partial class CommandHost
            {
                public void ListAddresses(string path, string[] addresses) => File.WriteAllLines(path, addresses);
            }
            """;

    [Fact]
    public Task A_partial_type_is_storage_code_only_in_the_files_whose_code_shows_it()
    {
        var test = new AnalyzerTest<Durability.Analyzers.Rules.UnsyncedFileContentsAnalyzer>();
        test.Sources.Add(ExportPart);
        test.Sources.Add(WalletPart);
        test.ExpectedDiagnostics.Add(UnsyncedFileContentsTests.WrittenWhole(0, "WriteAllText", "'\"dump.cursor\"'"));
        return test.RunAsync();
    }
}
