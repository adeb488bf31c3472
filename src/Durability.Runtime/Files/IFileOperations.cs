using System.IO;

namespace Durability.Runtime.Files;

/// <summary>
/// The file-system calls <see cref="DurableFile"/> makes, in one seam so tests can run it on a disk that loses,
/// on a power cut, whatever was not fsynced.
/// </summary>
internal interface IFileOperations
{
    /// <summary>Creates a new file for writing; fails if it exists.</summary>
    Stream CreateNew(string path);

    /// <summary>Opens a file to append to it, creating it when missing.</summary>
    Stream OpenAppend(string path);

    bool Exists(string path);

    /// <summary>Writes the stream's buffers to the OS, then fsyncs its file.</summary>
    void Fsync(Stream stream);

    /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/>, replacing it atomically if it exists.</summary>
    void Replace(string source, string destination);

    /// <summary>fsyncs a directory, making the entries created, renamed or deleted in it durable.</summary>
    void SyncDirectory(string directory);

    /// <summary>Deletes a file; does nothing when it is missing.</summary>
    void Delete(string path);
}
