using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>A file copied (<c>File.Copy</c>, <c>FileInfo.CopyTo</c>) and then deleted, with no fsync of the copy in between.</summary>
internal readonly struct DeletedCopySource
{
    public DeletedCopySource(IOperation copy, IOperation source, IOperation destination, IOperation deletion)
    {
        Copy = copy;
        Source = source;
        Destination = destination;
        Deletion = deletion;
    }

    /// <summary>The call that copies.</summary>
    public IOperation Copy { get; }

    /// <summary>The path (or FileInfo) copied from, and then deleted.</summary>
    public IOperation Source { get; }

    /// <summary>The path the copy is written to.</summary>
    public IOperation Destination { get; }

    /// <summary>The call that deletes the source.</summary>
    public IOperation Deletion { get; }
}
