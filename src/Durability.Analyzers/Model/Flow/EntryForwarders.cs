using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Durability.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// The project's own file-system methods that hand their path parameters straight to a rename or a deletion, with no
/// directory fsync after it: <c>void DeleteFile(string path) =&gt; File.Delete(path)</c> on a
/// <c>LocalFileSystem</c>, or an interface method (<c>IFileProvider.Replace</c>) whose implementations in the
/// compilation do so. Storage engines put such a provider under their logs and segments; a call to it is the change
/// itself, with the call's arguments as its paths. So is a replace facade whose renames all move one parameter's file onto
/// another's (a move when the target is missing, a replace else, a copy across drives). A helper that creates a directory
/// for its caller (<c>EnsureDirectory(dir)</c>, <c>EnsureParent(file) =&gt; Directory.CreateDirectory(Path.GetDirectoryName(file))</c>)
/// is a directory creation at each call, which the caller fills. Each called method is judged once per compilation, and
/// bound only when it is short and its text spells a System.IO change.
/// </summary>
internal sealed class EntryForwarders
{
    // A provider's method is a few lines around one call (argument checks, a retry loop); a longer method is logic of its own.
    private const int MaxWrapperLength = 1500;

    // A replace facade tries a move, a replace, and a copy across drives with its clean-up: longer, but one rename still.
    private const int MaxFacadeLength = 4000;

    // How a forwarding body spells its call: a rename, a deletion, a whole-file write (a save helper), a directory creation.
    private static readonly string[] ForwardedWords =
    {
        "File.Move", "File.Replace", "File.Delete", "Directory.Move", "Directory.Delete", "MoveTo(", "File.WriteAll", "File.AppendAll",
        "CreateDirectory",
    };

    private readonly Compilation _compilation;
    private readonly FileApiModel _files;
    private readonly DirectoryApiModel _directories;
    private readonly FileWriteApiModel _writes;
    private readonly DirectorySyncModel _syncs;
    private readonly ConcurrentDictionary<IMethodSymbol, Forwarding> _forwardings = new(SymbolEqualityComparer.Default);

    public EntryForwarders(Compilation compilation, FileApiModel files, DirectoryApiModel directories, FileWriteApiModel writes, DirectorySyncModel syncs)
    {
        _compilation = compilation;
        _files = files;
        _directories = directories;
        _writes = writes;
        _syncs = syncs;
    }

    /// <summary>
    /// The change a call to a forwarding method makes, at the call, when <paramref name="isChecked"/> says the type that holds
    /// the forwarding body is not itself checked: a checked type reports the change in that body, once, not at every call.
    /// A directory creation is the caller's whatever holds the helper: only the caller fills the directory.
    /// </summary>
    public DirectoryEntryChange? Classify(IOperation operation, System.Func<INamedTypeSymbol, bool> isChecked, CancellationToken cancellationToken)
    {
        if (operation is not IInvocationOperation { TargetMethod: var target } invocation ||
            target.Parameters.IsEmpty || !_files.IsDeclaredHere(target) || target.MethodKind != MethodKind.Ordinary)
        {
            return null;
        }

        var method = target.OriginalDefinition;
        var forwarding = _forwardings.TryGetValue(method, out var known) ? known : _forwardings.GetOrAdd(method, Compute(method, cancellationToken));
        if (forwarding.Kind is not { } kind || FileApiModel.ArgumentFor(invocation, forwarding.PathOrdinal) is not { } path)
        {
            return null;
        }

        if (forwarding.Directory != CreatedDirectory.None)
        {
            return new DirectoryEntryChange(invocation, path, method, ofPath: forwarding.Directory == CreatedDirectory.OfPath);
        }

        if (AnyChecked(forwarding.Holders, isChecked))
        {
            return null;
        }

        if (forwarding.DestinationOrdinal < 0)
        {
            return new DirectoryEntryChange(kind, invocation, path);
        }

        return FileApiModel.ArgumentFor(invocation, forwarding.DestinationOrdinal) is { } destination
            ? new DirectoryEntryChange(kind, invocation, path, destination)
            : null;
    }

    private static bool AnyChecked(List<INamedTypeSymbol> holders, System.Func<INamedTypeSymbol, bool> isChecked)
    {
        foreach (var holder in holders)
        {
            if (isChecked(holder))
            {
                return true;
            }
        }

        return false;
    }

    // A method with a body forwards by that body; an interface or abstract method forwards when its implementations in the
    // compilation that forward all do so alike, and none syncs the directory itself (an in-memory implementation for
    // tests spells no System.IO change and is not counted).
    private Forwarding Compute(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (!method.IsAbstract)
        {
            return IsCandidate(method, cancellationToken) ? OfBody(method, cancellationToken) : Forwarding.None;
        }

        Forwarding? found = null;
        foreach (var candidate in SourceImplementations.Of(_compilation, method, cancellationToken))
        {
            if (!IsCandidate(candidate, cancellationToken))
            {
                continue;
            }

            var forwarding = OfBody(candidate, cancellationToken);
            if (forwarding.Kind is not null || forwarding.Refuses)
            {
                found = found is null ? forwarding.Copy() : found.JoinedWith(forwarding);
            }
        }

        return found is { Kind: not null } ? found : Forwarding.None;
    }

    // Short, with a path parameter, and spelling a System.IO rename or deletion: only such a method is bound.
    private static bool IsCandidate(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (!SourceBodies.CanSummarise(method) || !FileIdentity.HasPathParameter(method))
        {
            return false;
        }

        return DeclaredLength(method) <= MaxFacadeLength && SourceTextSearch.AnyDeclarationContains(method, ForwardedWords, cancellationToken);
    }

    private static int DeclaredLength(IMethodSymbol method)
    {
        var length = 0;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            length += reference.Span.Length;
        }

        return length;
    }

    // One rename or deletion whose paths are the method's own parameters, and no directory fsync in the body. Of creations
    // only a whole-file write is one at the call (SaveObject(obj, path) => File.WriteAllText(path, json) makes the file when it
    // is missing), and a directory made for a parameter; a provider's Open(path, mode) decides at each call whether anything is created.
    private Forwarding OfBody(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var changes = new List<DirectoryEntryChange>();
        IOperation? changedBody = null;
        foreach (var body in SourceBodies.Of(_compilation, method, cancellationToken))
        {
            foreach (var operation in body.Descendants())
            {
                // An unbound call (File.WriteAllText(path, Json.Of(obj)) with Json missing) is read as the method it most likely means.
                if (operation.Kind is (OperationKind.Invocation or OperationKind.ObjectCreation or OperationKind.Invalid) && _directories.Classify(operation) is { } change)
                {
                    changes.Add(change);
                    changedBody = body;
                }
            }
        }

        var single = changes.Count == 1 && DeclaredLength(method) <= MaxWrapperLength ? changes[0] : MovedOnto(changes, method);
        if (single is { CreatesADirectory: true } creation)
        {
            return OfDirectoryHelper(creation, method, changedBody!, cancellationToken);
        }

        if (single is not { } forwarded || (forwarded.Kind == DirectoryEntryChangeKind.Creation && !IsWholeFileWrite(forwarded.Operation)) ||
            PassedParameters.OrdinalOf(forwarded.Path, method) is not { } pathOrdinal)
        {
            return Forwarding.None;
        }

        var destinationOrdinal = -1;
        if (forwarded.Destination is { } destination)
        {
            if (PassedParameters.OrdinalOf(destination, method) is not { } ordinal)
            {
                return Forwarding.None;
            }

            destinationOrdinal = ordinal;
        }

        return SyncsADirectory(changedBody!, cancellationToken)
            ? Forwarding.Refused
            : new Forwarding(forwarded.Kind, pathOrdinal, destinationOrdinal, method.ContainingType);
    }

    // Directory.CreateDirectory(dir) or Directory.CreateDirectory(Path.GetDirectoryName(file)), through a local or not, of a
    // parameter: the directory, or the directory the parameter's file lies in.
    private Forwarding OfDirectoryHelper(DirectoryEntryChange creation, IMethodSymbol method, IOperation body, CancellationToken cancellationToken)
    {
        if (PassedParameters.ThroughLocals(creation.Path, body, locals: 3) is not { } directory)
        {
            return Forwarding.None;
        }

        var shape = CreatedDirectory.Path;
        if (PathResolver.PathArgument(directory, "GetDirectoryName", 1) is { } file)
        {
            directory = file;
            shape = CreatedDirectory.OfPath;
        }

        if (PassedParameters.OrdinalOf(directory, method) is not { } ordinal)
        {
            return Forwarding.None;
        }

        return SyncsADirectory(body, cancellationToken)
            ? Forwarding.Refused
            : new Forwarding(DirectoryEntryChangeKind.Creation, ordinal, -1, method.ContainingType, directory: shape);
    }

    // File.WriteAllText(path, ...), File.AppendAllLines(path, ...) called in the body itself: the file is made whenever it is missing.
    private bool IsWholeFileWrite(IOperation operation) =>
        Call.TryRead(operation, out var call) && !call.IsThroughWrapper && _writes.IsWholeFileWrite(call.Method);

    // A replace facade: every rename from one parameter's path moves it onto the same other parameter's path (File.Move when
    // the target is missing, File.Replace else); the copy, the backup moved aside and the deletions of a fallback around them
    // are its clean-up. The facade is that one rename.
    private static DirectoryEntryChange? MovedOnto(List<DirectoryEntryChange> changes, IMethodSymbol method)
    {
        DirectoryEntryChange? rename = null;
        int? source = null, destination = null;
        foreach (var change in changes)
        {
            if (change.Kind != DirectoryEntryChangeKind.Rename || change.Destination is null ||
                PassedParameters.OrdinalOf(change.Path, method) is not { } from)
            {
                continue;
            }

            if (PassedParameters.OrdinalOf(change.Destination, method) is not { } to)
            {
                // The target moved aside to a backup name of the body's own.
                continue;
            }

            if (rename is not null && (from != source || to != destination))
            {
                return null;
            }

            rename ??= change;
            source = from;
            destination = to;
        }

        return rename;
    }

    private bool SyncsADirectory(IOperation body, CancellationToken cancellationToken)
    {
        var keys = new PathResolver(body);
        foreach (var operation in body.Descendants())
        {
            if (operation.Kind == OperationKind.Invocation && _syncs.SyncedDirectory(operation, keys, MethodNamePatterns.None, cancellationToken) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Which directory a helper creates for its caller: none, the one its parameter names, or the one its parameter's file lies in.</summary>
    private enum CreatedDirectory
    {
        None,
        Path,
        OfPath,
    }

    /// <summary>How a method forwards: the change's kind and the ordinals of its path parameters, and the types holding the bodies.</summary>
    private sealed class Forwarding
    {
        public static readonly Forwarding None = new(null, -1, -1, null);

        // A body that syncs the directory itself: the interface's calls need nothing more, whatever other implementations do.
        public static readonly Forwarding Refused = new(null, -1, -1, null, refuses: true);

        public Forwarding(
            DirectoryEntryChangeKind? kind, int pathOrdinal, int destinationOrdinal, INamedTypeSymbol? holder, bool refuses = false,
            CreatedDirectory directory = CreatedDirectory.None)
        {
            Kind = kind;
            Directory = directory;
            Refuses = refuses;
            PathOrdinal = pathOrdinal;
            DestinationOrdinal = destinationOrdinal;
            if (holder is not null)
            {
                Holders.Add(holder);
            }
        }

        public DirectoryEntryChangeKind? Kind { get; }

        public CreatedDirectory Directory { get; }

        public int PathOrdinal { get; }

        public int DestinationOrdinal { get; }

        public bool Refuses { get; }

        public List<INamedTypeSymbol> Holders { get; } = new();

        public Forwarding Copy()
        {
            var copy = new Forwarding(Kind, PathOrdinal, DestinationOrdinal, holder: null, Refuses, Directory);
            copy.Holders.AddRange(Holders);
            return copy;
        }

        // Implementations that forward alike forward for the abstraction; any other mix, or one that syncs, does not.
        public Forwarding JoinedWith(Forwarding other)
        {
            if (Kind is null || other.Kind is null || Kind != other.Kind || PathOrdinal != other.PathOrdinal || DestinationOrdinal != other.DestinationOrdinal ||
                Directory != other.Directory)
            {
                return Refused;
            }

            Holders.AddRange(other.Holders);
            return this;
        }
    }
}
