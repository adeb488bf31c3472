using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A file a type creates in one method and renames in another: a dump or staging file opened when a job starts
/// (<c>_stream = File.Create(DumpPath(_map))</c>) and renamed into place when it completes
/// (<c>var dump = DumpPath(_map); File.Move(dump, FilePath(_map))</c>). Its creation is a staging step, as a temp file
/// renamed in the same method is: only the rename's entry must be durable. The path must name the same file in both
/// methods, so it may read fields, constants and calls on them, and locals initialised from those, but no parameter.
/// Asked only for a creation that would otherwise be reported; each type's renames are read once.
/// </summary>
internal sealed class StagedAcrossMethods
{
    private readonly Compilation _compilation;
    private readonly DirectoryApiModel _directories;
    private readonly ConcurrentDictionary<INamedTypeSymbol, List<(IOperation Body, FileIdentity Renamed, IOperation Rename)>> _renames = new(SymbolEqualityComparer.Default);

    public StagedAcrossMethods(Compilation compilation, DirectoryApiModel directories)
    {
        _compilation = compilation;
        _directories = directories;
    }

    /// <summary>
    /// True when another body of <paramref name="type"/> renames the file <paramref name="path"/> (in <paramref name="creatingBody"/>
    /// of <paramref name="creator"/>) names. Not when that body then makes the file again (a log rotated to an archive name and
    /// started anew by a call of <paramref name="creator"/>): the rename moves the old file away, and the new one's entry is its own.
    /// </summary>
    public bool RenamedByAnotherMethod(INamedTypeSymbol type, ISymbol creator, IOperation creatingBody, IOperation path, CancellationToken cancellationToken)
    {
        if (StableIdentity(path, creatingBody) is not { } created)
        {
            return false;
        }

        foreach (var (body, renamed, rename) in RenamesOf(type, cancellationToken))
        {
            if (renamed == created &&
                !(body.Syntax.SyntaxTree == creatingBody.Syntax.SyntaxTree && body.Syntax.Span.Contains(creatingBody.Syntax.Span)) &&
                !CallsAfter(body, rename, creator))
            {
                return true;
            }
        }

        return false;
    }

    // File.Move(path, archive); CreateNewLog(): the creator is called after the rename, in the renaming body.
    private static bool CallsAfter(IOperation body, IOperation rename, ISymbol creator)
    {
        var after = rename.Syntax.Span.End;
        foreach (var operation in body.Descendants())
        {
            if (operation is IInvocationOperation { TargetMethod: var called } && operation.Syntax.SpanStart >= after &&
                SymbolEqualityComparer.Default.Equals(called.OriginalDefinition, creator.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    // The stable paths the type's bodies rename, each with its body.
    private List<(IOperation Body, FileIdentity Renamed, IOperation Rename)> RenamesOf(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (_renames.TryGetValue(type, out var known))
        {
            return known;
        }

        var renames = new List<(IOperation Body, FileIdentity Renamed, IOperation Rename)>();
        foreach (var body in SourceBodies.OfMethodsNaming(_compilation, type, DirectoryApiModel.RenameWords, cancellationToken))
        {
            foreach (var operation in body.Descendants())
            {
                if (operation.Kind == OperationKind.Invocation && _directories.Classify(operation) is { Kind: DirectoryEntryChangeKind.Rename } rename &&
                    StableIdentity(rename.Path, body) is { } renamed)
                {
                    renames.Add((body, renamed, operation));
                }
            }
        }

        return _renames.GetOrAdd(type, renames);
    }

    // The file the path names in any method of the type, or null when it reads a parameter or a local it cannot follow
    // (a local is known by its name alone, which another method may reuse for another file).
    private static FileIdentity? StableIdentity(IOperation path, IOperation body)
    {
        var value = FileApiModel.StripConversions(path) ?? path;
        if (value is ILocalReferenceOperation local)
        {
            if (SourceBodies.InitializerOf(local.Local, body) is not { } initial)
            {
                return null;
            }

            value = FileApiModel.StripConversions(initial) ?? initial;
        }

        foreach (var part in value.DescendantsAndSelf())
        {
            if (part is ILocalReferenceOperation or IParameterReferenceOperation)
            {
                return null;
            }
        }

        return FileIdentity.Of(value);
    }
}
