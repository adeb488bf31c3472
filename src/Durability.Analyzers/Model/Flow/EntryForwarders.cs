using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Durability.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// The project's own file-system methods that hand their path parameters straight to a rename, a deletion or a file
/// creation, with no directory fsync after it: <c>void DeleteFile(string path) =&gt; File.Delete(path)</c> on a
/// <c>LocalFileSystem</c>, or an interface method (<c>IFileProvider.Replace</c>) whose implementations in the
/// compilation do so. Storage engines put such a provider under their logs and segments; a call to it is the change
/// itself, with the call's arguments as its paths. Each method is read once per compilation.
/// </summary>
internal sealed class EntryForwarders
{
    private readonly Compilation _compilation;
    private readonly FileApiModel _files;
    private readonly DirectoryApiModel _directories;
    private readonly DirectorySyncModel _syncs;
    private readonly ConcurrentDictionary<IMethodSymbol, Forwarding> _forwardings = new(SymbolEqualityComparer.Default);

    public EntryForwarders(Compilation compilation, FileApiModel files, DirectoryApiModel directories, DirectorySyncModel syncs)
    {
        _compilation = compilation;
        _files = files;
        _directories = directories;
        _syncs = syncs;
    }

    /// <summary>
    /// The change a call to a forwarding method makes, at the call, when <paramref name="isChecked"/> says the type that holds
    /// the forwarding body is not itself checked: a checked type reports the change in that body, once, not at every call.
    /// </summary>
    public DirectoryEntryChange? Classify(IOperation operation, System.Func<INamedTypeSymbol, bool> isChecked, CancellationToken cancellationToken)
    {
        if (operation is not IInvocationOperation { TargetMethod: var target } invocation ||
            target.Parameters.IsEmpty || !_files.IsDeclaredHere(target) || target.MethodKind != MethodKind.Ordinary)
        {
            return null;
        }

        var forwarding = ForwardingOf(target.OriginalDefinition, cancellationToken);
        if (forwarding.Kind is not { } kind || AnyChecked(forwarding.Holders, isChecked) ||
            FileApiModel.ArgumentFor(invocation, forwarding.PathOrdinal) is not { } path)
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

    private Forwarding ForwardingOf(IMethodSymbol method, CancellationToken cancellationToken) =>
        _forwardings.TryGetValue(method, out var known) ? known : _forwardings.GetOrAdd(method, Compute(method, cancellationToken));

    // A method with a body forwards by that body; an interface or abstract method forwards when its implementations in the
    // compilation that change an entry all forward the same way (an in-memory implementation for tests changes none).
    private Forwarding Compute(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (!method.IsAbstract)
        {
            return SourceBodies.CanSummarise(method) ? OfBody(method, cancellationToken) : Forwarding.None;
        }

        var found = Forwarding.None;
        foreach (var implementation in Implementations(method, cancellationToken))
        {
            var forwarding = OfBody(implementation, cancellationToken);
            if (forwarding.Refuses)
            {
                return Forwarding.None;
            }

            if (forwarding.Kind is null)
            {
                continue;
            }

            if (found.Kind is null)
            {
                found = forwarding;
            }
            else if (!found.SameAs(forwarding))
            {
                return Forwarding.None;
            }
            else
            {
                found.Holders.AddRange(forwarding.Holders);
            }
        }

        return found;
    }

    // The compilation's methods that implement or override the interface or abstract method, found by name.
    private IEnumerable<IMethodSymbol> Implementations(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var symbol in _compilation.GetSymbolsWithName(method.Name, SymbolFilter.Member, cancellationToken))
        {
            if (symbol is not IMethodSymbol { IsAbstract: false, ContainingType: { } type } candidate || !SourceBodies.CanSummarise(candidate))
            {
                continue;
            }

            if (method.ContainingType.TypeKind == TypeKind.Interface
                ? SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(method)?.OriginalDefinition, candidate.OriginalDefinition)
                : Overrides(candidate, method))
            {
                yield return candidate;
            }
        }
    }

    private static bool Overrides(IMethodSymbol candidate, IMethodSymbol method)
    {
        for (var current = candidate.OverriddenMethod; current is not null; current = current.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, method))
            {
                return true;
            }
        }

        return false;
    }

    // One change whose paths are the method's own parameters, and no directory fsync in the body. A creation forwards only
    // when the body fixes how the file is opened (File.Create(path)): a mode or options passed through (Open(path, mode))
    // decide at each call whether anything is created.
    private Forwarding OfBody(IMethodSymbol method, CancellationToken cancellationToken)
    {
        // Most methods a storage type calls are its own logic: a body with no path parameter, or whose text names no
        // change, is not bound.
        if (!HasPathParameter(method) || !SourceTextSearch.AnyDeclarationContains(method, _directories.SourceWords, cancellationToken))
        {
            return Forwarding.None;
        }

        DirectoryEntryChange? only = null;
        IOperation? onlyBody = null;
        foreach (var body in SourceBodies.Of(_compilation, method, cancellationToken))
        {
            foreach (var operation in body.Descendants())
            {
                if (operation.Kind is (OperationKind.Invocation or OperationKind.ObjectCreation) && _directories.Classify(operation) is { } change)
                {
                    if (only is not null)
                    {
                        return Forwarding.None;
                    }

                    only = change;
                    onlyBody = body;
                }
            }
        }

        if (only is not { } forwarded ||
            ParameterOrdinal(forwarded.Path, method) is not { } pathOrdinal ||
            (forwarded.Kind == DirectoryEntryChangeKind.Creation && !FixesHowItOpens(forwarded, method)))
        {
            return Forwarding.None;
        }

        var destinationOrdinal = -1;
        if (forwarded.Destination is { } destination)
        {
            if (ParameterOrdinal(destination, method) is not { } ordinal)
            {
                return Forwarding.None;
            }

            destinationOrdinal = ordinal;
        }

        return SyncsADirectory(onlyBody!, cancellationToken)
            ? Forwarding.Refused
            : new Forwarding(forwarded.Kind, pathOrdinal, destinationOrdinal, method.ContainingType);
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

    private static bool HasPathParameter(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_String || parameter.Type.Name is "FileInfo" or "DirectoryInfo")
            {
                return true;
            }
        }

        return false;
    }

    private static int? ParameterOrdinal(IOperation path, IMethodSymbol method) =>
        FileApiModel.StripConversions(path) is IParameterReferenceOperation { Parameter: var parameter } &&
        SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, method.OriginalDefinition)
            ? parameter.Ordinal
            : null;

    // Directory.CreateDirectory makes sure a folder exists, and every other argument of the creation is the body's own.
    private static bool FixesHowItOpens(DirectoryEntryChange creation, IMethodSymbol method)
    {
        if (creation.Operation is IInvocationOperation { TargetMethod: { Name: "CreateDirectory" or "Create" } target } &&
            target.ContainingType.Name is "Directory" or "DirectoryInfo")
        {
            return false;
        }

        var arguments = creation.Operation switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation objectCreation => objectCreation.Arguments,
            _ => default,
        };
        foreach (var argument in arguments)
        {
            if (!ReferenceEquals(FileApiModel.StripConversions(argument.Value), FileApiModel.StripConversions(creation.Path)) &&
                ParameterOrdinal(argument.Value, method) is not null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How a method forwards: the change's kind and the ordinals of its path parameters, and the types holding the bodies.</summary>
    private sealed class Forwarding
    {
        public static readonly Forwarding None = new(null, -1, -1, null);

        // A body that syncs the directory itself: the interface's calls need nothing more, whatever other implementations do.
        public static readonly Forwarding Refused = new(null, -1, -1, null, refuses: true);

        public Forwarding(DirectoryEntryChangeKind? kind, int pathOrdinal, int destinationOrdinal, INamedTypeSymbol? holder, bool refuses = false)
        {
            Kind = kind;
            Refuses = refuses;
            PathOrdinal = pathOrdinal;
            DestinationOrdinal = destinationOrdinal;
            if (holder is not null)
            {
                Holders.Add(holder);
            }
        }

        public DirectoryEntryChangeKind? Kind { get; }

        public int PathOrdinal { get; }

        public int DestinationOrdinal { get; }

        public bool Refuses { get; }

        public List<INamedTypeSymbol> Holders { get; } = new();

        public bool SameAs(Forwarding other) =>
            Kind == other.Kind && PathOrdinal == other.PathOrdinal && DestinationOrdinal == other.DestinationOrdinal;
    }
}
