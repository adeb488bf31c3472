using System.Threading.Tasks;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedFileContentsAnalyzer, Durability.CodeFixes.UnsyncedFileContentsCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR004;

/// <summary>
/// DUR004 on files storage code writes through the project's own file system: an interface (<c>IFileSystem</c>) or a
/// class whose methods each wrap one System.IO write or opening. A call to such a wrapper is read as the call it wraps,
/// so the file is held to what a direct File.WriteAllText or FileStream would be.
/// </summary>
public sealed class FileSystemWrapperTests
{
    [Fact]
    public Task Whole_writes_through_an_interface_wrapper_are_flagged_at_the_call_and_fsynced_after_it() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            public interface IFileSystem
            {
                void WriteAllText(string path, string contents);
            }

            public sealed class PhysicalFileSystem : IFileSystem
            {
                public void WriteAllText(string path, string contents) => File.WriteAllText(path, contents);
            }

            public sealed class InMemoryFileSystem : IFileSystem
            {
                public void WriteAllText(string path, string contents) { }
            }

            public sealed class PackageStore
            {
                private readonly IFileSystem _files;
                private readonly string _manifest;

                public PackageStore(IFileSystem files, string root)
                {
                    _files = files;
                    _manifest = Path.Combine(root, "manifest.json");
                }

                public void SaveManifest(string json)
                {
                    {|#0:_files.WriteAllText(_manifest, json)|};
                }
            }
            """,
            new[] { WholeFileSaveTests.HelperWrote(0, "IFileSystem.WriteAllText", "'_manifest'") },
            """
            using System.IO;
            using Durability.Runtime;

            public interface IFileSystem
            {
                void WriteAllText(string path, string contents);
            }

            public sealed class PhysicalFileSystem : IFileSystem
            {
                public void WriteAllText(string path, string contents) => File.WriteAllText(path, contents);
            }

            public sealed class InMemoryFileSystem : IFileSystem
            {
                public void WriteAllText(string path, string contents) { }
            }

            public sealed class PackageStore
            {
                private readonly IFileSystem _files;
                private readonly string _manifest;

                public PackageStore(IFileSystem files, string root)
                {
                    _files = files;
                    _manifest = Path.Combine(root, "manifest.json");
                }

                public void SaveManifest(string json)
                {
                    _files.WriteAllText(_manifest, json);
                    Fsync.File(_manifest);
                }
            }
            """);

    [Fact]
    public Task Streams_opened_through_a_wrapper_and_closed_unsynced_are_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class DiskFileSystem
            {
                public Stream open_write(string path) => new FileStream(path, FileMode.Create, FileAccess.Write);

                public void copy_file(string source, string destination) => File.Copy(source, destination, true);
            }

            public sealed class PackageRepository
            {
                private readonly DiskFileSystem _disk = new();

                public void Add(Stream package, string path)
                {
                    using var target = {|#0:_disk.open_write(path)|};
                    package.CopyTo(target);
                }

                public void Import(string downloaded, string path)
                {
                    {|#1:_disk.copy_file(downloaded, path)|};
                }
            }
            """,
            UnsyncedCloseTests.Closed(0, "'path'"),
            WholeFileSaveTests.Saved(1, "DiskFileSystem.copy_file", "'path'"));

    [Fact]
    public Task A_move_written_as_a_copy_and_a_deletion_through_the_file_system_is_flagged_at_the_deletion() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            public interface IDiskProvider
            {
                void CopyFile(string source, string destination);
                void DeleteFile(string path);
            }

            public sealed class DiskProvider : IDiskProvider
            {
                public void CopyFile(string source, string destination) => File.Copy(source, destination, true);
                public void DeleteFile(string path) => File.Delete(path);
            }

            public sealed class TransferService
            {
                private readonly IDiskProvider _disk;

                public TransferService(IDiskProvider disk) => _disk = disk;

                public void MoveAcrossVolumes(string source, string destination)
                {
                    _disk.CopyFile(source, destination);
                    {|#0:_disk.DeleteFile(source)|};
                }
            }
            """,
            new[] { CopiedThenDeletedTests.SourceDeleted(0, "'source'", "'destination'") },
            """
            using System.IO;
            using Durability.Runtime;

            public interface IDiskProvider
            {
                void CopyFile(string source, string destination);
                void DeleteFile(string path);
            }

            public sealed class DiskProvider : IDiskProvider
            {
                public void CopyFile(string source, string destination) => File.Copy(source, destination, true);
                public void DeleteFile(string path) => File.Delete(path);
            }

            public sealed class TransferService
            {
                private readonly IDiskProvider _disk;

                public TransferService(IDiskProvider disk) => _disk = disk;

                public void MoveAcrossVolumes(string source, string destination)
                {
                    _disk.CopyFile(source, destination);
                    Fsync.File(destination);
                    Fsync.ParentDirectory(destination);
                    _disk.DeleteFile(source);
                }
            }
            """);

    [Fact]
    public Task A_file_system_interfaces_wrappers_in_a_type_that_fsyncs_elsewhere_are_checked_at_their_calls_not_in_their_bodies() =>
        Verifier.CodeFixAsync(
            DUR002.FileSystemWrapperTests.InterfaceWrapperSource,
            new[] { WholeFileSaveTests.HelperWrote(0, "IAppFileSystem.OverwriteFile", "'Path.Combine(_root, name + \".config\")'") },
            """
            using System.IO;
            using Durability.Runtime;

            public interface IAppFileSystem
            {
                void AppendToFile(string path, string contents);
                void OverwriteFile(string path, string contents);
                void CopyFile(string source, string destination, bool overwrite);
                Stream OpenFile(string path, FileAccess access);
                Stream OpenFile(string path, FileMode mode, FileAccess access);
                void WriteAllBytesDurably(string path, byte[] bytes);
            }

            // Fsyncs in one method, so it is storage code; its pass-through methods still do only what their callers ask.
            public sealed class PhysicalFileSystem : IAppFileSystem
            {
                public void AppendToFile(string path, string contents) => File.AppendAllText(path, contents);

                public void OverwriteFile(string path, string contents)
                {
                    File.WriteAllText(path, contents);
                }

                public void CopyFile(string source, string destination, bool overwrite) => File.Copy(source, destination, overwrite);

                public Stream OpenFile(string path, FileAccess access) => OpenFile(path, FileMode.OpenOrCreate, access);

                public Stream OpenFile(string path, FileMode mode, FileAccess access) => new FileStream(path, mode, access);

                public void WriteAllBytesDurably(string path, byte[] bytes)
                {
                    using var stream = new FileStream(path, FileMode.Create);
                    stream.Write(bytes);
                    stream.Flush(flushToDisk: true);
                    Fsync.ParentDirectory(path);
                }
            }

            public sealed class InstanceStore
            {
                private readonly IAppFileSystem _fileSystem;
                private readonly string _root = "instances";

                public InstanceStore(IAppFileSystem fileSystem) => _fileSystem = fileSystem;

                public void WriteInstance(string name, string xml)
                {
                    _fileSystem.OverwriteFile(Path.Combine(_root, name + ".config"), xml);
                    Fsync.File(Path.Combine(_root, name + ".config"));
                }
            }
            """);

    [Fact]
    public Task Wrappers_that_sync_wrap_more_than_one_call_or_belong_to_storage_code_are_not_read_through() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            public interface IFileSystem
            {
                void WriteAllText(string path, string contents);
                void WriteAllBytes(string path, byte[] contents);
            }

            // Two implementations that wrap different calls: what a call writes is not known.
            public sealed class PhysicalFileSystem : IFileSystem
            {
                public void WriteAllText(string path, string contents) => File.WriteAllText(path, contents);
                public void WriteAllBytes(string path, byte[] contents) => DurableFile.WriteAllBytes(path, contents);
            }

            public sealed class MirroredFileSystem : IFileSystem
            {
                public void WriteAllText(string path, string contents) => File.AppendAllText(path, contents);
                public void WriteAllBytes(string path, byte[] contents) => File.WriteAllBytes(path, contents);
            }

            public sealed class SafeFileSystem
            {
                // Writes and fsyncs: a promise of its own, not a plain wrapper.
                public void Save(string path, byte[] contents)
                {
                    using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
                    stream.Write(contents);
                    stream.Flush(flushToDisk: true);
                }
            }

            public sealed class ArchivingFileSystem
            {
                // Moves the old file aside first: logic of its own.
                public void Replace(string path, string contents)
                {
                    File.Move(path, path + ".old", overwrite: true);
                    File.WriteAllText(path, contents);
                }
            }

            public sealed class SegmentFiles
            {
                // Storage code's own wrapper is checked in its body, once, not at every call.
                public static void WriteSegment(string path, byte[] data) => {|#0:File.WriteAllBytes(path, data)|};
            }

            public sealed class PackageStore
            {
                private readonly IFileSystem _files;
                private readonly SafeFileSystem _safe = new();
                private readonly ArchivingFileSystem _archiving = new();
                private readonly string _root = "packages";

                public PackageStore(IFileSystem files) => _files = files;

                public void Save(string name, string json, byte[] data)
                {
                    _files.WriteAllText(Path.Combine(_root, name), json);
                    _files.WriteAllBytes(Path.Combine(_root, name + ".bin"), data);
                    _safe.Save(Path.Combine(_root, name + ".dat"), data);
                    _archiving.Replace(Path.Combine(_root, name + ".txt"), json);
                    SegmentFiles.WriteSegment(Path.Combine(_root, name + ".seg"), data);
                }
            }

            public sealed class ReportPrinter
            {
                private readonly MirroredFileSystem _files = new();

                // Not storage code: a report written through the wrapper is not held to durability.
                public void Print(string path, byte[] report) => _files.WriteAllBytes(path, report);
            }
            """,
            UnsyncedFileContentsTests.WrittenWhole(0, "WriteAllBytes", "'path'"));

    [Fact]
    public Task A_static_file_helper_class_that_is_storage_code_only_by_its_namespace_is_checked_at_its_calls() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            namespace Acme.DocumentStore.Shared
            {
                // Long-path versions of File's methods: what each call writes is its caller's to make durable.
                public static class LongPathFile
                {
                    public static void WriteAllText(string path, string contents) => File.WriteAllText(path, contents);

                    public static void WriteAllBytes(string path, byte[] contents) => File.WriteAllBytes(path, contents);
                }

                // Named for what it keeps: its own wrapper is checked in its body, as storage code's always is.
                public static class SegmentFiles
                {
                    public static void WriteSegment(string path, byte[] data) => {|#1:File.WriteAllBytes(path, data)|};
                }
            }

            namespace Acme.DocumentStore
            {
                using Acme.DocumentStore.Shared;

                public sealed class DescriptorFiles
                {
                    private readonly string _root = "descriptors";

                    public void Save(string id, string json)
                    {
                        {|#0:LongPathFile.WriteAllText(Path.Combine(_root, id + ".json"), json)|};
                        SegmentFiles.WriteSegment(Path.Combine(_root, id + ".seg"), new byte[] { 1 });
                    }
                }
            }
            """,
            WholeFileSaveTests.HelperWrote(0, "LongPathFile.WriteAllText", "'Path.Combine(_root, id + \".json\")'"),
            UnsyncedFileContentsTests.WrittenWhole(1, "WriteAllBytes", "'path'"));
}
