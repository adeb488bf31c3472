using System;
using System.IO;
using System.IO.Compression;
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
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanWrite)
        {
            stream.Flush(flushToDisk: true);
        }
        else
        {
            // Flush(true) skips read-only streams; FlushToDisk does not.
            RandomAccess.FlushToDisk(stream.SafeFileHandle);
        }
    }

    /// <summary>
    /// Writes <paramref name="stream"/>'s buffer and makes its data durable with fdatasync on Linux, which skips
    /// metadata such as timestamps; it still syncs a size change. It saves little for files that grow and
    /// most for preallocated or overwritten ones. On other systems it is <see cref="File(FileStream)"/>.
    /// </summary>
    /// <exception cref="IOException">fdatasync failed; the message carries errno. Do not retry.</exception>
    public static void FileData(FileStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!OperatingSystem.IsLinux())
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
        ArgumentNullException.ThrowIfNull(handle);
        RandomAccess.FlushToDisk(handle);
    }

    /// <summary>
    /// Flushes <paramref name="stream"/> and every buffering or compressing stream under it (BufferedStream,
    /// GZipStream, DeflateStream, BrotliStream, ZLibStream), then fsyncs the <see cref="FileStream"/> at the bottom.
    /// </summary>
    /// <exception cref="ArgumentException">No <see cref="FileStream"/> lies under <paramref name="stream"/>, so nothing can be fsynced.</exception>
    public static void File(Stream stream) => File(FindFile(stream, nameof(stream)));

    /// <summary>Flushes <paramref name="writer"/> to its stream, then fsyncs the file under it.</summary>
    /// <exception cref="ArgumentException">The writer does not write to a file.</exception>
    public static void File(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Flush();
        File(BaseStreamOf(writer));
    }

    /// <summary>Flushes <paramref name="writer"/> to its stream, then fsyncs the file under it.</summary>
    /// <exception cref="ArgumentException">The writer does not write to a file.</exception>
    public static void File(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Flush();
        File(writer.BaseStream);
    }

    /// <summary>
    /// Writes <paramref name="stream"/>'s buffer asynchronously, then fsyncs its file on the thread pool,
    /// since .NET has no asynchronous fsync (FlushAsync never fsyncs).
    /// </summary>
    public static async Task FileAsync(FileStream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanWrite)
        {
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        await Task.Run(() => RandomAccess.FlushToDisk(stream.SafeFileHandle), cancellationToken).ConfigureAwait(false);
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
        ArgumentNullException.ThrowIfNull(writer);
        var stream = BaseStreamOf(writer);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
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
        ArgumentException.ThrowIfNullOrEmpty(path);
        DirectorySync.Sync(Path.GetFullPath(path));
    }

    /// <summary>Makes the directory entry of <paramref name="filePath"/> durable by fsyncing its parent directory.</summary>
    /// <exception cref="ArgumentException"><paramref name="filePath"/> has no parent directory.</exception>
    public static void ParentDirectory(string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        var parent = Path.GetDirectoryName(Path.GetFullPath(filePath));
        if (string.IsNullOrEmpty(parent))
        {
            throw new ArgumentException($"'{filePath}' has no parent directory to fsync.", nameof(filePath));
        }

        DirectorySync.Sync(parent);
    }

    private static Stream BaseStreamOfCompression(Stream stream) => stream switch
    {
        GZipStream gzip => gzip.BaseStream,
        DeflateStream deflate => deflate.BaseStream,
        BrotliStream brotli => brotli.BaseStream,
        _ => ((ZLibStream)stream).BaseStream,
    };

    private static Stream BaseStreamOf(TextWriter writer) =>
        writer is StreamWriter streamWriter
            ? streamWriter.BaseStream
            : throw new ArgumentException($"A {writer.GetType().Name} does not write to a file, so there is nothing to fsync.", nameof(writer));

    private static FileStream FindFile(Stream stream, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(stream, parameterName);
        var current = stream;
        while (true)
        {
            switch (current)
            {
                case FileStream file:
                    return file;
                case BufferedStream buffered:
                    buffered.Flush();
                    current = buffered.UnderlyingStream;
                    continue;
                case GZipStream or DeflateStream or BrotliStream or ZLibStream:
                    // Flush ends the current compressed block, so everything written so far can be decompressed.
                    current.Flush();
                    current = BaseStreamOfCompression(current);
                    continue;
                default:
                    throw new ArgumentException(
                        $"A {current.GetType().Name} is not a file, so there is nothing to fsync; pass the FileStream it writes to.",
                        parameterName);
            }
        }
    }
}
