using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer, Durability.CodeFixes.UnsyncedDirectoryEntryCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR002;

/// <summary>DUR002 must flag: creations, renames and deletions whose parent directory is not fsynced afterwards on every path.</summary>
public sealed class UnsyncedDirectoryEntryTests
{
    internal static DiagnosticResult Created(int location, string path, string directory) =>
        Verifier.Diagnostic(RuleCatalog.UnsyncedCreation).WithLocation(location).WithArguments(path, directory);

    internal static DiagnosticResult Renamed(int location, string source, string destination, string directory) =>
        Verifier.Diagnostic(RuleCatalog.UnsyncedRename).WithLocation(location).WithArguments(source, destination, directory);

    internal static DiagnosticResult Deleted(int location, string path, string directory) =>
        Verifier.Diagnostic(RuleCatalog.UnsyncedDeletion).WithLocation(location).WithArguments(path, directory);

    [Fact]
    public Task Wal_rotation_to_a_new_segment_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentedWal
            {
                private readonly string _directory = "wal";
                private FileStream _segment = null!;
                private int _number;

                public void Rotate()
                {
                    _segment.Flush(flushToDisk: true);
                    _segment.Dispose();
                    _number++;
                    _segment = {|#0:new FileStream(Path.Combine(_directory, $"{_number:D8}.wal"), FileMode.CreateNew)|};
                }
            }
            """,
            Created(0, "'Path.Combine(_directory, $\"{_number:D8}.wal\")'", "'_directory'"));

    [Fact]
    public Task Atomic_rename_without_a_directory_sync_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            static class CheckpointStore
            {
                public static void Save(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    using (var file = new FileStream(tmp, FileMode.Create))
                    {
                        file.Write(state);
                        file.Flush(flushToDisk: true);
                    }

                    {|#0:File.Move(tmp, path, overwrite: true)|};
                }
            }
            """,
            Renamed(0, "'tmp'", "'path'", "the directory of 'path'"));

    [Fact]
    public Task Deleting_old_segments_after_a_checkpoint_is_flagged() =>
        Verifier.ConfiguredAnalyzerAsync(DeletionReporting.EditorConfig, """
            using System.IO;

            class LogTruncation
            {
                public void DeleteBefore(string[] segments, FileInfo manifest)
                {
                    foreach (var segment in segments)
                    {
                        {|#0:File.Delete(segment)|};
                    }

                    {|#1:manifest.Delete()|};
                }
            }
            """,
            Deleted(0, "'segment'", "the directory of 'segment'"),
            Deleted(1, "'manifest'", "the directory of 'manifest'"));

    [Fact]
    public Task Every_kind_of_creation_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SSTableWriter
            {
                public void Write(string a, string b, string c, string d, FileInfo info, string f, string g, string p, byte[] bytes, FileMode mode, string h, FileInfo other)
                {
                    {|#7:File.OpenWrite(h)|}.Dispose();
                    {|#8:other.OpenWrite()|}.Dispose();
                    {|#0:File.Create(a)|}.Dispose();
                    {|#1:File.WriteAllBytes(b, bytes)|};
                    {|#2:File.Open(c, FileMode.OpenOrCreate)|}.Dispose();
                    {|#3:File.OpenHandle(d, mode, FileAccess.Write)|}.Dispose();
                    {|#4:info.Open(FileMode.CreateNew)|}.Dispose();
                    {|#5:new StreamWriter(f, append: true)|}.Dispose();
                    {|#6:new FileStream(g, FileMode.Append)|}.Dispose();
                    File.Open(p, FileMode.Open).Dispose();
                    new FileStream(p, FileMode.Truncate).Dispose();
                    File.OpenRead(p).Dispose();

                    // Read access (OpenHandle's default) can only create an empty file, which nothing needs to survive.
                    File.OpenHandle(p, mode).Dispose();
                }
            }
            """,
            Created(0, "'a'", "the directory of 'a'"),
            Created(1, "'b'", "the directory of 'b'"),
            Created(2, "'c'", "the directory of 'c'"),
            Created(3, "'d'", "the directory of 'd'"),
            Created(4, "'info'", "the directory of 'info'"),
            Created(5, "'f'", "the directory of 'f'"),
            Created(6, "'g'", "the directory of 'g'"),
            Created(7, "'h'", "the directory of 'h'"),
            Created(8, "'other'", "the directory of 'other'"));

    [Fact]
    public Task A_stream_type_of_the_projects_own_is_a_creation_too() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class JournalWriter : StreamWriter
            {
                public JournalWriter(string path) : base(path) { }
            }

            class ChecksummedJournalWriter : JournalWriter
            {
                public ChecksummedJournalWriter(string path) : base(path) { }
            }

            class JournalStore
            {
                public JournalWriter Open(string path) => {|#0:new JournalWriter(path)|};

                public JournalWriter OpenChecked(string path)
                {
                    var writer = {|#1:new ChecksummedJournalWriter(path)|};
                    return writer;
                }
            }
            """,
            Created(0, "'path'", "the directory of 'path'"),
            Created(1, "'path'", "the directory of 'path'"));

    [Fact]
    public Task A_stream_type_of_the_projects_own_named_through_an_alias_or_a_qualified_name_is_a_creation_too() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Log = System.IO.FileStream;

            class PaddedFile : Log
            {
                public PaddedFile(string path) : base(path, FileMode.Append) { }
            }

            class AlignedFile : global::System.IO.FileStream
            {
                public AlignedFile(string path) : base(path, FileMode.Append) { }
            }

            class SegmentCatalog
            {
                public PaddedFile AddSegment(string path) => {|#0:new PaddedFile(path)|};

                public AlignedFile AddIndex(string path) => {|#1:new AlignedFile(path)|};
            }
            """,
            Created(0, "'path'", "the directory of 'path'"),
            Created(1, "'path'", "the directory of 'path'"));

    [Fact]
    public Task Rename_between_directories_needs_both_synced() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class SegmentArchive
            {
                public void Archive(string segment, string archiveDirectory)
                {
                    var target = Path.Combine(archiveDirectory, Path.GetFileName(segment));
                    {|#0:File.Move(segment, target)|};
                    Fsync.Directory(archiveDirectory);
                }

                public void MoveStore(string from, string to)
                {
                    {|#1:Directory.Move(from, to)|};
                }
            }
            """,
            Renamed(0, "'segment'", "'target'", "the directory of 'segment'"),
            Renamed(1, "'from'", "'to'", "the directories of 'to' and 'from'"));

    [Fact]
    public Task A_sync_on_only_one_branch_or_after_an_early_return_does_not_count() =>
        Verifier.ConfiguredAnalyzerAsync(DeletionReporting.EditorConfig, """
            using System.IO;
            using Durability.Runtime;

            class ManifestStore
            {
                private readonly bool _durable;

                public void Replace(string tmp, string path, bool skip)
                {
                    {|#0:File.Move(tmp, path, true)|};
                    if (_durable)
                    {
                        Fsync.ParentDirectory(path);
                    }
                }

                public void Remove(string path, bool skip)
                {
                    {|#1:File.Delete(path)|};
                    if (skip)
                    {
                        return;
                    }

                    Fsync.ParentDirectory(path);
                }
            }
            """,
            Renamed(0, "'tmp'", "'path'", "the directories of 'path' and 'tmp'"),
            Deleted(1, "'path'", "the directory of 'path'"));

    [Fact]
    public Task A_sync_of_another_directory_does_not_count() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class TableStore
            {
                public void Create(string dataDirectory, string indexDirectory)
                {
                    {|#0:File.Create(Path.Combine(dataDirectory, "t.sst"))|}.Dispose();
                    Fsync.Directory(indexDirectory);
                }
            }
            """,
            Created(0, "'Path.Combine(dataDirectory, \"t.sst\")'", "'dataDirectory'"));

    [Fact]
    public Task A_folder_created_to_hold_new_files_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class IndexFile
            {
                private readonly FileStream _file;

                public IndexFile(string filename)
                {
                    var folder = Path.GetDirectoryName(filename)!;
                    {|#0:Directory.CreateDirectory(folder)|};
                    _file = {|#2:File.Open(filename, FileMode.OpenOrCreate, FileAccess.ReadWrite)|};
                }

                public void Archive(string dir, string[] segments)
                {
                    var old = new DirectoryInfo(Path.Combine(dir, "old"));
                    {|#1:old.Create()|};
                    foreach (var segment in segments)
                    {
                        File.Move(Path.Combine(dir, segment), Path.Combine(old.FullName, segment));
                        Durability.Runtime.Fsync.Directory(old.FullName);
                        Durability.Runtime.Fsync.Directory(dir);
                    }
                }
            }
            """,
            CreatedFolder(0, "'folder'", "the directory of 'folder'"),
            CreatedFolder(1, "'old'", "the directory of 'old'"),
            Created(2, "'filename'", "the directory of 'filename'"));

    [Fact]
    public Task A_folder_created_and_filled_through_the_types_path_helpers_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class FileEventStore
            {
                private readonly string _root = "events";

                private string StreamDirectory(string id) => Path.Combine(_root, id);

                private string EventPath(string id, int version) => Path.Combine(StreamDirectory(id), version + ".json");

                private string Root(string key) => Path.Combine(_root, key);

                public void Append(string id, int version, byte[] data)
                {
                    var directory = StreamDirectory(id);
                    {|#0:Directory.CreateDirectory(directory)|};
                    using var file = {|#1:new FileStream(EventPath(id, version), FileMode.CreateNew)|};
                    file.Write(data);
                }

                public void Put(string key, byte[] value)
                {
                    var folder = Path.GetDirectoryName(key);
                    if (folder != "" && !Directory.Exists(Root(folder)))
                    {
                        {|#2:Directory.CreateDirectory(Root(folder))|};
                    }

                    {|#3:File.WriteAllBytes(Root(key), value)|};
                }
            }
            """,
            CreatedFolder(0, "'directory'", "the directory of 'directory'"),
            Created(1, "'EventPath(id, version)'", "the directory of 'EventPath(id, version)'"),
            CreatedFolder(2, "'Root(folder)'", "the directory of 'Root(folder)'"),
            Created(3, "'Root(key)'", "the directory of 'Root(key)'"));

    [Fact]
    public Task A_folder_made_by_a_path_helper_for_another_key_than_the_file_it_is_filled_with_only_ensures_it_exists() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class FileEventStore
            {
                private readonly string _root = "events";

                private string StreamDirectory(string id) => Path.Combine(_root, id);

                private string EventPath(string id, int version) => Path.Combine(StreamDirectory(id), version + ".json");

                private string Root(string key) => Path.Combine(_root, key);

                public void Copy(string id, string other, int version, byte[] data)
                {
                    Directory.CreateDirectory(StreamDirectory(other));
                    using var file = {|#0:new FileStream(EventPath(id, version), FileMode.CreateNew)|};
                    file.Write(data);
                }

                public void Put(string key, string otherKey, byte[] value)
                {
                    Directory.CreateDirectory(Root(Path.GetDirectoryName(otherKey)!));
                    {|#1:File.WriteAllBytes(Root(key), value)|};
                }
            }
            """,
            Created(0, "'EventPath(id, version)'", "the directory of 'EventPath(id, version)'"),
            Created(1, "'Root(key)'", "the directory of 'Root(key)'"));

    [Fact]
    public Task A_directory_sync_under_a_test_that_its_directory_is_there_counts_and_one_under_another_test_does_not() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            static class DurableFileOperations
            {
                public static bool SyncEnabled { get; set; }

                public static void Publish(string path)
                {
                    var temp = path + ".tmp";
                    File.Move(temp, path, true);
                    var directory = Path.GetDirectoryName(path);
                    if (!string.IsNullOrEmpty(directory))
                    {
                        Durability.Runtime.Fsync.Directory(directory);
                    }
                }

                public static void PublishChecked(string path)
                {
                    var temp = path + ".tmp";
                    File.Move(temp, path, true);
                    var directory = Path.GetDirectoryName(path);
                    if (directory is not null) Durability.Runtime.Fsync.Directory(directory);
                }

                public static void PublishWhenEnabled(string path)
                {
                    var temp = path + ".tmp";
                    {|#0:File.Move(temp, path, true)|};
                    var directory = Path.GetDirectoryName(path);
                    if (SyncEnabled && directory != null)
                    {
                        Durability.Runtime.Fsync.Directory(directory);
                    }
                }
            }
            """,
            Renamed(0, "'temp'", "'path'", "the directory of 'path'"));

    [Fact]
    public Task Paths_named_through_computed_properties_are_read_through_their_expressions() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            public sealed class LogDatabase : IDisposable
            {
                private readonly string _directory;
                private FileStream _log;

                public LogDatabase(string filePath)
                {
                    FilePath = filePath;
                    _directory = Path.GetDirectoryName(filePath)!;
                }

                public string FilePath { get; }

                public string DirectoryPath => Path.GetDirectoryName(FilePath) ?? throw new InvalidOperationException("no directory");

                private string LogPath
                {
                    get { return Path.Combine(_directory, "wal.log"); }
                }

                public void Open()
                {
                    if (!Directory.Exists(DirectoryPath))
                    {
                        {|#0:Directory.CreateDirectory(DirectoryPath)|};
                    }

                    _log = {|#1:new FileStream(FilePath, FileMode.OpenOrCreate)|};
                }

                public void StartLog()
                {
                    _log = new FileStream(LogPath, FileMode.CreateNew);
                    Durability.Runtime.Fsync.Directory(_directory);
                }

                public void Append(byte[] record)
                {
                    _log.Write(record, 0, record.Length);
                    _log.Flush(flushToDisk: true);
                }

                public void Dispose() => _log.Dispose();
            }
            """,
            CreatedFolder(0, "'DirectoryPath'", "the directory of 'DirectoryPath'"),
            Created(1, "'FilePath'", "the directory of 'FilePath'"));

    [Fact]
    public Task A_file_moved_to_a_name_built_from_an_error_constant_is_a_dead_letter_and_one_moved_to_the_ready_name_is_not() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            sealed class FileQueue
            {
                private const string ErrorExtension = ".err";
                private const string ReadyExtension = ".item";

                public void Fail(string item) => File.Move(item, Path.ChangeExtension(item, ErrorExtension));

                public void Release(string item) => {|#0:File.Move(item, Path.ChangeExtension(item, ReadyExtension))|};
            }
            """,
            Renamed(0, "'item'", "'Path.ChangeExtension(item, ReadyExtension)'", "the directory of 'Path.ChangeExtension(item, ReadyExtension)'"));

    [Fact]
    public Task A_directory_fsync_whose_descriptor_comes_from_an_opening_helper_syncs_that_directory_and_not_its_parent() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Runtime.InteropServices;

            static class DurableFileOperations
            {
                [DllImport("libc", EntryPoint = "open", SetLastError = true)]
                private static extern int Open(string path, int flags);

                [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
                private static extern int Fsync(int fd);

                [DllImport("libc", EntryPoint = "close", SetLastError = true)]
                private static extern int Close(int fd);

                public static void WriteAtomically(string filePath, byte[] contents)
                {
                    var directory = Path.GetDirectoryName(filePath);
                    if (!string.IsNullOrEmpty(directory))
                    {
                        {|#0:Directory.CreateDirectory(directory)|};
                    }

                    var tempPath = filePath + ".tmp-" + Guid.NewGuid().ToString("N");
                    using (var stream = new FileStream(tempPath, FileMode.CreateNew))
                    {
                        stream.Write(contents, 0, contents.Length);
                        stream.Flush(flushToDisk: true);
                    }

                    File.Move(tempPath, filePath, true);
                    if (!string.IsNullOrEmpty(directory))
                    {
                        FsyncDirectory(directory);
                    }
                }

                private static void FsyncDirectory(string directoryPath)
                {
                    var fd = OpenDirectory(directoryPath);
                    try
                    {
                        if (Fsync(fd) != 0)
                        {
                            throw new IOException("fsync failed: " + Marshal.GetLastWin32Error());
                        }
                    }
                    finally
                    {
                        _ = Close(fd);
                    }
                }

                private static int OpenDirectory(string directoryPath)
                {
                    var fd = Open(directoryPath, 0);
                    if (fd < 0)
                    {
                        throw new IOException("open failed: " + Marshal.GetLastWin32Error());
                    }

                    return fd;
                }
            }
            """,
            CreatedFolder(0, "'directory'", "the directory of 'directory'"));

    [Fact]
    public Task An_xml_writer_opened_on_a_new_path_creates_the_file() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.Text;
            using System.Xml;

            sealed class AtomFeedStore
            {
                private readonly string _directory = "feeds";

                public void WritePage(string id, string xml)
                {
                    var fileName = Path.Combine(_directory, id + ".xml");
                    using (var writer = {|#0:XmlWriter.Create(fileName)|})
                    {
                        writer.WriteRaw(xml);
                        writer.Flush();
                    }

                    Durability.Runtime.Fsync.File(fileName);
                }

                public void WriteIndex(string xml)
                {
                    var fileName = Path.Combine(_directory, "index.xml");
                    using (var writer = {|#1:new XmlTextWriter(fileName, Encoding.UTF8)|})
                    {
                        writer.WriteRaw(xml);
                        writer.Flush();
                    }

                    Durability.Runtime.Fsync.File(fileName);
                }
            }
            """,
            new[] { Created(0, "'fileName'", "the directory of 'fileName'"), Created(1, "'fileName'", "the directory of 'fileName'") },
            """
            using System.IO;
            using System.Text;
            using System.Xml;
            using Durability.Runtime;

            sealed class AtomFeedStore
            {
                private readonly string _directory = "feeds";

                public void WritePage(string id, string xml)
                {
                    var fileName = Path.Combine(_directory, id + ".xml");
                    using (var writer = XmlWriter.Create(fileName))
                    {
                        writer.WriteRaw(xml);
                        writer.Flush();
                    }

                    Fsync.ParentDirectory(fileName);

                    Durability.Runtime.Fsync.File(fileName);
                }

                public void WriteIndex(string xml)
                {
                    var fileName = Path.Combine(_directory, "index.xml");
                    using (var writer = new XmlTextWriter(fileName, Encoding.UTF8))
                    {
                        writer.WriteRaw(xml);
                        writer.Flush();
                    }

                    Fsync.ParentDirectory(fileName);

                    Durability.Runtime.Fsync.File(fileName);
                }
            }
            """);

    [Fact]
    public Task A_folder_created_through_a_null_conditional_call_is_read_as_the_folder_it_names() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            sealed class MeasurementStore
            {
                public void Append(string path, byte[] data)
                {
                    var info = new FileInfo(path);
                    if (!info.Directory?.Exists ?? false)
                    {
                        {|#0:info.Directory?.Create()|};
                    }

                    using (var stream = {|#1:new FileStream(path, FileMode.Append)|})
                    {
                        stream.Write(data, 0, data.Length);
                        stream.Flush(flushToDisk: true);
                    }
                }
            }
            """,
            CreatedFolder(0, "'info.Directory'", "the directory of 'info.Directory'"),
            Created(1, "'path'", "the directory of 'path'"));

    [Fact]
    public Task A_segment_named_dir_separator_number_extension_lies_in_dir() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            sealed class SegmentLog
            {
                private readonly string _dir = "segments";
                private readonly string _archive = "archive";

                public FileStream Roll(long segment)
                {
                    var stream = new FileStream(_dir + "/" + segment + ".log", FileMode.CreateNew);
                    Durability.Runtime.Fsync.Directory(_dir);
                    return stream;
                }

                public FileStream RollIntoArchive(long segment)
                {
                    var stream = {|#0:new FileStream(_archive + Path.DirectorySeparatorChar + segment + ".log", FileMode.CreateNew)|};
                    Durability.Runtime.Fsync.Directory(_dir);
                    return stream;
                }
            }
            """,
            Created(0, "'_archive + Path.DirectorySeparatorChar + segment + \".log\"'", "the directory of '_archive + Path.DirectorySeparatorChar + segment + \".log\"'"));

    [Fact]
    public Task A_folder_filled_through_a_constructor_that_creates_the_file_it_is_given_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            sealed class DataFile
            {
                private readonly FileStream _stream;

                public DataFile(string path, bool create)
                {
                    _stream = new FileStream(path, create ? FileMode.OpenOrCreate : FileMode.Open);
                    Durability.Runtime.Fsync.ParentDirectory(path);
                }

                public void Append(byte[] record)
                {
                    _stream.Write(record, 0, record.Length);
                    _stream.Flush(flushToDisk: true);
                }
            }

            sealed class ArchiveReader
            {
                public ArchiveReader(string path) => Length = new FileInfo(path).Length;

                public long Length { get; }
            }

            sealed class Database
            {
                private DataFile _active;
                private ArchiveReader _archive;

                public void Open(string path)
                {
                    if (!Directory.Exists(path))
                    {
                        {|#0:Directory.CreateDirectory(path)|};
                    }

                    _active = new DataFile(Path.Combine(path, "active.db"), create: true);
                }

                public void OpenArchive(string path)
                {
                    Directory.CreateDirectory(path);
                    _archive = new ArchiveReader(Path.Combine(path, "archive.db"));
                }
            }
            """,
            CreatedFolder(0, "'path'", "the directory of 'path'"));

    [Fact]
    public Task A_temp_renamed_under_a_test_of_its_existence_by_the_method_that_writes_it_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class ManifestStore
            {
                private const string ManifestPath = "db/manifest.xml";

                public void Save(string xml)
                {
                    File.WriteAllText(ManifestPath + ".tmp", xml);
                    if (File.Exists(ManifestPath + ".tmp"))
                    {
                        {|#0:File.Move(ManifestPath + ".tmp", ManifestPath, overwrite: true)|};
                    }
                }
            }
            """,
            Renamed(0, "'ManifestPath + \".tmp\"'", "'ManifestPath'", "the directory of 'ManifestPath'"));

    [Fact]
    public Task A_one_line_opener_of_storage_code_is_left_to_its_callers_when_every_call_stages_a_temp_file() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using Durability.Runtime;

            public class PackageStore
            {
                private readonly string _staging = "staging";
                private readonly string _packages = "packages";

                public void AddPackage(string id, byte[] package)
                {
                    var temporary = Path.Combine(_staging, "package-" + Guid.NewGuid() + ".nupkg.tmp");
                    using (var stream = OpenWriteStream(temporary))
                    {
                        stream.Write(package);
                        ((FileStream)stream).Flush(flushToDisk: true);
                    }

                    var final = Path.Combine(_packages, id + ".nupkg");
                    File.Move(temporary, final, overwrite: true);
                    Fsync.ParentDirectory(final);
                    Fsync.Directory(_staging);
                }

                protected virtual Stream OpenWriteStream(string path) => File.OpenWrite(path);
            }

            public class IndexStore
            {
                private readonly string _root = "index";

                public void Save(string name, byte[] segment)
                {
                    using (var stream = OpenWriteStream(Path.Combine(_root, name + ".seg")))
                    {
                        stream.Write(segment);
                    }
                }

                public void Stage(byte[] segment)
                {
                    using (var stream = OpenWriteStream(Path.Combine(_root, "next.seg.tmp")))
                    {
                        stream.Write(segment);
                    }
                }

                protected virtual Stream OpenWriteStream(string path) => {|#0:File.OpenWrite(path)|};
            }
            """,
            Created(0, "'path'", "the directory of 'path'"));

    internal static DiagnosticResult CreatedFolder(int location, string path, string directory) =>
        Verifier.Diagnostic(RuleCatalog.UnsyncedDirectoryCreation).WithLocation(location).WithArguments(path, directory);

    [Fact]
    public Task A_folder_made_for_a_file_with_a_fallback_for_a_path_without_one_is_flagged_as_the_files_folder() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using Durability.Runtime;

            public static class SequenceStore
            {
                public static void Save(string path, byte[] sequence)
                {
                    {|#0:Directory.CreateDirectory(Path.GetDirectoryName(path) ?? Path.GetTempPath())|};
                    using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
                    file.Write(sequence);
                    file.Flush(flushToDisk: true);
                    Fsync.ParentDirectory(path);
                }
            }
            """,
            new[] { CreatedFolder(0, "'Path.GetDirectoryName(path)'", "the directory of 'Path.GetDirectoryName(path)'") },
            """
            using System.IO;
            using Durability.Runtime;

            public static class SequenceStore
            {
                public static void Save(string path, byte[] sequence)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path) ?? Path.GetTempPath());
                    Fsync.ParentDirectory(Path.GetDirectoryName(path));
                    using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
                    file.Write(sequence);
                    file.Flush(flushToDisk: true);
                    Fsync.ParentDirectory(path);
                }
            }
            """);

    [Fact]
    public Task A_file_created_by_a_helper_with_one_caller_that_keeps_it_in_place_is_flagged_in_the_helper() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            static class StorageFiles
            {
                internal static void WriteBytes(string path, byte[] data) => {|#0:File.WriteAllBytes(path, data)|};
            }

            sealed class SpoolStore
            {
                private readonly string _directory;

                public SpoolStore(string directory) => _directory = directory;

                public void Add(byte[] payload)
                {
                    var final = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".item");
                    var staging = final + ".partial";
                    StorageFiles.WriteBytes(staging, payload);
                    {|#1:File.Move(staging, final)|};
                }

                public void Put(string name, byte[] payload) => StorageFiles.WriteBytes(Path.Combine(_directory, name), payload);
            }
            """,
            Created(0, "'path'", "the directory of 'path'"),
            Renamed(1, "'staging'", "'final'", "the directory of 'final'"));
    [Fact]
    public Task A_folder_created_at_start_up_by_a_type_that_fsyncs_the_entries_it_makes_there_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            sealed class SegmentedLog
            {
                private readonly string _directory;
                private readonly DirectoryInfo _archive;
                private FileStream? _segment;

                public SegmentedLog(string root)
                {
                    _directory = Path.Combine(root, "wal");
                    {|#0:Directory.CreateDirectory(_directory)|};
                    _archive = new DirectoryInfo(Path.Combine(root, "archive"));
                    {|#1:_archive.Create()|};
                }

                public void Rotate(long number)
                {
                    _segment?.Dispose();
                    _segment = new FileStream(Path.Combine(_directory, number + ".log"), FileMode.CreateNew);
                    Fsync.Directory(_directory);
                }

                public void Archive(string segment)
                {
                    File.Move(segment, Path.Combine(_archive.FullName, Path.GetFileName(segment)));
                    Fsync.Directory(_archive.FullName);
                    Fsync.ParentDirectory(segment);
                }
            }
            """,
            CreatedFolder(0, "'_directory'", "the directory of '_directory'"),
            CreatedFolder(1, "'_archive'", "the directory of '_archive'"));

    [Fact]
    public Task A_folder_made_at_start_up_whose_entries_its_type_never_fsyncs_is_left_to_those_entries() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            sealed class SegmentedLog
            {
                private readonly string _directory;
                private readonly string _synced;

                public SegmentedLog(string root)
                {
                    _directory = Path.Combine(root, "wal");
                    Directory.CreateDirectory(_directory);
                    _synced = Path.Combine(root, "synced");
                    Directory.CreateDirectory(_synced);
                    Fsync.ParentDirectory(_synced);
                }

                public void Rotate(long number)
                {
                    using var segment = new FileStream(Path.Combine(_synced, number + ".log"), FileMode.CreateNew);
                    Fsync.Directory(_synced);
                }
            }
            """);

    [Fact]
    public Task Syncing_a_new_directory_itself_leaves_its_own_entry_unsynced() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Runtime.InteropServices;

            class BucketStore
            {
                [DllImport("libc", SetLastError = true)]
                private static extern int open(string path, int flags);

                [DllImport("libc", SetLastError = true)]
                private static extern int fsync(int fd);

                [DllImport("libc", SetLastError = true)]
                private static extern int close(int fd);

                private readonly string _root = "buckets";

                // The sync of the bucket makes the blob's entry durable; the bucket's own entry is in _root, never synced.
                public void Put(string bucket, string name, byte[] blob)
                {
                    var dir = Path.Combine(_root, bucket);
                    {|#0:Directory.CreateDirectory(dir)|};
                    using (var file = new FileStream(Path.Combine(dir, name), FileMode.CreateNew))
                    {
                        file.Write(blob);
                        file.Flush(true);
                    }

                    SyncDirectory(dir);
                }

                public void PutSynced(string bucket, string name, byte[] blob)
                {
                    var dir = Path.Combine(_root, bucket);
                    Directory.CreateDirectory(dir);
                    using (var file = new FileStream(Path.Combine(dir, name), FileMode.CreateNew))
                    {
                        file.Write(blob);
                        file.Flush(true);
                    }

                    SyncDirectory(dir);
                    SyncDirectory(_root);
                }

                // The helper is given a file and syncs its parent: the blob's entry, the bucket's own stays unsynced.
                public void PutThroughFile(string bucket, string name, byte[] blob)
                {
                    var dir = Path.Combine(_root, bucket);
                    Directory.CreateDirectory(dir);
                    var path = Path.Combine(dir, name);
                    using (var file = new FileStream(path, FileMode.CreateNew))
                    {
                        file.Write(blob);
                        file.Flush(true);
                    }

                    SyncParentOf(path);
                    SyncParentOf(dir);
                }

                private static void SyncDirectory(string path)
                {
                    var fd = open(path, 0);
                    try
                    {
                        if (fsync(fd) != 0)
                        {
                            throw new IOException("fsync failed: " + path);
                        }
                    }
                    finally
                    {
                        close(fd);
                    }
                }

                private static void SyncParentOf(string path) => SyncDirectory(Path.GetDirectoryName(path)!);
            }
            """,
            CreatedFolder(0, "'dir'", "the directory of 'dir'"));

    [Fact]
    public Task A_zip_entry_extracted_to_a_file_creates_it() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;

            class SettingsRepository
            {
                private readonly string _configPath = "config.json";

                public void RestoreFrom(ZipArchiveEntry entry) => {|#0:entry.ExtractToFile(_configPath, overwrite: true)|};

                public void Inspect(ZipArchiveEntry entry, string scratch) => entry.ExtractToFile(Path.Combine(Path.GetTempPath(), entry.Name));
            }
            """,
            Created(0, "'_configPath'", "the directory of '_configPath'"));

    [Fact]
    public Task A_temp_path_interpolated_from_the_destination_lies_beside_it_unless_a_part_can_name_a_directory() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using Durability.Runtime;

            static class ConfigStore
            {
                public static void Write(string resPath, byte[] contents, int attempt)
                {
                    var tempPath = $"{resPath}_{attempt}_temp";
                    File.WriteAllBytes(tempPath, contents);
                    Fsync.File(tempPath);
                    {|#0:File.Move(tempPath, resPath, overwrite: true)|};
                }

                public static void WriteSynced(string resPath, byte[] contents)
                {
                    var tempPath = $"{resPath}_temp";
                    File.WriteAllBytes(tempPath, contents);
                    Fsync.File(tempPath);
                    File.Move(tempPath, resPath, overwrite: true);
                    Fsync.ParentDirectory(resPath);
                }

                public static void WriteDated(string resPath, byte[] contents)
                {
                    var tempPath = $"{resPath}_{DateTime.Now}";
                    File.WriteAllBytes(tempPath, contents);
                    Fsync.File(tempPath);
                    {|#1:File.Move(tempPath, resPath, overwrite: true)|};
                    Fsync.ParentDirectory(resPath);
                }
            }
            """,
            Renamed(0, "'tempPath'", "'resPath'", "the directory of 'resPath'"),
            Renamed(1, "'tempPath'", "'resPath'", "the directory of 'tempPath'"));

    [Fact]
    public Task A_temp_path_a_helper_builds_beside_the_destination_needs_only_the_destinations_directory_synced() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using Durability.Runtime;

            static class AtomicStateStore
            {
                public static void Write(string destination, string contents)
                {
                    var directory = Path.GetDirectoryName(destination)!;
                    var temp = TempBeside(destination);
                    File.WriteAllText(temp, contents);
                    Fsync.File(temp);
                    File.Move(temp, destination, overwrite: true);
                    Fsync.Directory(directory);
                }

                public static void WriteElsewhere(string destination, string scratch, string contents)
                {
                    var temp = TempIn(scratch);
                    File.WriteAllText(temp, contents);
                    Fsync.File(temp);
                    {|#0:File.Move(temp, destination, overwrite: true)|};
                    Fsync.ParentDirectory(destination);
                }

                public static void WriteUnsynced(string destination, string contents)
                {
                    var temp = TempBeside(destination);
                    File.WriteAllText(temp, contents);
                    Fsync.File(temp);
                    {|#1:File.Move(temp, destination, overwrite: true)|};
                }

                private static string TempBeside(string destination)
                {
                    var directory = Path.GetDirectoryName(destination) ?? ".";
                    return Path.Combine(directory, "." + Path.GetFileName(destination) + "." + Guid.NewGuid().ToString("N") + ".tmp");
                }

                private static string TempIn(string scratch) => Path.Combine(scratch, Guid.NewGuid().ToString("N") + ".tmp");
            }
            """,
            Renamed(0, "'temp'", "'destination'", "the directory of 'temp'"),
            Renamed(1, "'temp'", "'destination'", "the directory of 'destination'"));

    [Fact]
    public Task A_file_created_at_a_path_the_projects_temp_name_method_gives_is_reported_only_where_it_is_renamed() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SnapshotManager
            {
                private readonly string _dir = "snapshots";

                public string GetTempFileNameForIndex(long index) => Path.Combine(_dir, index + ".snapshot.part");

                public string GetFinalFileNameForIndex(long index) => Path.Combine(_dir, index + ".snapshot");

                public string GetFileNameForIndex(long index) => Path.Combine(_dir, index + ".chunk");
            }

            class SnapshotStore
            {
                private readonly SnapshotManager _names = new();

                public Stream Begin(long index) => new FileStream(_names.GetTempFileNameForIndex(index), FileMode.OpenOrCreate);

                public Stream BeginChunk(long index) => {|#1:new FileStream(_names.GetFileNameForIndex(index), FileMode.OpenOrCreate)|};

                public void Complete(long index)
                {
                    var temp = _names.GetTempFileNameForIndex(index);
                    var final = _names.GetFinalFileNameForIndex(index);
                    {|#0:File.Move(temp, final)|};
                }
            }
            """,
            Renamed(0, "'temp'", "'final'", "the directories of 'final' and 'temp'"),
            Created(1, "'_names.GetFileNameForIndex(index)'", "the directory of '_names.GetFileNameForIndex(index)'"));
}
