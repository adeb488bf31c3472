using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>A file emptied and written again in place by one body, with no fsync before its stream is closed.</summary>
internal readonly struct InPlaceRewrite
{
    public InPlaceRewrite(FileWrite write, ILocalSymbol stream, IVariableDeclaratorOperation declarator, string opening)
    {
        Write = write;
        Stream = stream;
        Declarator = declarator;
        Opening = opening;
    }

    /// <summary>The opening that empties the file.</summary>
    public FileWrite Write { get; }

    /// <summary>The using variable that holds the stream, or the writer around it.</summary>
    public ILocalSymbol Stream { get; }

    /// <summary>The declaration of <see cref="Stream"/>.</summary>
    public IVariableDeclaratorOperation Declarator { get; }

    /// <summary>How the opening empties the file, as the code spells it (FileMode.Create, File.CreateText...).</summary>
    public string Opening { get; }
}
