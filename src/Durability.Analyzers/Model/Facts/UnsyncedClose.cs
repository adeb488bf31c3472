using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>A file that one body opens for writing, writes through a using stream, and closes with no fsync of it.</summary>
internal readonly struct UnsyncedClose
{
    public UnsyncedClose(FileWrite write, ILocalSymbol stream, IVariableDeclaratorOperation declarator)
    {
        Write = write;
        Stream = stream;
        Declarator = declarator;
    }

    /// <summary>The opening of the file.</summary>
    public FileWrite Write { get; }

    /// <summary>The using variable that closes it: the writer around the stream when one wraps it.</summary>
    public ILocalSymbol Stream { get; }

    /// <summary>The declaration of <see cref="Stream"/>.</summary>
    public IVariableDeclaratorOperation Declarator { get; }
}
