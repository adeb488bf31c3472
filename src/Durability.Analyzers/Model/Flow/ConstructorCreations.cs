using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Constructors of the project's own types that create a file from a path they are given: <c>new DataFile(path, id)</c>
/// whose body opens <c>path</c> with <c>FileMode.OpenOrCreate</c>, or <c>new Manifest(directory)</c> whose body creates
/// <c>Path.Combine(directory, "0.mf")</c>. A directory created and then handed to such a constructor is filled, as one a
/// file is created in at once is. Each constructor is read once per compilation, and only when a rule asks: for a directory
/// creation that the method's own calls do not show filled.
/// </summary>
internal sealed class ConstructorCreations
{
    private readonly Compilation _compilation;
    private readonly DirectoryApiModel _directories;
    private readonly ConcurrentDictionary<IMethodSymbol, List<CreatedFrom>> _created = new(SymbolEqualityComparer.Default);

    public ConstructorCreations(Compilation compilation, DirectoryApiModel directories)
    {
        _compilation = compilation;
        _directories = directories;
    }

    /// <summary>The parameters a constructor creates a file from: the file itself, or the directory it creates one in.</summary>
    public List<CreatedFrom> Of(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        var original = constructor.OriginalDefinition;
        return _created.TryGetValue(original, out var known) ? known : _created.GetOrAdd(original, Compute(original, cancellationToken));
    }

    private List<CreatedFrom> Compute(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        var found = new List<CreatedFrom>();
        if (constructor.MethodKind != MethodKind.Constructor || !SourceBodies.CanSummarise(constructor) || !FileIdentity.HasPathParameter(constructor))
        {
            return found;
        }

        foreach (var body in SourceBodies.Of(_compilation, constructor, cancellationToken))
        {
            foreach (var operation in body.Descendants())
            {
                if (operation.Kind is not (OperationKind.Invocation or OperationKind.ObjectCreation) ||
                    _directories.Classify(operation) is not { Kind: DirectoryEntryChangeKind.Creation } creation || creation.CreatesADirectory)
                {
                    continue;
                }

                var path = PassedParameters.ThroughLocals(creation.Path, body, locals: 1);
                if (path is not null && PassedParameters.OrdinalOf(path, constructor) is { } file)
                {
                    found.Add(new CreatedFrom(file, inDirectory: false));
                }
                else if (path is not null && PathResolver.PathArgument(path, "Combine", 2) is { } directory &&
                         PassedParameters.OrdinalOf(directory, constructor) is { } folder)
                {
                    found.Add(new CreatedFrom(folder, inDirectory: true));
                }
            }
        }

        return found;
    }

    /// <summary>A constructor parameter a file is created from: the file's path, or the directory the file is created in.</summary>
    internal readonly struct CreatedFrom
    {
        public CreatedFrom(int ordinal, bool inDirectory)
        {
            Ordinal = ordinal;
            InDirectory = inDirectory;
        }

        public int Ordinal { get; }

        public bool InDirectory { get; }
    }
}
