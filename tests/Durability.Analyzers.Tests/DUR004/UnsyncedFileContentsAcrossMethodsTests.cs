using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR004.UnsyncedFileContentsTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedFileContentsAnalyzer, Durability.CodeFixes.UnsyncedFileContentsCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR004;

/// <summary>
/// DUR004 on a temp file a type opens in one method and renames in another: a writer that opens its temp file when it
/// starts, keeps the stream in a field, and renames the file into place when it completes.
/// </summary>
public sealed class UnsyncedFileContentsAcrossMethodsTests
{
    [Fact]
    public Task A_temp_file_opened_into_a_field_and_renamed_by_another_method_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentWriter
            {
                private readonly string _path;
                private readonly string _tempPath;
                private readonly FileStream _stream;

                public SegmentWriter(string path)
                {
                    _path = path;
                    _tempPath = path + ".tmp";
                    _stream = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.Write);
                }

                public void Append(byte[] record) => _stream.Write(record);

                public void Complete()
                {
                    _stream.Flush();
                    _stream.Dispose();
                    {|#0:File.Move(_tempPath, _path)|};
                }
            }
            """,
            Renamed(0, "'_tempPath'", "'_path'"));

    [Fact]
    public Task A_temp_file_opened_through_its_file_info_or_a_writer_in_another_method_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class CheckpointWriter
            {
                private readonly FileInfo _staging;
                private readonly string _target;
                private StreamWriter? _writer;

                public CheckpointWriter(string target)
                {
                    _target = target;
                    _staging = new FileInfo(target + ".staging");
                }

                public void Begin() => _writer = new StreamWriter(_staging.Open(FileMode.Create, FileAccess.Write));

                public void Write(string line) => _writer!.WriteLine(line);

                public void Publish()
                {
                    _writer!.Dispose();
                    {|#0:_staging.MoveTo(_target, overwrite: true)|};
                }
            }
            """,
            Renamed(0, "'_staging'", "'_target'"));

    [Fact]
    public Task A_temp_file_written_and_closed_unsynced_by_another_method_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class ManifestStore
            {
                private readonly string _manifest;

                public ManifestStore(string directory) => _manifest = Path.Combine(directory, "MANIFEST");

                private string PendingPath => _manifest + ".pending";

                public void Stage(byte[] contents)
                {
                    using var file = File.Create(PendingPath);
                    file.Write(contents);
                }

                public void Commit() => {|#0:File.Replace(PendingPath, _manifest, null)|};
            }
            """,
            Renamed(0, "'PendingPath'", "'_manifest'"));

    [Fact]
    public Task A_member_temp_file_fsynced_anywhere_in_the_type_or_written_through_is_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            class SegmentWriter
            {
                private readonly string _path;
                private readonly string _tempPath;
                private readonly FileStream _stream;

                public SegmentWriter(string path)
                {
                    _path = path;
                    _tempPath = path + ".tmp";
                    _stream = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.Write);
                }

                public void Append(byte[] record) => _stream.Write(record);

                public void Complete()
                {
                    _stream.Flush(flushToDisk: true);
                    _stream.Dispose();
                    File.Move(_tempPath, _path);
                }
            }

            class HandleSegmentWriter
            {
                private readonly string _path;
                private readonly string _tempPath;
                private readonly FileStream _stream;

                public HandleSegmentWriter(string path)
                {
                    _path = path;
                    _tempPath = path + ".tmp";
                    _stream = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.Write);
                }

                public void Seal() => RandomAccess.FlushToDisk(_stream.SafeFileHandle);

                public void Complete()
                {
                    _stream.Dispose();
                    File.Move(_tempPath, _path);
                }
            }

            class SealedSegmentWriter
            {
                private readonly string _path;
                private readonly string _tempPath;

                public SealedSegmentWriter(string path)
                {
                    _path = path;
                    _tempPath = path + ".tmp";
                }

                public void Write(byte[] contents)
                {
                    using var file = File.Create(_tempPath);
                    file.Write(contents);
                }

                public void Seal() => Fsync.File(_tempPath);

                public void Complete() => File.Move(_tempPath, _path);
            }

            class WriteThroughSegmentWriter
            {
                private readonly string _path;
                private readonly string _tempPath;
                private FileStream? _stream;

                public WriteThroughSegmentWriter(string path)
                {
                    _path = path;
                    _tempPath = path + ".tmp";
                }

                public void Open() => _stream = new FileStream(_tempPath, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);

                public void Complete()
                {
                    _stream!.Dispose();
                    File.Move(_tempPath, _path);
                }
            }

            class WriteThroughTableBuilder
            {
                private readonly string _path;
                private readonly string _tempPath;
                private readonly FileStream _stream;

                public WriteThroughTableBuilder(string path)
                {
                    _path = path;
                    _tempPath = path + ".tmp";
                    var options = FileOptions.WriteThrough | FileOptions.Asynchronous;
                    _stream = File.Create(_tempPath, 0, options);
                }

                public void Complete()
                {
                    _stream.Dispose();
                    File.Move(_tempPath, _path, overwrite: true);
                }
            }
            """);

    [Fact]
    public Task A_member_path_only_read_or_written_by_someone_else_is_quiet() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentImporter
            {
                private readonly string _incoming;
                private readonly string _path;

                public SegmentImporter(string incoming, string path)
                {
                    _incoming = incoming;
                    _path = path;
                }

                public long Length()
                {
                    using var file = File.OpenRead(_incoming);
                    return file.Length;
                }

                public void Import() => File.Move(_incoming, _path);
            }
            """);

    [Fact]
    public Task The_kept_file_moved_aside_to_a_temp_name_is_not_a_rename_of_unsynced_data() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class PublicKeyDb
            {
                private readonly string _dbPath = "keys.db";

                public void CommitBatch(string[] lines)
                {
                    var tempFilePath = CreateBackup();
                    using (var writer = {|#0:new StreamWriter(_dbPath)|})
                    {
                        foreach (var line in lines)
                        {
                            writer.WriteLine(line);
                        }
                    }

                    File.Delete(tempFilePath);
                }

                private string CreateBackup()
                {
                    var tempFilePath = $"{_dbPath}_{Guid.NewGuid()}";
                    File.Move(_dbPath, tempFilePath);
                    return tempFilePath;
                }
            }
            """,
            Verifier.Diagnostic(RuleCatalog.RewriteInPlaceWithoutFsync).WithLocation(0).WithArguments("'_dbPath'", "new StreamWriter(path)"));

    [Fact]
    public Task A_temp_file_renamed_in_another_method_is_fsynced_by_path_before_the_rename() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class SegmentWriter
            {
                private readonly string _path;
                private readonly string _tempPath;
                private readonly FileStream _stream;

                public SegmentWriter(string path)
                {
                    _path = path;
                    _tempPath = path + ".tmp";
                    _stream = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.Write);
                }

                public void Append(byte[] record) => _stream.Write(record);

                public void Complete()
                {
                    _stream.Dispose();
                    {|#0:File.Move(_tempPath, _path)|};
                }
            }
            """,
            new[] { Renamed(0, "'_tempPath'", "'_path'") },
            """
            using System.IO;
            using Durability.Runtime;

            class SegmentWriter
            {
                private readonly string _path;
                private readonly string _tempPath;
                private readonly FileStream _stream;

                public SegmentWriter(string path)
                {
                    _path = path;
                    _tempPath = path + ".tmp";
                    _stream = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.Write);
                }

                public void Append(byte[] record) => _stream.Write(record);

                public void Complete()
                {
                    _stream.Dispose();
                    Fsync.File(_tempPath);
                    File.Move(_tempPath, _path);
                }
            }
            """);
    [Fact]
    public Task A_write_helper_whose_every_caller_renames_its_file_is_quiet_and_the_rename_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            static class StorageFiles
            {
                internal static void WriteBytes(string path, byte[] data) => File.WriteAllBytes(path, data);
            }

            sealed class SpoolStore
            {
                private readonly string _directory;

                public SpoolStore(string directory) => _directory = directory;

                public void Add(byte[] payload)
                {
                    var final = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".item");
                    var staging = final + ".tmp";
                    StorageFiles.WriteBytes(staging, payload);
                    {|#0:File.Move(staging, final)|};
                }
            }
            """,
            Renamed(0, "'staging'", "'final'"));

    [Fact]
    public Task A_write_helper_with_one_caller_that_keeps_its_file_in_place_is_flagged() =>
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
                    var staging = final + ".tmp";
                    StorageFiles.WriteBytes(staging, payload);
                    {|#1:File.Move(staging, final)|};
                }

                public void Overwrite(string name, byte[] payload) => StorageFiles.WriteBytes(Path.Combine(_directory, name), payload);
            }
            """,
            WrittenWhole(0, "WriteAllBytes", "'path'"),
            Renamed(1, "'staging'", "'final'"));
    [Fact]
    public Task A_temp_file_a_factory_writes_and_hands_to_the_object_that_renames_it_later_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class OutboxQueue
            {
                private sealed class PendingMessage
                {
                    private readonly string _directory;
                    private readonly string _tempPath;

                    private PendingMessage(string directory, string tempPath)
                    {
                        _directory = directory;
                        _tempPath = tempPath;
                    }

                    public static PendingMessage WriteTemp(string directory, string body)
                    {
                        var tempPath = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".tmp");
                        var pending = new PendingMessage(directory, tempPath);
                        using (var writer = new StreamWriter(File.OpenWrite(tempPath)))
                        {
                            writer.Write(body);
                        }

                        return pending;
                    }

                    public void Commit(long sequence) => {|#0:File.Move(_tempPath, Path.Combine(_directory, sequence + ".msg"))|};
                }
            }
            """,
            Renamed(0, "'_tempPath'", "'Path.Combine(_directory, sequence + \".msg\")'"));

    [Fact]
    public Task A_temp_file_its_factory_fsyncs_before_handing_it_on_is_quiet() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class OutboxQueue
            {
                private sealed class PendingMessage
                {
                    private readonly string _directory;
                    private readonly string _tempPath;

                    private PendingMessage(string directory, string tempPath)
                    {
                        _directory = directory;
                        _tempPath = tempPath;
                    }

                    public static PendingMessage WriteTemp(string directory, byte[] body)
                    {
                        var tempPath = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".tmp");
                        using (var file = File.OpenWrite(tempPath))
                        {
                            file.Write(body);
                            file.Flush(flushToDisk: true);
                        }

                        return new PendingMessage(directory, tempPath);
                    }

                    public static PendingMessage Adopt(string directory, string receivedPath) => new PendingMessage(directory, receivedPath);

                    public void Commit(long sequence) => File.Move(_tempPath, Path.Combine(_directory, sequence + ".msg"));
                }
            }
            """);
    [Fact]
    public Task An_expression_bodied_rename_becomes_a_block_that_fsyncs_the_file_first() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class ManifestStore
            {
                private readonly string _manifest;

                public ManifestStore(string directory) => _manifest = Path.Combine(directory, "MANIFEST");

                private string PendingPath => _manifest + ".pending";

                public void Stage(byte[] contents)
                {
                    using var file = File.Create(PendingPath);
                    file.Write(contents);
                }

                public void Commit() => {|#0:File.Replace(PendingPath, _manifest, null)|};
            }
            """,
            new[] { Renamed(0, "'PendingPath'", "'_manifest'") },
            """
            using System.IO;
            using Durability.Runtime;

            class ManifestStore
            {
                private readonly string _manifest;

                public ManifestStore(string directory) => _manifest = Path.Combine(directory, "MANIFEST");

                private string PendingPath => _manifest + ".pending";

                public void Stage(byte[] contents)
                {
                    using var file = File.Create(PendingPath);
                    file.Write(contents);
                }

                public void Commit()
                {
                    Fsync.File(PendingPath);
                    File.Replace(PendingPath, _manifest, null);
                }
            }
            """);

    [Fact]
    public Task A_lock_file_renamed_over_the_data_it_stages_is_a_temp_file_and_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            // Git-style staging: the new index is written under index.lock, which also keeps other writers out, and renamed
            // over index when complete. The lock's name does not make its contents any less the index's.
            class IndexWriter
            {
                private readonly string _indexPath;
                private readonly string _indexLockPath;

                public IndexWriter(string gitDirectory)
                {
                    _indexPath = Path.Combine(gitDirectory, "index");
                    _indexLockPath = _indexPath + ".lock";
                }

                public void Write(byte[] entries)
                {
                    using var stream = new FileStream(_indexLockPath, FileMode.Create, FileAccess.Write, FileShare.None);
                    stream.Write(entries);
                    stream.Flush();
                }

                public void Publish() => {|#0:File.Move(_indexLockPath, _indexPath, overwrite: true)|};

                public void PublishInline(byte[] entries)
                {
                    var lockPath = _indexPath + ".lock";
                    File.WriteAllBytes(lockPath, entries);
                    {|#1:File.Move(lockPath, _indexPath, overwrite: true)|};
                }

                // A lock taken and released by renaming nothing over data stays quiet: the destination is a lock too.
                public void HandOver(string owner)
                {
                    var lockPath = _indexPath + ".lock";
                    File.WriteAllText(lockPath + ".new", owner);
                    File.Move(lockPath + ".new", lockPath, overwrite: true);
                }
            }
            """,
            Renamed(0, "'_indexLockPath'", "'_indexPath'"),
            Renamed(1, "'lockPath'", "'_indexPath'"));
}
