using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR002.UnsyncedDirectoryEntryTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer, Durability.CodeFixes.UnsyncedDirectoryEntryCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR002;

/// <summary>
/// DUR002 on the shapes real storage projects ship (issue 11): code that fsyncs is storage code whatever its
/// name, and the false-positive classes of the corpus triage stay quiet, each written anew.
/// </summary>
public sealed class UnsyncedDirectoryEntryRealWorldTests
{
    [Fact]
    public Task A_step_that_undoes_another_after_a_failure_is_not_checked_and_the_step_it_undoes_is() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            public sealed class AtomicStep
            {
                public AtomicStep(Action perform, Action backOut) => (Perform, BackOut) = (perform, backOut);

                public Action Perform { get; }

                public Action BackOut { get; }
            }

            public sealed class BlobStore
            {
                public AtomicStep MoveBlob(string source, string destination) =>
                    new AtomicStep(() => {|#0:File.Move(source, destination)|}, () => File.Move(destination, source));

                public AtomicStep Publish(string staged, string live) =>
                    new AtomicStep(perform: () => {|#1:File.Move(staged, live)|}, backOut: () => File.Move(live, staged));
            }
            """,
            Renamed(0, "'source'", "'destination'", "the directories of 'destination' and 'source'"),
            Renamed(1, "'staged'", "'live'", "the directories of 'live' and 'staged'"));

    [Fact]
    public Task A_type_that_fsyncs_its_data_must_sync_the_new_files_entry_too() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class BlobSink
            {
                private FileStream? _file;

                public void Open(string path) => _file = {|#0:new FileStream(path, FileMode.OpenOrCreate)|};

                public void Write(byte[] blob)
                {
                    _file!.Write(blob);
                    _file.Flush(flushToDisk: true);
                }
            }
            """,
            Created(0, "'path'", "the directory of 'path'"));

    [Fact]
    public Task A_safe_save_spelled_with_a_space_before_each_parenthesis_as_Mono_code_does_is_checked_like_any_other() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class NoteArchiver
            {
                public void WriteFile (string write_file, string text)
                {
                    string tmp_file = write_file + ".tmp";
                    File.WriteAllText (tmp_file, text);

                    string backup_path = write_file + "~";
                    {|#1:File.Move (write_file, backup_path)|};
                    {|#0:File.Move (tmp_file, write_file)|};
                    File.Delete (backup_path);
                }
            }
            """,
            Renamed(0, "'tmp_file'", "'write_file'", "the directory of 'write_file'"),
            Verifier.Diagnostic(RuleCatalog.MovedAsideBeforeReplacingRename).WithLocation(1).WithArguments("'write_file'", "'tmp_file'", "'backup_path'"));

    [Fact]
    public Task Deletions_of_files_nothing_finds_again_are_not_reported_unless_asked() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentStore
            {
                public void DropBefore(string[] segments)
                {
                    foreach (var segment in segments)
                    {
                        File.Delete(segment);
                    }
                }
            }
            """);

    [Fact]
    public Task Lock_backup_export_and_error_files_are_not_recovered_from() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class TableStore
            {
                public void Run(string directory, string data, string lockPath)
                {
                    using (File.Create(lockPath)) { }
                    using (File.Create(Path.Combine(directory, "LOCK"))) { }
                    File.Copy(data, data + ".bak");
                    File.Move(data, Path.Combine(directory, "backup", "data.old"));
                    File.WriteAllText(Path.Combine(directory, "export.json"), "{}");
                    File.WriteAllText(data + ".error.txt", "failed");
                }

                // Named for what they write: an export and a report for people, whatever the caller calls the path.
                public void ExportJson(string path) => File.WriteAllText(path, "{}");

                public void WriteReport(string path)
                {
                    using var writer = new StreamWriter(path);
                    writer.Write("ok");
                }
            }
            """);

    [Fact]
    public Task Files_put_aside_for_deletion_and_lease_renames_are_not_recovered_from() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class SpoolStore
            {
                public void Discard(string path, long id)
                {
                    try
                    {
                        File.Delete(path + ".old");
                    }
                    catch (IOException)
                    {
                        File.Move(path + ".old", $"{path}.{id}.del");
                    }

                    File.Move(path + ".stale", Path.Combine("trash", Path.GetFileName(path)));
                }

                public bool TryLease(string item, TimeSpan period)
                {
                    var leased = $"{item}@{DateTime.UtcNow + period:yyyyMMddHHmmss}";
                    File.Move(item, leased);
                    return true;
                }

                public void RemoveExpiredLease(string leased) => File.Move(leased, leased.Substring(0, leased.LastIndexOf('@')));

                public void Publish(string staged, string item) => {|#0:File.Move(staged, item)|};
            }
            """,
            UnsyncedDirectoryEntryTests.Renamed(0, "'staged'", "'item'", "the directories of 'item' and 'staged'"));

    [Fact]
    public Task A_repository_that_keeps_what_it_is_given_in_files_is_storage_code() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Xml.Linq;

            sealed class KeyFolderRepository
            {
                private readonly DirectoryInfo _folder;

                public KeyFolderRepository(DirectoryInfo folder) => _folder = folder;

                public void StoreElement(XElement key, string name)
                {
                    var temp = Path.Combine(_folder.FullName, Guid.NewGuid().ToString("N") + ".tmp");
                    var final = Path.Combine(_folder.FullName, name + ".xml");
                    using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                    {
                        key.Save(file);
                    }

                    {|#0:File.Move(temp, final)|};
                }
            }
            """,
            UnsyncedDirectoryEntryTests.Renamed(0, "'temp'", "'final'", "the directory of 'final'"));

    [Fact]
    public Task A_method_that_hands_back_a_lock_writes_the_locks_file_whatever_its_path_is_called() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Threading.Tasks;

            public interface IQueueLock : IDisposable { }

            sealed class QueueLockFile : IQueueLock
            {
                private readonly FileStream _stream;

                public QueueLockFile(FileStream stream) => _stream = stream;

                public void Dispose() => _stream.Dispose();
            }

            sealed class QueueStorage
            {
                public IQueueLock TakeOwnership(string path)
                {
                    File.WriteAllBytes(path, BitConverter.GetBytes(Environment.ProcessId));
                    return new QueueLockFile(new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None));
                }

                public async Task<IQueueLock> TakeOwnershipAsync(string path)
                {
                    await File.WriteAllBytesAsync(path, BitConverter.GetBytes(Environment.ProcessId));
                    return new QueueLockFile(new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None));
                }

                public IDisposable OpenSegment(string path) => {|#0:new FileStream(path, FileMode.CreateNew)|};
            }
            """,
            UnsyncedDirectoryEntryTests.Created(0, "'path'", "the directory of 'path'"));

    [Fact]
    public Task A_directory_synced_through_its_full_path_counts() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class ManifestStore
            {
                public void Publish(string path)
                {
                    File.Move(path + ".next", path, overwrite: true);
                    Fsync.Directory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                }

                public void Create(FileInfo file)
                {
                    using (file.Create()) { }
                    Fsync.Directory(file.Directory!.FullName);
                }

                public void Replace(string live)
                {
                    File.Move(live + ".next", live, overwrite: true);
                    Fsync.Directory(new FileInfo(live).DirectoryName!);
                }
            }
            """);

    [Fact]
    public Task A_directory_kept_in_a_member_set_at_construction_counts() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class ManifestStore
            {
                private readonly string _path;
                private readonly string _directory;
                private readonly DirectoryInfo _folder;

                public ManifestStore(string path)
                {
                    _path = Path.GetFullPath(path);
                    _directory = Path.GetDirectoryName(_path)!;
                    _folder = new FileInfo(path).Directory!;
                }

                public void Publish(byte[] manifest)
                {
                    DurableFile.WriteAllBytes(_path + ".next", manifest);
                    File.Move(_path + ".next", _path, overwrite: true);
                    Fsync.Directory(_directory);
                }

                public void Reset()
                {
                    File.Delete(_path);
                    Fsync.Directory(_folder.FullName);
                }

                public void Archive(string archived)
                {
                    File.Move(archived + ".next", archived, overwrite: true);
                    Fsync.Directory(Directory.GetParent(archived)!.FullName);
                }

                public void Nest(DirectoryInfo child)
                {
                    child.Create();
                    Fsync.Directory(child.Parent!.FullName);
                }
            }
            """);

    [Fact]
    public Task A_member_set_from_a_constructor_parameter_is_not_a_methods_parameter_of_the_same_name() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class ManifestStore
            {
                private readonly string _directory;

                public ManifestStore(string path) => _directory = Path.GetDirectoryName(path)!;

                // This path is any file the caller names, not the one the store was opened on.
                public void Publish(string path)
                {
                    {|#0:File.Move(path + ".next", path, overwrite: true)|};
                    Fsync.Directory(_directory);
                }
            }
            """,
            Renamed(0, "'path + \".next\"'", "'path'", "the directory of 'path'"));

    [Fact]
    public Task A_directory_synced_by_every_caller_counts() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class SegmentStore
            {
                private readonly string _directory = "segments";

                public void Roll(int number)
                {
                    CreateSegment(number);
                    Fsync.Directory(_directory);
                }

                public void Recover()
                {
                    CreateSegment(0);
                    Fsync.Directory(_directory);
                }

                private void CreateSegment(int number)
                {
                    using (File.Create(Path.Combine(_directory, number + ".seg"))) { }
                }
            }
            """);

    [Fact]
    public Task A_caller_that_does_not_sync_keeps_the_finding() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class SegmentStore
            {
                private readonly string _directory = "segments";

                public void Roll(int number)
                {
                    CreateSegment(number);
                    Fsync.Directory(_directory);
                }

                public void Recover() => CreateSegment(0);

                private void CreateSegment(int number)
                {
                    using ({|#0:File.Create(Path.Combine(_directory, number + ".seg"))|}) { }
                }
            }
            """,
            Created(0, "'Path.Combine(_directory, number + \".seg\")'", "'_directory'"));

    private const string SegmentWriterSource = """
        using System.IO;

        namespace Acme.Storage;

        internal sealed class SegmentWriter
        {
            private readonly string _directory;

            public SegmentWriter(string directory) => _directory = directory;

            // The log that calls this syncs the directory once per roll.
            public FileStream CreateSegment(long number) =>
                {|#0:new FileStream(Path.Combine(_directory, number + ".seg"), FileMode.CreateNew)|};
        }
        """;

    [Fact]
    public Task A_directory_synced_by_every_caller_in_another_type_counts()
    {
        var test = new AnalyzerTest<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer>();
        test.Sources.Add(SegmentWriterSource.Replace("{|#0:", string.Empty).Replace("|};", ";"));
        test.Sources.Add("""
            using System.IO;
            using Durability.Runtime;

            namespace Acme.Storage;

            internal sealed class SegmentLog
            {
                private readonly string _directory = "segments";
                private readonly SegmentWriter _writer = new("segments");
                private FileStream? _active;

                public void Roll(long next)
                {
                    _active?.Dispose();
                    _active = _writer.CreateSegment(next);
                    Fsync.Directory(_directory);
                }
            }
            """);
        return test.RunAsync();
    }

    // A log that syncs the directory after the segment it rolls to, with more members where a test needs them.
    private static string SegmentLogSource(string moreMembers = "") => $$"""
        using System.IO;
        using Durability.Runtime;

        namespace Acme.Storage;

        internal sealed class SegmentLog
        {
            private readonly SegmentWriter _writer = new("segments");

            public FileStream Roll(long next)
            {
                var created = _writer.CreateSegment(next);
                Fsync.Directory("segments");
                return created;
            }{{moreMembers}}
        }
        """;

    [Fact]
    public Task A_public_method_of_a_public_type_may_have_callers_elsewhere_and_keeps_the_finding()
    {
        var test = new AnalyzerTest<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer>();
        test.Sources.Add(SegmentWriterSource.Replace("internal sealed class SegmentWriter", "public sealed class SegmentWriter"));
        test.Sources.Add(SegmentLogSource());
        test.ExpectedDiagnostics.Add(Created(0, "'Path.Combine(_directory, number + \".seg\")'", "'_directory'"));
        return test.RunAsync();
    }

    [Fact]
    public Task A_caller_in_another_type_that_does_not_sync_keeps_the_finding()
    {
        var test = new AnalyzerTest<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer>();
        test.Sources.Add(SegmentWriterSource);
        test.Sources.Add(SegmentLogSource("""

                public FileStream Recover() => _writer.CreateSegment(0);
            """));
        test.ExpectedDiagnostics.Add(Created(0, "'Path.Combine(_directory, number + \".seg\")'", "'_directory'"));
        return test.RunAsync();
    }

    private const string SegmentSource = """
        using System.IO;

        namespace Acme.Storage;

        internal sealed class Segment
        {
            private readonly FileStream _file;

            // Whoever opens a segment syncs the directory once the segment exists.
            public Segment(string path) => _file = {|#0:new FileStream(path, FileMode.CreateNew)|};

            public void Append(byte[] record) => _file.Write(record);
        }
        """;

    [Fact]
    public Task A_sealed_types_constructor_whose_every_creation_is_followed_by_a_directory_sync_counts()
    {
        var test = new AnalyzerTest<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer>();
        test.Sources.Add(SegmentSource.Replace("{|#0:", string.Empty).Replace(")|};", ");"));
        test.Sources.Add("""
            using System.IO;
            using Durability.Runtime;

            namespace Acme.Storage;

            internal sealed class SegmentLog
            {
                private readonly string _directory = "segments";
                private Segment? _active;

                public void Roll(long next)
                {
                    _active = new Segment(Path.Combine(_directory, next + ".seg"));
                    Fsync.Directory(_directory);
                }

                public Segment Open(long number)
                {
                    Segment opened = new(Path.Combine(_directory, number + ".seg"));
                    Fsync.Directory(_directory);
                    return opened;
                }
            }
            """);
        return test.RunAsync();
    }

    [Fact]
    public Task A_creation_not_followed_by_a_directory_sync_keeps_the_constructors_finding()
    {
        var test = new AnalyzerTest<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer>();
        test.Sources.Add(SegmentSource);
        test.Sources.Add("""
            using System.IO;
            using Durability.Runtime;

            namespace Acme.Storage;

            internal sealed class SegmentLog
            {
                private readonly string _directory = "segments";

                public Segment Roll(long next)
                {
                    var created = new Segment(Path.Combine(_directory, next + ".seg"));
                    Fsync.Directory(_directory);
                    return created;
                }

                // Target-typed, and never synced.
                public Segment Recover() => new(Path.Combine(_directory, "0.seg"));
            }
            """);
        test.ExpectedDiagnostics.Add(Created(0, "'path'", "the directory of 'path'"));
        return test.RunAsync();
    }

    [Fact]
    public Task Diagnostic_loggers_and_test_fixtures_are_not_storage_code() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            namespace Acme.Storage
            {
                class RollingLogger
                {
                    public void Roll(string current, string archived) => File.Move(current, archived);
                }

                class StoreTestFixture
                {
                    public void Seed(string path) => File.WriteAllText(path, "seed");
                }
            }
            """);

    [Fact]
    public Task Locks_and_lock_factories_of_a_store_are_not_storage_code() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            namespace Acme.Store
            {
                public abstract class Lock
                {
                    public abstract bool Obtain();
                }

                // The lock file's existence is held by the OS lock while the process lives; nothing recovers from it.
                sealed class NativeFileLock : Lock
                {
                    private readonly string _path;
                    private FileStream? _channel;

                    public NativeFileLock(string path) => _path = path;

                    public override bool Obtain()
                    {
                        _channel = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.Read);
                        return true;
                    }
                }

                sealed class NativeFileLockFactory
                {
                    public Lock MakeLock(string directory, string name)
                    {
                        var path = Path.Combine(directory, name);
                        using (var probe = new FileStream(path + ".probe", FileMode.OpenOrCreate, FileAccess.Write))
                        {
                            probe.WriteByte(0);
                            probe.Flush();
                        }

                        return new NativeFileLock(path);
                    }
                }

                // A store's block device is storage code: "Block" is not a lock.
                sealed class BlockDevice
                {
                    public FileStream Open(string path) => {|#0:new FileStream(path, FileMode.CreateNew)|};
                }
            }
            """,
            UnsyncedDirectoryEntryTests.Created(0, "'path'", "the directory of 'path'"));

    [Fact]
    public Task A_spill_stream_of_a_database_is_scratch_data() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            namespace Acme.Db.Engine
            {
                // Sorting spills to disk past a limit; the file is deleted when the sort is done.
                public sealed class TempStream : IDisposable
                {
                    private Stream _stream = new MemoryStream();
                    private string? _filename;

                    public TempStream(string? filename = null) => _filename = filename;

                    public void Spill()
                    {
                        _filename ??= Path.Combine(Path.GetTempPath(), "sort_" + Guid.NewGuid() + ".tmp.db");
                        var file = new FileStream(_filename, FileMode.CreateNew, FileAccess.ReadWrite);
                        _stream.Position = 0;
                        _stream.CopyTo(file);
                        _stream = file;
                    }

                    public void Flush() => _stream.Flush();

                    public void Dispose()
                    {
                        _stream.Dispose();
                        if (_filename is not null)
                        {
                            File.Delete(_filename);
                        }
                    }
                }

                public sealed class DataFile
                {
                    private readonly FileStream _file = new("data.db", FileMode.Open);

                    public void Commit() => _file.Flush(true);
                }
            }
            """);

    [Fact]
    public Task A_segment_named_non_persistent_or_transient_keeps_nothing_and_its_persistent_twin_is_checked() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            // A disk queue's overflow segments when persistence is off: every such file is deleted at start.
            sealed class NonPersistentQueueSegment
            {
                public FileStream Create(string path) => new FileStream(path, FileMode.CreateNew);
            }

            sealed class TransientSnapshot
            {
                public void Write(string path, byte[] state) => File.WriteAllBytes(path, state);
            }

            sealed class PersistentQueueSegment
            {
                public FileStream Create(string path) => {|#0:new FileStream(path, FileMode.CreateNew)|};
            }
            """,
            UnsyncedDirectoryEntryTests.Created(0, "'path'", "the directory of 'path'"));

    [Fact]
    public Task Template_and_sample_files_written_for_people_are_not_recovered_from() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class DocumentStore
            {
                private readonly string _root = "db/";

                private void CreateTemplateConfigFiles()
                {
                    if (!File.Exists(_root + "store.config"))
                    {
                        File.WriteAllText(_root + "-store.config", "{ }");
                    }
                }

                public void Open() => File.WriteAllText(Path.Combine(_root, "sample-query.json"), "{ }");
            }
            """);

    [Fact]
    public Task A_file_named_tmp_on_disk_needs_no_entry_sync_of_its_own_its_rename_does() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SnapshotStore
            {
                private readonly string _dir = "snapshots";

                protected FileInfo WriteTemp(long sequence, byte[] state)
                {
                    var temp = new FileInfo(Path.Combine(_dir, "snapshot-" + sequence + ".tmp"));
                    using (var stream = new FileStream(temp.FullName, FileMode.Create))
                    {
                        stream.Write(state);
                        stream.Flush(flushToDisk: true);
                    }

                    return temp;
                }

                protected string WriteScratch(byte[] state)
                {
                    var scratch = Path.GetTempFileName();
                    File.WriteAllBytes(scratch, state);
                    return scratch;
                }
            }
            """);

    [Fact]
    public Task A_file_only_a_variable_calls_tmp_is_still_checked() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class RestoreStore
            {
                public void Unpack(string package, byte[] contents)
                {
                    // Resumed after a restart from this very file: its name on disk is not temporary.
                    var tmp = package.Replace(".gz", "");
                    using (var output = {|#0:File.Create(tmp)|})
                    {
                        output.Write(contents);
                        output.Flush(flushToDisk: true);
                    }
                }
            }
            """,
            Created(0, "'tmp'", "the directory of 'tmp'"));

    [Fact]
    public Task A_folder_filled_through_paths_built_with_a_separator_field_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class KeyStore
            {
                private readonly string _path = "data/";
                private readonly string _s = Path.DirectorySeparatorChar.ToString();

                public void Compact()
                {
                    {|#0:Directory.CreateDirectory(_path + "old")|};
                    foreach (var file in Directory.GetFiles(_path, "*.*"))
                    {
                        {|#1:File.Move(file, _path + "old" + _s + Path.GetFileName(file))|};
                    }
                }
            }
            """,
            CreatedFolder(0, "'_path + \"old\"'", "the directory of '_path + \"old\"'"),
            Renamed(1, "'file'", "'_path + \"old\" + _s + Path.GetFileName(file)'", "the directories of '_path + \"old\" + _s + Path.GetFileName(file)' and 'file'"));

    [Fact]
    public Task A_sync_of_the_folder_a_separator_path_names_covers_it() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class InboxStore
            {
                private readonly string _inbox = "inbox";

                public void Receive(string branch, string name, byte[] package)
                {
                    var path = _inbox + Path.DirectorySeparatorChar + branch + "/" + name;
                    using (var file = new FileStream(path, FileMode.CreateNew))
                    {
                        file.Write(package);
                        file.Flush(flushToDisk: true);
                    }

                    Fsync.Directory(_inbox + Path.DirectorySeparatorChar + branch);
                }
            }
            """);

    [Fact]
    public Task Nested_types_are_checked_once_as_their_own_and_their_containers_intent_says() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class Host
            {
                public sealed class SegmentStore
                {
                    public void Roll(string dir)
                    {
                        using var stream = {|#0:File.Create(Path.Combine(dir, "1.seg"))|};
                    }
                }

                public void Export(string dir) => File.WriteAllText(Path.Combine(dir, "report.txt"), "");
            }

            class JournalStore
            {
                public sealed class Writer
                {
                    public void Roll(string dir)
                    {
                        using var stream = {|#1:File.Create(Path.Combine(dir, "2.seg"))|};
                    }
                }
            }
            """,
            UnsyncedDirectoryEntryTests.Created(0, "'Path.Combine(dir, \"1.seg\")'", "'dir'"),
            UnsyncedDirectoryEntryTests.Created(1, "'Path.Combine(dir, \"2.seg\")'", "'dir'"));

    [Fact]
    public Task A_directory_fsynced_through_opendir_and_dirfd_counts() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Runtime.InteropServices;

            static class ContainingDirectory
            {
                public static void Flush(string filePath)
                {
                    var stream = OpenDirectory(Path.GetDirectoryName(Path.GetFullPath(filePath))!);
                    if (stream == IntPtr.Zero)
                    {
                        throw new IOException("cannot open the directory");
                    }

                    try
                    {
                        if (Fsync(DirectoryDescriptor(stream)) != 0)
                        {
                            throw new IOException("cannot persist the directory");
                        }
                    }
                    finally
                    {
                        CloseDirectory(stream);
                    }
                }

                [DllImport("libc", EntryPoint = "opendir", SetLastError = true)]
                private static extern IntPtr OpenDirectory(string path);

                [DllImport("libc", EntryPoint = "dirfd", SetLastError = true)]
                private static extern int DirectoryDescriptor(IntPtr stream);

                [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
                private static extern int Fsync(int descriptor);

                [DllImport("libc", EntryPoint = "closedir")]
                private static extern int CloseDirectory(IntPtr stream);
            }

            class WalletStore
            {
                public void Save(string path, byte[] wallet)
                {
                    var staged = path + ".new";
                    using (var file = new FileStream(staged, FileMode.Create))
                    {
                        file.Write(wallet);
                        file.Flush(flushToDisk: true);
                    }

                    File.Move(staged, path, overwrite: true);
                    ContainingDirectory.Flush(path);
                }
            }
            """);

    [Fact]
    public Task A_read_handle_opened_OpenOrCreate_creates_nothing_that_must_survive() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentDevice
            {
                public FileStream OpenForRead(string segment) =>
                    new FileStream(segment, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite, 512, FileOptions.Asynchronous);

                public FileStream OpenForWrite(string segment) =>
                    {|#0:new FileStream(segment, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite, 512, FileOptions.WriteThrough)|};
            }
            """,
            Created(0, "'segment'", "the directory of 'segment'"));

    [Fact]
    public Task Windows_only_code_has_no_directory_to_fsync() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Runtime.Versioning;

            [SupportedOSPlatform("windows")]
            sealed class WindowsPageStore
            {
                public void Write(string page, byte[] data)
                {
                    using var file = new FileStream(page, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
                    file.Write(data);
                }
            }

            sealed class PageStore
            {
                [SupportedOSPlatform("windows10.0")]
                public void WriteOnWindows(string page) => File.Move(page + ".tmp", page, overwrite: true);

                public void Publish(string page)
                {
                    if (OperatingSystem.IsWindows())
                    {
                        File.Move(page + ".tmp", page, overwrite: true);
                    }
                    else
                    {
                        {|#0:File.Move(page + ".tmp", page, overwrite: true)|};
                    }
                }
            }
            """,
            Renamed(0, "'page + \".tmp\"'", "'page'", "the directory of 'page'"));

    [Fact]
    public Task A_file_a_lambda_fills_at_the_path_its_receiver_names_is_the_receivers() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            static class SafeStore
            {
                public static void SaveText(string path, string text) => Write(path, staged => File.WriteAllText(staged, text));

                private static void Write(string path, Action<string> fill)
                {
                    var staged = path + ".new";
                    fill(staged);
                    using (var file = new FileStream(staged, FileMode.Open, FileAccess.ReadWrite)) { file.Flush(flushToDisk: true); }
                    {|#0:File.Move(staged, path, overwrite: true)|};
                }
            }
            """,
            Renamed(0, "'staged'", "'path'", "the directory of 'path'"));

    [Fact]
    public Task A_safe_save_that_keeps_a_backup_is_checked_whatever_its_type_is_called() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public class SettingsFile
            {
                private readonly string _path;

                public SettingsFile(string path) => _path = path;

                public void Save(string json)
                {
                    var previous = _path + ".old";
                    if (File.Exists(_path))
                    {
                        File.Move(_path, previous, overwrite: true);
                    }

                    {|#0:File.WriteAllText(_path, json)|};
                    File.Delete(previous);
                }
            }

            public class SafeIoManager
            {
                public SafeIoManager(string filePath)
                {
                    FilePath = filePath;
                    OldFilePath = filePath + ".old";
                    NewFilePath = filePath + ".new";
                }

                public string FilePath { get; }

                public string OldFilePath { get; }

                public string NewFilePath { get; }

                public void WriteAllText(string text)
                {
                    File.WriteAllText(NewFilePath, text);
                    MoveNewToOriginal();
                }

                private void MoveNewToOriginal()
                {
                    if (File.Exists(FilePath))
                    {
                        {|#2:File.Move(FilePath, OldFilePath)|};
                    }

                    {|#1:File.Move(NewFilePath, FilePath)|};
                    File.Delete(OldFilePath);
                }
            }
            """,
            Created(0, "'_path'", "the directory of '_path'"),
            Renamed(1, "'NewFilePath'", "'FilePath'", "the directories of 'FilePath' and 'NewFilePath'"),
            Verifier.Diagnostic(RuleCatalog.MovedAsideBeforeReplacingRename).WithLocation(2).WithArguments("'FilePath'", "'NewFilePath'", "'OldFilePath'"));

    [Fact]
    public Task Outside_storage_code_renames_without_a_backup_or_a_synced_safe_save_are_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            public class SettingsFile
            {
                private readonly string _path;

                public SettingsFile(string path) => _path = path;

                public void Save(string json)
                {
                    var previous = _path + ".old";
                    File.Move(_path, previous, overwrite: true);
                    File.WriteAllText(_path, json);
                    Fsync.ParentDirectory(_path);
                    File.Delete(previous);
                }
            }

            public class DownloadFolder
            {
                private readonly string _path;

                public DownloadFolder(string path) => _path = path;

                public void Publish(string staged) => File.Move(staged, _path, overwrite: true);

                // An archive moved aside and nothing put in its place.
                public void Archive() => File.Move(_path, _path + ".old");
            }
            """);

    [Fact]
    public Task A_replace_written_as_delete_then_move_is_checked_whatever_its_type_is_called() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public class FileBackend
            {
                public void Put(string staged, string target)
                {
                    if (File.Exists(target))
                    {
                        {|#2:File.Delete(target)|};
                    }

                    {|#0:File.Move(staged, target)|};
                }
            }

            public static class FileUtility
            {
                public static void Replace(string source, string destination)
                {
                    {|#3:Delete(destination)|};
                    {|#1:Move(source, destination)|};
                }

                public static void Delete(string path) => File.Delete(path);

                public static void Move(string source, string destination) => File.Move(source, destination);
            }
            """,
            Renamed(0, "'staged'", "'target'", "the directories of 'target' and 'staged'"),
            Renamed(1, "'source'", "'destination'", "the directories of 'destination' and 'source'"),
            DeletedBeforeRenameTests.DeletedFirst(2, "'target'", "'staged'"),
            DeletedBeforeRenameTests.DeletedFirst(3, "'destination'", "'source'"));

    [Fact]
    public Task Outside_storage_code_a_delete_then_create_or_of_another_file_is_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public class AssetFolder
            {
                public void Rewrite(string target, string text)
                {
                    File.Delete(target);
                    File.WriteAllText(target, text);
                }

                public void Rotate(string current, string archived, string oldest)
                {
                    File.Delete(oldest);
                    File.Move(current, archived);
                }
            }
            """);

    [Fact]
    public Task Probe_files_deleted_at_once_and_temp_folders_are_not_meant_to_survive() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class StorageOptions
            {
                public string PickTempPath(string basePath)
                {
                    var tempPath = Path.Combine(basePath, "Temp");
                    Directory.CreateDirectory(tempPath);

                    // Whether the folder can be written to: a file is created and removed at once.
                    var probe = Path.Combine(tempPath, Guid.NewGuid().ToString());
                    File.Create(probe, 1024).Dispose();
                    File.Delete(probe);
                    return tempPath;
                }
            }
            """);

    [Fact]
    public Task A_file_made_again_in_one_branch_and_deleted_in_another_is_still_a_creation() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class RollbackStore
            {
                private FileStream _rollback = null!;

                public void Reset(string path, bool oversized, bool done)
                {
                    if (oversized)
                    {
                        _rollback.Dispose();
                        File.Delete(path + ".rol");
                        _rollback = {|#0:new FileStream(path + ".rol", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.WriteThrough)|};
                        return;
                    }

                    if (done)
                    {
                        File.Delete(path + ".rol");
                    }
                }
            }
            """,
            Created(0, "'path + \".rol\"'", "the directory of 'path + \".rol\"'"));

    [Fact]
    public Task A_file_whose_path_the_method_hands_back_is_the_callers_to_publish() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class ReplicationOutbox
            {
                private readonly string _folder = "outbox";

                // The caller reads the package back and sends it, or renames it into place: its entry matters there.
                public string BuildPackage(int number, byte[] items)
                {
                    var path = Path.Combine(_folder, number.ToString("0000000000") + ".pkg");
                    using (var package = new FileStream(path, FileMode.CreateNew))
                    {
                        package.Write(items);
                        package.Flush(true);
                    }

                    return path;
                }

                public void KeepPackage(int number, byte[] items)
                {
                    var path = Path.Combine(_folder, number.ToString("0000000000") + ".pkg");
                    using (var package = {|#0:new FileStream(path, FileMode.CreateNew)|})
                    {
                        package.Write(items);
                        package.Flush(true);
                    }
                }
            }
            """,
            Created(0, "'path'", "the directory of 'path'"));

    [Fact]
    public Task A_record_file_whose_path_is_handed_back_is_still_checked_when_its_type_lists_such_files_at_start() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;

            // A mail spool: each message a file, loaded again by listing "*.eml" at start.
            class MessageRepository
            {
                private const string SearchPattern = "*.eml";
                private readonly string[] _loadPaths = { "incoming" };
                private readonly string _savePath = "incoming";

                public IList<string> LoadMessages() => _loadPaths.SelectMany(p => Directory.GetFiles(p, SearchPattern)).ToList();

                public string SaveMessage(byte[] message)
                {
                    string fileName = null;
                    try
                    {
                        fileName = Path.Combine(_savePath, $"{DateTime.UtcNow.Ticks}-{Guid.NewGuid():N}.eml");
                        using (var stream = {|#0:File.Create(fileName)|})
                        {
                            stream.Write(message);
                            stream.Flush(true);
                        }
                    }
                    catch (IOException)
                    {
                    }

                    return fileName;
                }

                // Another extension than the listing's: a draft the caller publishes.
                public string SaveDraft(byte[] message)
                {
                    var path = Path.Combine(_savePath, Guid.NewGuid().ToString("N") + ".draft");
                    using (var stream = File.Create(path))
                    {
                        stream.Write(message);
                        stream.Flush(true);
                    }

                    return path;
                }
            }

            // Lists only to clean up what it finds: its listing recovers nothing.
            class ExportSpool
            {
                private readonly string _folder = "spool";

                public void Purge()
                {
                    foreach (var file in Directory.GetFiles(_folder, "*.pkg"))
                    {
                        File.Delete(file);
                    }
                }

                public string Build(byte[] items)
                {
                    var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".pkg");
                    using (var package = new FileStream(path, FileMode.CreateNew))
                    {
                        package.Write(items);
                        package.Flush(true);
                    }

                    return path;
                }
            }
            """,
            Created(0, "'fileName'", "the directory of 'fileName'"));

    [Fact]
    public Task An_xml_document_saved_to_a_new_path_creates_it_and_run_together_auxiliary_names_stay_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Xml.Linq;

            class PackageRepository
            {
                public void Create(string folder, XDocument packages) => {|#0:packages.Save(Path.Combine(folder, "packages.config"))|};

                // Names written as one word still say what the file is: a lock, a backup.
                public void TakeLock(string lockfile) => File.WriteAllText(lockfile, "owner");

                public void KeepBackup(string source, string backupfile) => File.Copy(source, backupfile, overwrite: true);
            }
            """,
            Created(0, "'Path.Combine(folder, \"packages.config\")'", "'folder'"));

    [Fact]
    public Task A_data_set_written_as_xml_to_a_new_path_creates_it_and_its_xml_text_does_not() =>
        Verifier.AnalyzerAsync("""
            using System.Data;
            using System.IO;

            class DomainStorage
            {
                public void Create(string folder, DataSet domains) => {|#0:domains.WriteXml(Path.Combine(folder, "Domains.xml"))|};

                public void Send(DataSet domains, TextWriter output) => domains.WriteXml(output);
            }
            """,
            Created(0, "'Path.Combine(folder, \"Domains.xml\")'", "'folder'"));

    [Fact]
    public Task A_partial_type_is_storage_code_only_in_the_files_whose_code_shows_it()
    {
        var test = new AnalyzerTest<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer>();
        test.Sources.Add("""
            using System.IO;

            partial class CommandHost
            {
                public void DumpBlocks(string path, byte[] blocks)
                {
                    using var dump = {|#0:new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough)|};
                    dump.Write(blocks);
                }
            }
            """);
        test.Sources.Add("""
            using System.IO;

            partial class CommandHost
            {
                public void ListAddresses(string path, string[] addresses) => File.WriteAllLines(path, addresses);
            }
            """);
        test.ExpectedDiagnostics.Add(Created(0, "'path'", "the directory of 'path'"));
        return test.RunAsync();
    }

    [Fact]
    public Task Backups_are_the_data_of_a_type_that_makes_them_and_restores_from_them() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            // The store lives in memory; its backup on disk is the only copy a restart recovers from.
            class MessageStoreBackupRestore
            {
                private readonly string _backupPath = "backup";

                public void Backup(byte[] messages) => {|#0:File.WriteAllBytes(Path.Combine(_backupPath, "messages.bin"), messages)|};

                public byte[] Restore() => File.ReadAllBytes(Path.Combine(_backupPath, "messages.bin"));
            }

            // A copy kept beside the live database, which stays the data: a backup only.
            class DatabaseBackupStore
            {
                public void Backup(string database) => File.Copy(database, database + ".bak", overwrite: true);

                public void KeepBackup(string backupPath, byte[] pages) => File.WriteAllBytes(backupPath, pages);
            }
            """,
            Created(0, "'Path.Combine(_backupPath, \"messages.bin\")'", "'_backupPath'"));

    [Fact]
    public Task A_type_that_takes_a_flush_to_disk_flag_keeps_data_whatever_it_is_called() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Threading.Tasks;

            // A time-series chunk writer: its callers ask it to reach the disk, so the file it creates is data.
            sealed class ByteWriter
            {
                private readonly FileStream _file;

                public ByteWriter(string fileName) => _file = {|#0:new FileStream(fileName, FileMode.Append, FileAccess.Write)|};

                public void Write(byte[] bytes) => _file.Write(bytes);

                public void Flush(bool flushToDisk) => _file.Flush(flushToDisk);
            }

            // The same without the flag: a writer of no declared durability, not checked.
            sealed class TextDumper
            {
                private readonly FileStream _file;

                public TextDumper(string fileName) => _file = new FileStream(fileName, FileMode.Append, FileAccess.Write);

                public void Write(byte[] bytes) => _file.Write(bytes);

                public void Flush() => _file.Flush();
            }
            """,
            Created(0, "'fileName'", "the directory of 'fileName'"));

    [Fact]
    public Task A_type_keeping_its_files_open_and_offering_a_flush_to_disk_keeps_data_whatever_it_is_called() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            // A collection's writer: the files it opens and offers to flush to disk are the collection.
            sealed class CollectionWriter
            {
                private readonly FileStream _data;

                public CollectionWriter(string name) => _data = {|#0:new FileStream(name + ".dat", FileMode.OpenOrCreate)|};

                public void Write(byte[] row) => _data.Write(row);

                public void FlushToDisk() => _data.Flush(flushToDisk: true);
            }

            // Offers a save to disk but keeps no file open: its one save is whole, the type is no store.
            sealed class ExportDialog
            {
                public void SaveToDisk(string name, byte[] image)
                {
                    using var file = new FileStream(name + ".png", FileMode.Create);
                    file.Write(image);
                }
            }
            """,
            Created(0, "'name + \".dat\"'", "the directory of 'name + \".dat\"'"));

    [Fact]
    public Task A_type_holding_an_object_whose_class_fsyncs_works_the_engines_files_whatever_its_name() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            namespace Tree.Core.Engine
            {
                internal sealed class WalWriter
                {
                    private readonly FileStream _file;

                    public WalWriter(FileStream file) => _file = file;

                    public void Flush() => _file.Flush(flushToDisk: true);
                }

                internal sealed class Settings
                {
                    public string DataFilePath = "tree.db";
                }

                internal interface IJournal
                {
                    void Flush();
                }

                internal sealed class Compactor
                {
                    private readonly WalWriter _wal;
                    private readonly Settings _settings = new();

                    public Compactor(WalWriter wal) => _wal = wal;

                    public void Compact(string compactPath)
                    {
                        _wal.Flush();
                        {|#0:File.Move(compactPath, _settings.DataFilePath, overwrite: true)|};
                    }
                }

                internal sealed class Reorganizer
                {
                    private readonly Settings _settings = new();
                    private readonly IJournal _journal;

                    public Reorganizer(IJournal journal) => _journal = journal;

                    public void Reorganize(string movedPath)
                    {
                        _journal.Flush();
                        File.Move(movedPath, _settings.DataFilePath + ".moved", overwrite: true);
                    }
                }
            }
            """,
            UnsyncedDirectoryEntryTests.Renamed(0, "'compactPath'", "'_settings.DataFilePath'", "the directories of '_settings.DataFilePath' and 'compactPath'"));
}
