using System.IO;

namespace Durability.Runtime.Files;

/// <summary>The real file system: FileStream, File.Move and the directory fsync of <see cref="Fsync.Directory"/>.</summary>
internal sealed class OsFileOperations : IFileOperations
{
    public static readonly OsFileOperations Instance = new();

    private const int BufferSize = 4096;

    public Stream CreateNew(string path) =>
        new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);

    public Stream OpenAppend(string path) =>
        new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, BufferSize, FileOptions.Asynchronous);

    public bool Exists(string path) => File.Exists(path);

    public void Fsync(Stream stream) => Runtime.Fsync.File(stream);

    public void Replace(string source, string destination) =>
#if NET8_0_OR_GREATER
        File.Move(source, destination, overwrite: true);
#else
        AtomicRename.Replace(source, destination);
#endif

    public void SyncDirectory(string directory) => Runtime.Fsync.Directory(directory);

    public void Delete(string path) => File.Delete(path);
}
