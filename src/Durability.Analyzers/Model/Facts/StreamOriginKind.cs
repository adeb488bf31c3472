namespace Durability.Analyzers.Model;

/// <summary>Where a value assigned to a stream variable comes from.</summary>
internal enum StreamOriginKind
{
    /// <summary>Nothing known: a call result, a factory, a cast from object.</summary>
    Unknown,

    /// <summary>Opens a file: new FileStream, File.Open/Create/AppendText, new StreamWriter(path).</summary>
    File,

    /// <summary>Opens a file with FileOptions.WriteThrough (O_SYNC, FILE_FLAG_WRITE_THROUGH): each write reaches the disk, so Flush() is enough.</summary>
    WriteThroughFile,

    /// <summary>
    /// Opens a lock, pid, backup, export or report file, by the words of its path: nothing recovers from it, so its
    /// flushes promise no durability.
    /// </summary>
    AuxiliaryFile,

    /// <summary>Not a file: MemoryStream, NetworkStream, Console, pipes.</summary>
    NotFile,

    /// <summary>Wraps another stream (StreamWriter, BinaryWriter, BufferedStream, GZipStream over it).</summary>
    Wrapper,

    /// <summary>A copy of another variable: <c>var fs = _file;</c>.</summary>
    Alias,
}
