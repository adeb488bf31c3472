using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>A call that creates, renames or deletes a directory entry, with the paths it touches.</summary>
internal readonly struct DirectoryEntryChange
{
    public DirectoryEntryChange(DirectoryEntryChangeKind kind, IOperation operation, IOperation path, IOperation? destination = null)
    {
        Kind = kind;
        Operation = operation;
        Path = PathResolver.WithoutDirectoryFallback(path);
        Destination = destination is null ? null : PathResolver.WithoutDirectoryFallback(destination);
        DirectoryHelper = null;
        CreatesDirectoryOfPath = false;
    }

    /// <summary>
    /// A call to the project's own directory-creating helper: <c>EnsureDirectory(dir)</c> creates <paramref name="path"/>,
    /// <c>EnsureParent(file)</c> the directory <paramref name="path"/> lies in (<paramref name="ofPath"/>).
    /// </summary>
    public DirectoryEntryChange(IOperation operation, IOperation path, IMethodSymbol helper, bool ofPath)
        : this(DirectoryEntryChangeKind.Creation, operation, path)
    {
        DirectoryHelper = helper;
        CreatesDirectoryOfPath = ofPath;
    }

    public DirectoryEntryChangeKind Kind { get; }

    /// <summary>The invocation or object creation that makes the change.</summary>
    public IOperation Operation { get; }

    /// <summary>The created or deleted path, or the source of a rename. A FileInfo stands for its own path.</summary>
    public IOperation Path { get; }

    /// <summary>The destination of a rename.</summary>
    public IOperation? Destination { get; }

    /// <summary>The project's method whose body creates the directory, when the change is a call to it.</summary>
    public IMethodSymbol? DirectoryHelper { get; }

    /// <summary>True when the helper creates the directory <see cref="Path"/> lies in, not <see cref="Path"/> itself.</summary>
    public bool CreatesDirectoryOfPath { get; }

    /// <summary>
    /// True when the change is to a directory: a call of <c>Directory</c> or <c>DirectoryInfo</c> (<c>Directory.Move</c>,
    /// <c>DirectoryInfo.Delete</c>, <c>CreateSubdirectory</c>...), or a call to the project's helper that creates one.
    /// </summary>
    public bool IsOfADirectory =>
        DirectoryHelper is not null ||
        (Call.TryRead(Operation, out var call) && (SystemIO.Is(call.Method.ContainingType, "Directory") || SystemIO.Is(call.Method.ContainingType, "DirectoryInfo")));

    /// <summary>
    /// True when the change creates a directory: <c>Directory.CreateDirectory</c>, <c>DirectoryInfo.Create</c>,
    /// <c>CreateSubdirectory</c> (the only creations of those types), or a call to the project's helper that does.
    /// </summary>
    public bool CreatesADirectory => Kind == DirectoryEntryChangeKind.Creation && IsOfADirectory;

    /// <summary>The path whose parent must be fsynced: the destination of a rename, else the path.</summary>
    public IOperation SyncedPath => Destination ?? Path;

    /// <summary>
    /// True when the change leaves <paramref name="file"/> in place: it creates it, or renames another file onto it. A
    /// directory made for the file does not.
    /// </summary>
    public bool Produces(FileIdentity file) => Kind != DirectoryEntryChangeKind.Deletion && !CreatesDirectoryOfPath && FileIdentity.Of(SyncedPath) == file;
}
