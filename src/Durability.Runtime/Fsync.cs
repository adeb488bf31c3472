using System;
using System.IO;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Win32.SafeHandles;

namespace Durability.Runtime;

/// <summary>
/// Makes files and directory entries durable. Every method returns only after the operating system
/// reports the data on stable storage: fsync on Linux, F_FULLFSYNC on macOS, FlushFileBuffers on
/// Windows. A failure throws <see cref="IOException"/>; do not retry it, because after a failed fsync
/// Linux may have dropped the dirty pages and a second fsync reports success for data that is gone.
/// </summary>
public static class Fsync
{
    /// <summary>Writes <paramref name="stream"/>'s buffer and fsyncs its file, also when it was opened read-only.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public static void File(FileStream stream)
    {
        Guard.NotNull(stream, nameof(stream));
#if NET8_0_OR_GREATER
        if (stream.CanWrite)
        {
            stream.Flush(flushToDisk: true);
            return;
        }
#else
        if (stream.CanWrite)
        {
            stream.Flush(flushToDisk: false);
        }
#endif

        // Flush(true) skips read-only streams, and before .NET 8 stops short of F_FULLFSYNC on macOS.
        NativeFileSync.FlushToDisk(stream.SafeFileHandle);
    }

    /// <summary>
    /// Writes <paramref name="stream"/>'s buffer and makes its data durable with fdatasync on Linux, which skips
    /// metadata such as timestamps; it still syncs a size change. It saves little for files that grow and
    /// most for preallocated or overwritten ones. On other systems it is <see cref="File(FileStream)"/>.
    /// </summary>
    /// <exception cref="IOException">fdatasync failed; the message carries errno. Do not retry.</exception>
    public static void FileData(FileStream stream)
    {
        Guard.NotNull(stream, nameof(stream));
        if (!Platform.IsLinux)
        {
            File(stream);
            return;
        }

        if (stream.CanWrite)
        {
            stream.Flush(flushToDisk: false);
        }

        DataSync.Sync(stream.SafeFileHandle);
    }

    /// <summary>Fsyncs the file behind <paramref name="handle"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="handle"/> is null.</exception>
    public static void File(SafeFileHandle handle)
    {
        Guard.NotNull(handle, nameof(handle));
        NativeFileSync.FlushToDisk(handle);
    }

    /// <summary>
    /// Flushes <paramref name="stream"/> and every buffering, compressing or encrypting stream under it (BufferedStream,
    /// GZipStream, DeflateStream, BrotliStream, ZLibStream, CryptoStream), then fsyncs the <see cref="FileStream"/> at the bottom.
    /// </summary>
    /// <exception cref="ArgumentException">No <see cref="FileStream"/> lies under <paramref name="stream"/>, so nothing can be fsynced.</exception>
    public static void File(Stream stream) => File(FindFile(stream, nameof(stream)));

    /// <summary>Flushes <paramref name="writer"/> to its stream, then fsyncs the file under it.</summary>
    /// <exception cref="ArgumentException">The writer does not write to a file.</exception>
    public static void File(TextWriter writer)
    {
        Guard.NotNull(writer, nameof(writer));
        writer.Flush();
        File(BaseStreamOf(writer));
    }

    /// <summary>Flushes <paramref name="writer"/> to its stream, then fsyncs the file under it.</summary>
    /// <exception cref="ArgumentException">The writer does not write to a file.</exception>
    public static void File(BinaryWriter writer)
    {
        Guard.NotNull(writer, nameof(writer));
        writer.Flush();
        File(writer.BaseStream);
    }

    /// <summary>
    /// Flushes <paramref name="writer"/> to its file, then fsyncs the file at <paramref name="path"/>, the one the writer was
    /// opened on (<c>XmlWriter.Create(path)</c>, <c>new XmlTextWriter(path, encoding)</c>): an XML writer does not expose its
    /// stream, so the file is reopened by its path, and the fsync makes every written page of it durable.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The fsync failed; do not retry it.</exception>
    public static void File(System.Xml.XmlWriter writer, string path)
    {
        Guard.NotNull(writer, nameof(writer));
        Guard.NotNullOrEmpty(path, nameof(path));
        writer.Flush();
        File(path);
    }

    /// <summary>
    /// Flushes <paramref name="stream"/>, a stream of the project's own over a file (a hashing or framing wrapper whose Flush
    /// passes its bytes on), then fsyncs the file at <paramref name="path"/>, the one under it: such a wrapper does not expose
    /// its stream, so the file is reopened by its path, and the fsync makes every written page of it durable.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The fsync failed; do not retry it.</exception>
    public static void File(Stream stream, string path)
    {
        Guard.NotNull(stream, nameof(stream));
        Guard.NotNullOrEmpty(path, nameof(path));
        stream.Flush();
        File(path);
    }

    /// <summary>
    /// Writes <paramref name="stream"/>'s buffer asynchronously, then fsyncs its file on the thread pool,
    /// since .NET has no asynchronous fsync (FlushAsync never fsyncs).
    /// </summary>
    public static async Task FileAsync(FileStream stream, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(stream, nameof(stream));
        if (stream.CanWrite)
        {
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        await Task.Run(() => NativeFileSync.FlushToDisk(stream.SafeFileHandle), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes <paramref name="stream"/> and the buffering streams under it asynchronously, then fsyncs the file at the bottom.</summary>
    /// <exception cref="ArgumentException">No <see cref="FileStream"/> lies under <paramref name="stream"/>.</exception>
    public static async Task FileAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var file = FindFile(stream, nameof(stream));
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        await FileAsync(file, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes <paramref name="writer"/> asynchronously, then fsyncs the file under it.</summary>
    /// <exception cref="ArgumentException">The writer does not write to a file.</exception>
    public static async Task FileAsync(TextWriter writer, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(writer, nameof(writer));
        var stream = BaseStreamOf(writer);
#if NET8_0_OR_GREATER
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
#else
        cancellationToken.ThrowIfCancellationRequested();
        await writer.FlushAsync().ConfigureAwait(false);
#endif
        await FileAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes the entries of directory <paramref name="path"/> durable: files created, renamed or deleted
    /// in it survive a power loss. On Windows this does nothing: Windows has no documented way to flush a
    /// directory, and NTFS journals its metadata.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="IOException">The directory could not be opened or fsynced; the message carries errno.</exception>
    public static void Directory(string path)
    {
        Guard.NotNullOrEmpty(path, nameof(path));
        DirectorySync.Sync(Path.GetFullPath(path));
    }

    /// <summary>
    /// Fsyncs the file at <paramref name="path"/>: opens it, fsyncs it, closes it. For files written by code that
    /// cannot fsync (File.WriteAll*, a library call), before they are renamed into place.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The fsync failed; do not retry it.</exception>
    public static void File(string path)
    {
        Guard.NotNullOrEmpty(path, nameof(path));

        // Writable, since FlushFileBuffers on Windows needs write access; opening adds no data and changes no time stamp.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        NativeFileSync.FlushToDisk(stream.SafeFileHandle);
    }

    /// <summary>
    /// Makes the directory entry of a file just created durable and returns the stream, for creations in an expression:
    /// <c>_log = Fsync.Created(new FileStream(path, FileMode.CreateNew));</c>.
    /// </summary>
    /// <exception cref="IOException">The directory fsync failed; the stream is disposed.</exception>
    public static FileStream Created(FileStream stream)
    {
        Guard.NotNull(stream, nameof(stream));
        SyncParentOrDispose(stream, stream.Name);
        return stream;
    }

    /// <summary>Makes the directory entry of the file a new writer created durable and returns the writer.</summary>
    /// <exception cref="ArgumentException">The writer does not write to a file.</exception>
    /// <exception cref="IOException">The directory fsync failed; the writer is disposed.</exception>
    public static StreamWriter Created(StreamWriter writer)
    {
        Guard.NotNull(writer, nameof(writer));
        SyncParentOrDispose(writer, FindFile(writer.BaseStream, nameof(writer)).Name);
        return writer;
    }

    /// <summary>
    /// As <see cref="Created(FileStream)"/> and <see cref="Created(StreamWriter)"/> for a stream or writer type of the
    /// caller's own (a subclass of either), returned as that type: <c>return Fsync.Created(new JournalWriter(path));</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The value is neither a FileStream nor a StreamWriter writing to a file.</exception>
    /// <exception cref="IOException">The directory fsync failed; the value is disposed.</exception>
    public static TStream Created<TStream>(TStream stream)
        where TStream : class, IDisposable
    {
        Guard.NotNull(stream, nameof(stream));
        switch (stream)
        {
            case FileStream file:
                SyncParentOrDispose(file, file.Name);
                break;
            case StreamWriter writer:
                SyncParentOrDispose(writer, FindFile(writer.BaseStream, nameof(stream)).Name);
                break;
            default:
                throw new ArgumentException($"Fsync.Created takes a FileStream or a StreamWriter; {stream.GetType()} is neither.", nameof(stream));
        }

        return stream;
    }

    private static void SyncParentOrDispose(IDisposable created, string filePath)
    {
        try
        {
            ParentDirectory(filePath);
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    /// <summary>Makes the directory entry of <paramref name="filePath"/> durable by fsyncing its parent directory.</summary>
    /// <exception cref="ArgumentException"><paramref name="filePath"/> has no parent directory.</exception>
    public static void ParentDirectory(string filePath)
    {
        Guard.NotNullOrEmpty(filePath, nameof(filePath));
        var parent = Path.GetDirectoryName(Path.GetFullPath(filePath));
        if (string.IsNullOrEmpty(parent))
        {
            throw new ArgumentException($"'{filePath}' has no parent directory to fsync.", nameof(filePath));
        }

        DirectorySync.Sync(parent);
    }

    /// <summary>
    /// Makes the entry of the directory <paramref name="filePath"/> lies in durable, by fsyncing the directory above it: for
    /// code that has just created that directory (<c>Directory.CreateDirectory(Path.GetDirectoryName(filePath))</c>, an
    /// <c>EnsureParent(filePath)</c> helper) and puts <paramref name="filePath"/> in it. The file's own entry needs
    /// <see cref="ParentDirectory"/> as well.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="filePath"/>'s directory has no parent directory (it is a root).</exception>
    /// <exception cref="DirectoryNotFoundException">The directory above does not exist.</exception>
    public static void ParentDirectoryEntry(string filePath)
    {
        Guard.NotNullOrEmpty(filePath, nameof(filePath));
        var parent = Path.GetDirectoryName(Path.GetFullPath(filePath));
        var above = string.IsNullOrEmpty(parent) ? null : Path.GetDirectoryName(parent);
        if (string.IsNullOrEmpty(above))
        {
            throw new ArgumentException($"The directory of '{filePath}' is a root: it has no parent directory to fsync.", nameof(filePath));
        }

        DirectorySync.Sync(above!);
    }

    // The compressing streams this runtime can see through; Brotli and ZLib exist from .NET Core 2.1 and .NET 6.
    private static Stream? BaseStreamOfCompression(Stream stream) => stream switch
    {
        GZipStream gzip => gzip.BaseStream,
        DeflateStream deflate => deflate.BaseStream,
#if NET8_0_OR_GREATER
        BrotliStream brotli => brotli.BaseStream,
        ZLibStream zlib => zlib.BaseStream,
#endif
        _ => null,
    };

    // CryptoStream does not expose the stream it writes to; every runtime keeps it in the private field _stream.
    // Flush pushes the transformed bytes down (not the final padded block, which only FlushFinalBlock writes).
    private static Stream? InnerStreamOf(CryptoStream crypto) =>
        typeof(CryptoStream).GetField("_stream", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(crypto) as Stream;

    // BufferedStream.UnderlyingStream is public from .NET Core 2.0; netstandard2.0 does not declare it.
    private static Stream? UnderlyingStreamOf(BufferedStream buffered) =>
#if NET8_0_OR_GREATER
        buffered.UnderlyingStream;
#else
        typeof(BufferedStream).GetProperty("UnderlyingStream")?.GetValue(buffered) as Stream;
#endif

    private static Stream BaseStreamOf(TextWriter writer) =>
        writer is StreamWriter streamWriter
            ? streamWriter.BaseStream
            : throw new ArgumentException($"A {writer.GetType().Name} does not write to a file, so there is nothing to fsync.", nameof(writer));

    private static FileStream FindFile(Stream stream, string parameterName)
    {
        Guard.NotNull(stream, parameterName);
        var current = stream;
        while (true)
        {
            switch (current)
            {
                case FileStream file:
                    return file;
                case BufferedStream buffered when UnderlyingStreamOf(buffered) is { } underlying:
                    buffered.Flush();
                    current = underlying;
                    continue;
                case CryptoStream crypto when InnerStreamOf(crypto) is { } inner:
                    crypto.Flush();
                    current = inner;
                    continue;
                case not null when BaseStreamOfCompression(current) is { } compressed:
                    // Flush ends the current compressed block, so everything written so far can be decompressed.
                    current.Flush();
                    current = compressed;
                    continue;
                default:
                    throw new ArgumentException(
                        $"A {current!.GetType().Name} is not a file, so there is nothing to fsync; pass the FileStream it writes to.",
                        parameterName);
            }
        }
    }
}
