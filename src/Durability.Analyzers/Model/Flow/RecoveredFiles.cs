using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Which files a type finds again on start-up: it lists directories (<c>Directory.GetFiles</c>, <c>EnumerateFiles</c>...)
/// and opens, reads or tests the file in another method. A deletion of such a file that is not made durable can be
/// undone by a power cut, and recovery then loads what was deleted: an old segment replayed, a removed snapshot or
/// aggregate back, a stale index read. A file nobody reads back (a temp file, a scratch copy) can come back harmlessly.
/// </summary>
internal sealed class RecoveredFiles
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<INamedTypeSymbol, TypeReads> _byType = new(SymbolEqualityComparer.Default);

    public RecoveredFiles(Compilation compilation) => _compilation = compilation;

    /// <summary>
    /// True when <paramref name="type"/> lists directories in a method other than <paramref name="deletingMember"/> that
    /// does not delete what it lists: it finds its files by listing (at start-up, on load), so a file that comes back is
    /// found again. A type that lists only to clean up (deleting the files or folders a listing finds: obsolete snapshots a
    /// manifest no longer names, backups a restore already read by name) is not taken to recover by listing: what comes
    /// back there is an orphan nothing names.
    /// </summary>
    public bool ListsElsewhere(INamedTypeSymbol type, ISymbol deletingMember, CancellationToken cancellationToken)
    {
        var reads = ReadsOf(type, cancellationToken);
        foreach (var lister in reads.Listers)
        {
            if (reads.RecoversBy(lister, deletingMember))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/> lists directories and reads the file <paramref name="file"/> in a method other than <paramref name="deletingMember"/>.</summary>
    public bool IsReadBack(INamedTypeSymbol type, FileIdentity file, ISymbol deletingMember, CancellationToken cancellationToken) =>
        ReadsOf(type, cancellationToken).Listers.Count > 0 && IsReadElsewhere(type, file, deletingMember, cancellationToken);

    /// <summary>
    /// True when a method of <paramref name="type"/> other than <paramref name="member"/> reads <paramref name="file"/>,
    /// whether or not the type lists its folder: a reader that falls back to a backup when the live file is missing.
    /// </summary>
    public bool IsReadElsewhere(INamedTypeSymbol type, FileIdentity file, ISymbol member, CancellationToken cancellationToken)
    {
        foreach (var (reader, read) in ReadsOf(type, cancellationToken).Files)
        {
            if (read == file && !SymbolEqualityComparer.Default.Equals(reader, member))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a method of <paramref name="type"/> other than <paramref name="member"/> reads a file that
    /// <paramref name="pathMethod"/> names: a load trying each numbered backup in turn reads the one a save moved its file to.
    /// </summary>
    public bool IsReadThroughElsewhere(INamedTypeSymbol type, IMethodSymbol pathMethod, ISymbol member, CancellationToken cancellationToken)
    {
        foreach (var (reader, read) in ReadsOf(type, cancellationToken).PathMethods)
        {
            if (SymbolEqualityComparer.Default.Equals(read, pathMethod) && !SymbolEqualityComparer.Default.Equals(reader, member))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a method of <paramref name="type"/> other than <paramref name="deletingMember"/> renames the file
    /// <paramref name="backup"/> back over <paramref name="live"/> (<c>File.Move(path + ".old", path)</c>): recovery restores
    /// that backup whenever it finds it, so a deletion of it that a power cut undoes puts the old version back.
    /// </summary>
    public bool RestoresBackup(INamedTypeSymbol type, FileIdentity backup, FileIdentity live, ISymbol deletingMember, CancellationToken cancellationToken)
    {
        foreach (var (member, from, to) in ReadsOf(type, cancellationToken).Renames)
        {
            if (from == backup && to == live && !SymbolEqualityComparer.Default.Equals(member, deletingMember))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="deletingMember"/> moves a live file aside to <paramref name="backup"/> (before it writes
    /// the new version and deletes the backup), and another method of <paramref name="type"/> restores that backup.
    /// </summary>
    public bool MovesAsideWhatIsRestored(INamedTypeSymbol type, FileIdentity backup, ISymbol deletingMember, CancellationToken cancellationToken)
    {
        foreach (var (member, live, movedTo) in ReadsOf(type, cancellationToken).Renames)
        {
            if (movedTo == backup && SymbolEqualityComparer.Default.Equals(member, deletingMember) && RestoresBackup(type, backup, live, member, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a method of <paramref name="type"/> moves a live file aside to a backup and then has
    /// <paramref name="deletingHelper"/> delete that backup, passing it as the parameter at <paramref name="ordinal"/>
    /// (<c>File.Move(path, path + ".old"); ...; WaitDelete(path + ".old")</c>), and another method restores that backup
    /// over the live file: the helper's deletion commits the caller's rewrite.
    /// </summary>
    public bool DeletesRestoredBackupFor(INamedTypeSymbol type, IMethodSymbol deletingHelper, int ordinal, CancellationToken cancellationToken)
    {
        var reads = ReadsOf(type, cancellationToken);
        foreach (var (caller, callee, arguments) in reads.OwnCalls)
        {
            if (!SymbolEqualityComparer.Default.Equals(callee, deletingHelper) || ordinal >= arguments.Length || arguments[ordinal] is not { } backup)
            {
                continue;
            }

            if (MovesAsideWhatIsRestored(type, backup, caller, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the file <paramref name="path"/> names was found by listing a directory: the variable of a loop, or the
    /// parameter of a callback, over <c>Directory.GetFiles</c> and the like, through LINQ and the type's own helpers that
    /// return a listing. Code that finds its files by listing finds a deleted one again when a power cut brings it back.
    /// </summary>
    public bool IsFoundByListing(IOperation path, CancellationToken cancellationToken)
    {
        var current = FileApiModel.StripConversions(path);
        if (current is IPropertyReferenceOperation { Property.Name: "FullName" or "Name", Instance: { } info })
        {
            current = FileApiModel.StripConversions(info);
        }

        switch (current)
        {
            case ILocalReferenceOperation local:
                for (var parent = current.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is IForEachLoopOperation loop && loop.Locals.Contains(local.Local))
                    {
                        return IsListing(loop.Collection, 0, cancellationToken);
                    }
                }

                return false;
            case IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } callback }:
                for (var parent = current.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, callback))
                    {
                        // xs.ForEach(x => File.Delete(x)), xs.Where(...).ToList().ForEach(...): the callback takes the receiver's items.
                        return function.Parent?.Parent?.Parent is IInvocationOperation call && Receiver(call) is { } items &&
                               IsListing(items, 0, cancellationToken);
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private bool IsListing(IOperation? operation, int depth, CancellationToken cancellationToken)
    {
        operation = FileApiModel.StripConversions(operation);
        if (operation is not IInvocationOperation call || depth > 4)
        {
            return false;
        }

        var method = call.TargetMethod;
        if (IsDirectoryListing(method))
        {
            return !ListsScratch(call);
        }

        if (method.Name is "ToList" or "ToArray" or "Where" or "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" or
            "Skip" or "Take" or "SkipWhile" or "TakeWhile" or "AsEnumerable" or "Reverse" or "Distinct")
        {
            return IsListing(Receiver(call), depth + 1, cancellationToken);
        }

        // A helper of the code's own that returns a listing (GetSnapshotFiles(...) => directory.GetFiles(...).Where(...)).
        if (SourceBodies.CanSummarise(method) && method.ReturnsVoid is false)
        {
            foreach (var body in SourceBodies.Of(_compilation, method, cancellationToken))
            {
                foreach (var part in body.DescendantsAndSelf())
                {
                    if (part is IReturnOperation { ReturnedValue: { } returned } && IsListing(returned, depth + 1, cancellationToken))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    // A listing of a temp folder or of temp files (GetTempPath(), "*.tmp"): clean-up of what nobody recovers from.
    private static bool ListsScratch(IInvocationOperation listing)
    {
        foreach (var argument in listing.Arguments)
        {
            if (PathNames.IsTemporaryFile(argument.Value))
            {
                return true;
            }
        }

        return listing.Instance is { } directory && PathNames.IsTemporaryFile(directory);
    }

    // The sequence a LINQ or List method works on: the instance, or the first argument of an extension method.
    private static IOperation? Receiver(IInvocationOperation call) =>
        call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);

    private static bool IsDirectoryListing(IMethodSymbol method) =>
        method.ContainingType is { } owner && SystemIO.Declares(owner) &&
        (owner.Name, method.Name) is
            ("Directory", "GetFiles" or "EnumerateFiles" or "GetFileSystemEntries" or "EnumerateFileSystemEntries" or "GetDirectories" or "EnumerateDirectories") or
            ("DirectoryInfo", "GetFiles" or "EnumerateFiles" or "GetFileSystemInfos" or "EnumerateFileSystemInfos" or "GetDirectories" or "EnumerateDirectories");

    private TypeReads ReadsOf(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        _byType.TryGetValue(type, out var known) ? known : _byType.GetOrAdd(type, Scan(type, cancellationToken));

    private TypeReads Scan(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var reads = new TypeReads();
        foreach (var (method, operation) in SourceBodies.OperationsOfMethods(_compilation, type, cancellationToken))
        {
            if (operation.Kind is OperationKind.Invocation or OperationKind.ObjectCreation or OperationKind.PropertyReference or OperationKind.Invalid)
            {
                Read(operation, method, reads, cancellationToken);
            }
        }

        return reads;
    }

    private void Read(IOperation operation, IMethodSymbol member, TypeReads reads, CancellationToken cancellationToken)
    {
        if (operation is IPropertyReferenceOperation { Property.Name: "Exists", Instance: { } info } && SystemIO.Is(info.Type, "FileInfo"))
        {
            reads.Files.Add((member, FileIdentity.Of(info)));
            return;
        }

        // A call of the type's own method with a path: a helper it hands a file to (read below as well, when it wraps one
        // System.IO call).
        if (operation is IInvocationOperation { TargetMethod: { MethodKind: MethodKind.Ordinary } target } own &&
            SymbolEqualityComparer.Default.Equals(target.ContainingType, member.ContainingType) && FileIdentity.HasPathParameter(target))
        {
            reads.OwnCalls.Add((member, target.OriginalDefinition, PathsOf(own)));
        }

        if (!Call.TryRead(operation, out var call) || call.Method.ContainingType is not { } owner || !SystemIO.Declares(owner))
        {
            return;
        }

        if (IsDirectoryListing(call.Method))
        {
            reads.Listers.Add(member);
            if (call.ArgumentFor(1) is { ConstantValue: { HasValue: true, Value: string pattern } } && ExtensionOfPattern(pattern) is { } extension)
            {
                reads.ListedExtensions.Add((member, extension));
            }

            return;
        }

        switch (owner.Name, call.Method.Name)
        {
            case ("File" or "FileInfo" or "Directory" or "DirectoryInfo", "Delete"):
                if ((call.Instance ?? call.ArgumentFor(0)) is { } deleted && IsFoundByListing(deleted, cancellationToken))
                {
                    reads.Cleaners.Add(member);
                }

                break;
            case ("File", "Exists" or "Open" or "OpenRead" or "OpenText" or "OpenHandle" or "ReadAllBytes" or "ReadAllText" or "ReadAllLines" or "ReadLines" or
                  "ReadAllBytesAsync" or "ReadAllTextAsync" or "ReadAllLinesAsync" or "ReadLinesAsync"):
            case ("Directory", "Exists"):
            case ("FileStream" or "StreamReader", _) when call.CreatedType is not null:
                if (call.ArgumentFor(0) is { } path && FileIdentity.IsPathType(path.Type))
                {
                    reads.Files.Add((member, FileIdentity.Of(path)));
                    if (PathMethods.Of(path) is { } pathMethod)
                    {
                        reads.PathMethods.Add((member, pathMethod));
                    }
                }

                break;
            case ("File", "Move" or "Replace"):
                if (call.ArgumentFor(0) is { } source && call.ArgumentFor(1) is { } destination)
                {
                    reads.Renames.Add((member, FileIdentity.Of(source), FileIdentity.Of(destination)));
                }

                break;
            case ("FileInfo", "Open" or "OpenRead" or "OpenText"):
                if (call.Instance is { } file)
                {
                    reads.Files.Add((member, FileIdentity.Of(file)));
                }

                break;
        }
    }

    /// <summary>
    /// True when another method of <paramref name="type"/> than <paramref name="creatingMember"/> lists files by a pattern
    /// of the extension <paramref name="path"/>'s name ends in (<c>Directory.GetFiles(dir, "*.eml")</c> for a message saved
    /// as <c>$"{stamp}-{random}.eml"</c>), and does not delete what it lists: each such file is a record recovery loads.
    /// </summary>
    public bool IsFoundByPatternElsewhere(INamedTypeSymbol type, ISymbol creatingMember, IOperation path, System.Func<ILocalSymbol, IOperation?> initializerOf, CancellationToken cancellationToken)
    {
        var reads = ReadsOf(type, cancellationToken);
        if (reads.ListedExtensions.Count == 0)
        {
            return false;
        }

        foreach (var (lister, extension) in reads.ListedExtensions)
        {
            if (reads.RecoversBy(lister, creatingMember) && PathNames.EndsInExtension(path, extension, initializerOf))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly char[] Wildcards = { '*', '?' };

    // "*.eml" gives ".eml"; "*", "*.*" and names with more than a wildcard extension give nothing.
    private static string? ExtensionOfPattern(string pattern) =>
        pattern.Length > 2 && pattern[0] == '*' && pattern[1] == '.' && pattern.IndexOfAny(Wildcards, 1) < 0 && pattern.IndexOf('.', 2) < 0
            ? pattern.Substring(1)
            : null;

    // The file each path argument of a call names, by parameter ordinal (null where the parameter takes no path).
    private static FileIdentity?[] PathsOf(IInvocationOperation call)
    {
        var paths = new FileIdentity?[call.TargetMethod.Parameters.Length];
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is { } parameter && parameter.Ordinal < paths.Length && FileIdentity.IsPathType(parameter.Type))
            {
                paths[parameter.Ordinal] = FileIdentity.Of(argument.Value);
            }
        }

        return paths;
    }

    private sealed class TypeReads
    {
        public HashSet<IMethodSymbol> Listers { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>The extensions listings look for by a constant pattern ("*.eml"), with the member that lists.</summary>
        public List<(IMethodSymbol Member, string Extension)> ListedExtensions { get; } = new();

        /// <summary>Members that delete what a listing found: their listings look for what to clean up.</summary>
        public HashSet<IMethodSymbol> Cleaners { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>True when <paramref name="lister"/>, a member other than <paramref name="member"/>, lists to find files again, not to clean up.</summary>
        public bool RecoversBy(IMethodSymbol lister, ISymbol member) =>
            !SymbolEqualityComparer.Default.Equals(lister, member) && !Cleaners.Contains(lister);

        public List<(IMethodSymbol Member, FileIdentity File)> Files { get; } = new();

        /// <summary>The project's path methods whose files a member reads (<c>File.OpenRead(GetBackupSavePath(name, i))</c>).</summary>
        public List<(IMethodSymbol Member, IMethodSymbol PathMethod)> PathMethods { get; } = new();

        /// <summary>The type's renames: a backup made of a live file, or restored over it.</summary>
        public List<(IMethodSymbol Member, FileIdentity From, FileIdentity To)> Renames { get; } = new();

        /// <summary>Calls of the type's own methods, with the file each path argument names.</summary>
        public List<(IMethodSymbol Caller, IMethodSymbol Callee, FileIdentity?[] Paths)> OwnCalls { get; } = new();
    }
}
