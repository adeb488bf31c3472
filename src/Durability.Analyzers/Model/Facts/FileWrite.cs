using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>A call that writes the file at <see cref="Path"/>.</summary>
internal readonly struct FileWrite
{
    public FileWrite(FileWriteKind kind, IOperation operation, IOperation path, bool durable)
        : this(kind, operation, path, FileIdentity.Of(path), durable)
    {
    }

    /// <summary>A write whose file is named by <paramref name="file"/> rather than by the expression <paramref name="path"/>:
    /// a helper's returned file, held in a variable.</summary>
    public FileWrite(FileWriteKind kind, IOperation operation, IOperation path, FileIdentity file, bool durable)
    {
        Kind = kind;
        Operation = operation;
        Path = path;
        File = file;
        Durable = durable;
    }

    public FileWriteKind Kind { get; }

    /// <summary>The object creation or invocation that writes.</summary>
    public IOperation Operation { get; }

    /// <summary>The path written, a string or a FileInfo.</summary>
    public IOperation Path { get; }

    /// <summary>The file written.</summary>
    public FileIdentity File { get; }

    /// <summary>True when the write itself reaches the disk: FileOptions.WriteThrough, or a helper that fsyncs what it writes.</summary>
    public bool Durable { get; }
}
