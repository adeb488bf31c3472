using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>A call that creates, renames or deletes a directory entry, with the paths it touches.</summary>
internal readonly struct DirectoryEntryChange
{
    public DirectoryEntryChange(DirectoryEntryChangeKind kind, IOperation operation, IOperation path, IOperation? destination = null)
    {
        Kind = kind;
        Operation = operation;
        Path = path;
        Destination = destination;
    }

    public DirectoryEntryChangeKind Kind { get; }

    /// <summary>The invocation or object creation that makes the change.</summary>
    public IOperation Operation { get; }

    /// <summary>The created or deleted path, or the source of a rename. A FileInfo stands for its own path.</summary>
    public IOperation Path { get; }

    /// <summary>The destination of a rename.</summary>
    public IOperation? Destination { get; }

    /// <summary>The path whose parent must be fsynced: the destination of a rename, else the path.</summary>
    public IOperation SyncedPath => Destination ?? Path;

    /// <summary>True when the change leaves <paramref name="file"/> in place: it creates it, or renames another file onto it.</summary>
    public bool Produces(FileIdentity file) => Kind != DirectoryEntryChangeKind.Deletion && FileIdentity.Of(SyncedPath) == file;
}
