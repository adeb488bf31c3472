using System.Threading.Tasks;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR002.UnsyncedDirectoryEntryTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer, Durability.CodeFixes.UnsyncedDirectoryEntryCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR002;

/// <summary>
/// DUR002 on files storage code creates through the project's own file system (<c>IFileSystem.OpenWrite</c>, a class
/// whose methods each wrap one System.IO call): the call is read as the creation it wraps, with the caller's path.
/// </summary>
public sealed class FileSystemWrapperTests
{
    [Fact]
    public Task A_file_created_through_an_interface_wrapper_gets_its_directory_synced_after_the_call() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            public interface IFileSystemService
            {
                Stream OpenWrite(string path);
            }

            public sealed class FileSystemService : IFileSystemService
            {
                public Stream OpenWrite(string path) => new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            }

            public sealed class PackageFileStorage
            {
                private readonly IFileSystemService _fileSystem;

                public PackageFileStorage(IFileSystemService fileSystem) => _fileSystem = fileSystem;

                public void Save(string path, byte[] package)
                {
                    var stream = {|#0:_fileSystem.OpenWrite(path)|};
                    stream.Write(package, 0, package.Length);
                    stream.Dispose();
                }
            }
            """,
            new[] { Created(0, "'path'", "the directory of 'path'") },
            """
            using System.IO;
            using Durability.Runtime;

            public interface IFileSystemService
            {
                Stream OpenWrite(string path);
            }

            public sealed class FileSystemService : IFileSystemService
            {
                public Stream OpenWrite(string path) => new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            }

            public sealed class PackageFileStorage
            {
                private readonly IFileSystemService _fileSystem;

                public PackageFileStorage(IFileSystemService fileSystem) => _fileSystem = fileSystem;

                public void Save(string path, byte[] package)
                {
                    var stream = _fileSystem.OpenWrite(path);
                    Fsync.ParentDirectory(path);
                    stream.Write(package, 0, package.Length);
                    stream.Dispose();
                }
            }
            """);

    /// <summary>A physical file system that fsyncs in one method and passes the rest through, and a store that calls it; shared with DUR004.</summary>
    internal const string InterfaceWrapperSource = """
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
                {|#0:_fileSystem.OverwriteFile(Path.Combine(_root, name + ".config"), xml)|};
            }
        }
        """;

    [Fact]
    public Task A_file_system_interfaces_wrappers_in_a_type_that_fsyncs_elsewhere_are_checked_at_their_calls_not_in_their_bodies() =>
        Verifier.AnalyzerAsync(
            InterfaceWrapperSource,
            Created(0, "'Path.Combine(_root, name + \".config\")'", "'_root'"));

    [Fact]
    public Task Wrapper_creations_that_are_synced_read_only_or_the_wrappers_own_are_not_flagged_at_the_call() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            public sealed class LocalDisk
            {
                public Stream Open(string path, FileMode mode) => new FileStream(path, mode);

                public void WriteText(string path, string text) => File.WriteAllText(path, text);
            }

            public sealed class LogSegmentFiles
            {
                // Storage code's own wrapper: its creation is reported in its body, once.
                public Stream Create(string path) => {|#0:new FileStream(path, FileMode.CreateNew)|};
            }

            public sealed class JournalStore
            {
                private readonly LocalDisk _disk = new();
                private readonly LogSegmentFiles _segments = new();
                private readonly string _directory = "journal";

                public Stream OpenExisting(string name) => _disk.Open(Path.Combine(_directory, name), FileMode.Open);

                public void WriteHead(string text)
                {
                    var head = Path.Combine(_directory, "HEAD");
                    _disk.WriteText(head, text);
                    Fsync.Directory(_directory);
                }

                public Stream NewSegment(string name) => _segments.Create(Path.Combine(_directory, name));
            }
            """,
            Created(0, "'path'", "the directory of 'path'"));
}
