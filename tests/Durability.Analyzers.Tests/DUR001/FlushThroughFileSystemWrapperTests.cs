using System.Threading.Tasks;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR001.FlushWithoutFsyncRealWorldTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer, Durability.CodeFixes.FlushWithoutFsyncCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR001;

/// <summary>
/// DUR001 on streams opened through the project's own file system: an interface method (<c>IFileSystem.OpenFileStream</c>)
/// whose implementations all return <c>File.Open(...)</c> or <c>new FileStream(...)</c> opens a file, as a direct call would.
/// </summary>
public sealed class FlushThroughFileSystemWrapperTests
{
    [Fact]
    public Task A_writer_over_a_stream_an_interface_wrapper_opens_is_a_file_writer() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public interface IFileSystem
            {
                Stream OpenFileStream(string path, FileMode mode, FileAccess access, FileShare share);
            }

            public class PhysicalFileSystem : IFileSystem
            {
                public Stream OpenFileStream(string path, FileMode mode, FileAccess access, FileShare share) => File.Open(path, mode, access, share);
            }

            public class CredentialStore
            {
                private readonly IFileSystem _fileSystem;

                public CredentialStore(IFileSystem fileSystem) => _fileSystem = fileSystem;

                public void Save(string path, string secret)
                {
                    using (var stream = _fileSystem.OpenFileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
                    using (var writer = new StreamWriter(stream))
                    {
                        writer.WriteLine(secret);
                        {|#0:writer.Flush()|};
                    }
                }
            }
            """,
            Flush(0, "writer"));

    [Fact]
    public Task Streams_from_wrappers_that_take_options_or_differ_between_implementations_are_not_read_as_files() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.IO.Compression;

            public interface IFileSystem
            {
                Stream Open(string path, FileMode mode, FileOptions options);
                Stream OpenForWrite(string path);
            }

            public class PhysicalFileSystem : IFileSystem
            {
                // The caller may ask for write-through: the options are the caller's to say.
                public Stream Open(string path, FileMode mode, FileOptions options) => new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None, 4096, options);

                public Stream OpenForWrite(string path) => File.OpenWrite(path);
            }

            public class NetworkFileSystem : IFileSystem
            {
                public Stream Open(string path, FileMode mode, FileOptions options) => new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None, 4096, options);

                // Another implementation returns a compressing stream over the file: what a call returns is not known.
                public Stream OpenForWrite(string path) => new GZipStream(File.OpenWrite(path), CompressionLevel.Fastest);
            }

            public class JournalStore
            {
                private readonly IFileSystem _fileSystem;

                public JournalStore(IFileSystem fileSystem) => _fileSystem = fileSystem;

                public void Append(string path, byte[] entry)
                {
                    using var stream = _fileSystem.Open(path, FileMode.Append, FileOptions.WriteThrough);
                    stream.Write(entry, 0, entry.Length);
                    stream.Flush();
                }

                public void Replace(string path, byte[] entry)
                {
                    using var stream = _fileSystem.OpenForWrite(path);
                    stream.Write(entry, 0, entry.Length);
                    stream.Flush();
                }
            }
            """);

    // A page store hands its writer the stream its persistence manager opens; the manager is storage code itself, so its
    // opening is checked in its own body, and what it returns is still a file at every call.
    private const string PageStore = """
        using System;
        using System.IO;

        internal interface IPersistenceManager
        {
            Stream GetOutputStream(string path, FileMode mode);
        }

        internal sealed class FilePersistenceManager : IPersistenceManager
        {
            public Stream GetOutputStream(string path, FileMode mode) => new FileStream(path, mode, FileAccess.Write, FileShare.Read, 4096);
        }

        internal sealed class BackgroundPageWriter : IDisposable
        {
            private readonly Stream _output;

            public BackgroundPageWriter(Stream output) => _output = output;

            public void Write(byte[] page) => _output.Write(page, 0, page.Length);

            public void Flush() => _output.Flush();

            public void Dispose() => _output.Dispose();
        }

        internal sealed class BinaryFilePageStore
        {
            private readonly BackgroundPageWriter _writer;

            public BinaryFilePageStore(IPersistenceManager manager, string path) =>
                _writer = new BackgroundPageWriter(manager.GetOutputStream(path, FileMode.Open));

            public void Commit(byte[] page)
            {
                _writer.Write(page);
                {|#0:_writer.Flush()|};
            }
        }
        """;

    [Fact]
    public Task A_commit_flushing_a_writer_given_what_a_storage_factory_opens_is_a_flush_of_that_file() =>
        Verifier.AnalyzerAsync(PageStore, Flush(0, "_writer"));

    [Fact]
    public Task A_writer_given_what_a_factory_opens_written_through_or_in_memory_is_not_a_page_cache_flush() =>
        Task.WhenAll(
            Verifier.AnalyzerAsync(PageStoreOpening("new FileStream(path, mode, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough)")),
            Verifier.AnalyzerAsync(PageStoreOpening("new MemoryStream()")));

    private static string PageStoreOpening(string opening) =>
        PageStore.Replace("new FileStream(path, mode, FileAccess.Write, FileShare.Read, 4096)", opening).Replace("{|#0:_writer.Flush()|}", "_writer.Flush()");
}
