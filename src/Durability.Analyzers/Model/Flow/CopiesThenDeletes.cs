using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Moves written as a copy and a deletion of the source (<c>File.Copy(a, b); File.Delete(a)</c>), the fallback where
/// <c>File.Move</c> cannot overwrite or cross volumes. The copy is written and closed with no fsync, and the deletion's
/// entry can reach the disk before the copy's data: after a power cut the source is gone and the copy empty or torn.
/// The copy must be fsynced (data and entry) before the source is deleted.
/// </summary>
internal static class CopiesThenDeletes
{
    /// <summary>Words a body that copies a file and deletes one spells: a body without both has no such move.</summary>
    public static readonly string[] CopyWords = { "Copy" };

    /// <summary>The word of the deletion that must follow.</summary>
    public static readonly string[] DeleteWords = { "Delete" };

    /// <summary>
    /// The copies of <paramref name="body"/> whose source is deleted later with no fsync of the copy before it; a deletion
    /// through the project's own file-system method (<c>_disk.DeleteFile(source)</c>, <see cref="EntryForwarders"/>) counts.
    /// </summary>
    public static List<DeletedCopySource> In(IOperation body, FileContentsScan scan, DirectoryApiModel directories, EntryForwarders forwarders)
    {
        var found = new List<DeletedCopySource>();
        List<(IOperation Call, IOperation Source, IOperation Destination)>? copies = null;
        List<DirectoryEntryChange>? deletions = null;
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is not (IInvocationOperation or IInvalidOperation))
            {
                continue;
            }

            if (CopyOf(operation, scan.Files) is { } copy)
            {
                (copies ??= new()).Add(copy);
            }
            else if ((directories.Classify(operation) ?? forwarders.Classify(operation, AnyHolder, scan.Context.CancellationToken)) is
                     { Kind: DirectoryEntryChangeKind.Deletion } deletion)
            {
                (deletions ??= new()).Add(deletion);
            }
        }

        if (copies is null || deletions is null)
        {
            return found;
        }

        foreach (var copy in copies)
        {
            var source = FileIdentity.Of(copy.Source);
            var destination = FileIdentity.Of(copy.Destination);
            // A backup named so is a second copy only while its source lives: once the source is deleted it is the only one.
            if (PathNames.IsNotRecoveredFile(copy.Destination) || PathNames.IsTemporaryFile(copy.Destination) || source == destination)
            {
                continue;
            }

            foreach (var deletion in deletions)
            {
                if (deletion.Operation.Syntax.SpanStart > copy.Call.Syntax.Span.End && FileIdentity.Of(deletion.Path) == source &&
                    SameFunction(copy.Call, deletion.Operation) &&
                    !StructuredPaths.IsPrecededOnEveryPath(deletion.Operation, operation => scan.FsyncsFile(operation, destination)))
                {
                    found.Add(new DeletedCopySource(copy.Call, copy.Source, copy.Destination, deletion.Operation));
                    break;
                }
            }
        }

        return found;
    }

    // Whoever reports the provider's own deletion, the call deletes its path: the copy it follows is all that is left.
    private static bool AnyHolder(INamedTypeSymbol holder) => false;

    /// <summary>True for <c>File.Copy</c> and <c>FileInfo.CopyTo</c>.</summary>
    public static bool IsCopy(Call call, FileApiModel files) =>
        (call.Method.Name == "Copy" && SymbolEqualityComparer.Default.Equals(call.Method.ContainingType, files.File)) ||
        (call.Method.Name == "CopyTo" && SymbolEqualityComparer.Default.Equals(call.Method.ContainingType, files.FileInfo));

    // File.Copy(source, destination[, overwrite]) and source.CopyTo(destination[, overwrite]) on a FileInfo.
    private static (IOperation Call, IOperation Source, IOperation Destination)? CopyOf(IOperation operation, FileApiModel files)
    {
        if (!Call.TryRead(operation, out var call) || !IsCopy(call, files))
        {
            return null;
        }

        if (call.Method.Name == "Copy")
        {
            return call.ArgumentFor(0) is { } source && call.ArgumentFor(1) is { } destination ? (operation, source, destination) : null;
        }

        return call.Instance is { } info && call.ArgumentFor(0) is { } target && target.Type?.SpecialType == SpecialType.System_String
            ? (operation, info, target)
            : null;
    }

    // A deletion in a lambda or local function runs when that is called, not after the copy.
    private static bool SameFunction(IOperation copy, IOperation deletion) => FunctionOf(copy) == FunctionOf(deletion);

    private static IOperation? FunctionOf(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }
}
