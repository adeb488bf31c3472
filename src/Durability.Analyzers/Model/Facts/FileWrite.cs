using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

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
