using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>How a call puts contents into a file.</summary>
internal enum FileWriteKind
{
    /// <summary>Opens the file for writing: a FileStream, a StreamWriter over a path, File.Create, FileInfo.OpenWrite...</summary>
    Stream,

    /// <summary>File.WriteAll* or File.AppendAll*: writes and closes the file, and cannot fsync it.</summary>
    WholeFile,

    /// <summary>A method declared in source that writes the file whose path it is given.</summary>
    Helper,
}

/// <summary>A call that writes the file at <see cref="Path"/>.</summary>
internal readonly struct FileWrite
{
    public FileWrite(FileWriteKind kind, IOperation operation, IOperation path, bool durable)
    {
        Kind = kind;
        Operation = operation;
        Path = path;
        Durable = durable;
    }

    public FileWriteKind Kind { get; }

    /// <summary>The object creation or invocation that writes.</summary>
    public IOperation Operation { get; }

    /// <summary>The path written, a string or a FileInfo.</summary>
    public IOperation Path { get; }

    /// <summary>True when the write itself reaches the disk: FileOptions.WriteThrough, or a helper that fsyncs what it writes.</summary>
    public bool Durable { get; }
}
