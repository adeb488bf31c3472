using System.Collections.Generic;
using System.Threading;
using Durability.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Durability.Analyzers.Model;

/// <summary>
/// The project's own file-system methods that hand their path parameters straight to a rename, a deletion or a file
/// creation, with no directory fsync after it: <c>void DeleteFile(string path) =&gt; File.Delete(path)</c> on a
/// <c>LocalFileSystem</c>, or an interface method (<c>IFileProvider.Replace</c>) whose implementations in the
/// compilation do so. Storage engines put such a provider under their logs and segments; a call to it is the change
/// itself, with the call's arguments as its paths. The forwarders are found once per compilation, from the files whose
/// text spells a System.IO change: only their short methods are bound.
/// </summary>
internal sealed class EntryForwarders
{
    // A provider's method is a few lines around one call (argument checks, a retry loop); a longer method is logic of its own.
    private const int MaxWrapperLength = 1500;

    // How a forwarding body spells its call: a rename, a deletion, or a creation with its mode fixed.
    private static readonly string[] ForwardedWords =
    {
        "File.Move", "File.Replace", "File.Delete", "File.Create", "File.Open", "File.AppendText", "Directory.Move",
        "Directory.Delete", "FileStream(", "MoveTo(", "StreamWriter(",
    };

    private readonly Compilation _compilation;
    private readonly FileApiModel _files;
    private readonly DirectoryApiModel _directories;
    private readonly DirectorySyncModel _syncs;
    private Dictionary<IMethodSymbol, Forwarding>? _forwarders;

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

        var forwarders = _forwarders ?? Interlocked.CompareExchange(ref _forwarders, FindAll(cancellationToken), null) ?? _forwarders!;
        if (forwarders.Count == 0 || !forwarders.TryGetValue(target.OriginalDefinition, out var forwarding) ||
            forwarding.Kind is not { } kind || AnyChecked(forwarding.Holders, isChecked) ||
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

    // Every forwarding method of the compilation, and the interface and abstract methods whose implementations here all
    // forward the same way (an in-memory implementation for tests spells no System.IO change and is not among them).
    private Dictionary<IMethodSymbol, Forwarding> FindAll(CancellationToken cancellationToken)
    {
        var found = new Dictionary<IMethodSymbol, Forwarding>(SymbolEqualityComparer.Default);
        var implemented = new Dictionary<IMethodSymbol, Forwarding>(SymbolEqualityComparer.Default);
        var positions = new List<int>();
        var seen = new HashSet<MethodDeclarationSyntax>();
        foreach (var tree in _compilation.SyntaxTrees)
        {
            // The methods around the places the text spells a change; most files spell none.
            positions.Clear();
            foreach (var word in ForwardedWords)
            {
                SourceTextSearch.FindAll(tree, new TextSpan(0, tree.Length), word, positions, cancellationToken);
            }

            if (positions.Count == 0)
            {
                continue;
            }

            var root = tree.GetRoot(cancellationToken);
            SemanticModel? model = null;
            seen.Clear();
            foreach (var position in positions)
            {
                if (root.FindToken(position).Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } declaration ||
                    !seen.Add(declaration) || declaration.Span.Length > MaxWrapperLength || declaration.ParameterList.Parameters.Count == 0)
                {
                    continue;
                }

#pragma warning disable RS1030 // Found once per compilation, from the few short methods that spell a System.IO change.
                model ??= _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                if (model.GetDeclaredSymbol(declaration, cancellationToken) is not { } method || !HasPathParameter(method))
                {
                    continue;
                }

                var forwarding = OfBody(method, cancellationToken);
                if (forwarding.Kind is not null)
                {
                    found[method.OriginalDefinition] = forwarding;
                }

                if (forwarding.Kind is not null || forwarding.Refuses)
                {
                    foreach (var abstraction in AbstractionsOf(method))
                    {
                        implemented[abstraction] = implemented.TryGetValue(abstraction, out var known) ? known.JoinedWith(forwarding) : forwarding.Copy();
                    }
                }
            }
        }

        foreach (var pair in implemented)
        {
            if (pair.Value.Kind is not null)
            {
                found[pair.Key] = pair.Value;
            }
        }

        return found;
    }

    // The interface members and abstract or virtual methods that the method implements or overrides.
    private static IEnumerable<IMethodSymbol> AbstractionsOf(IMethodSymbol method)
    {
        foreach (var explicitly in method.ExplicitInterfaceImplementations)
        {
            yield return explicitly.OriginalDefinition;
        }

        if (method.ContainingType is { } type)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol candidate &&
                        SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(candidate)?.OriginalDefinition, method.OriginalDefinition))
                    {
                        yield return candidate.OriginalDefinition;
                    }
                }
            }
        }

        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            yield return overridden.OriginalDefinition;
        }
    }

    // One change whose paths are the method's own parameters, and no directory fsync in the body. A creation forwards only
    // when the body fixes how the file is opened (File.Create(path)): a mode or options passed through (Open(path, mode))
    // decide at each call whether anything is created.
    private Forwarding OfBody(IMethodSymbol method, CancellationToken cancellationToken)
    {
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

        public Forwarding Copy()
        {
            var copy = new Forwarding(Kind, PathOrdinal, DestinationOrdinal, holder: null, Refuses);
            copy.Holders.AddRange(Holders);
            return copy;
        }

        // Implementations that forward alike forward for the abstraction; any other mix, or one that syncs, does not.
        public Forwarding JoinedWith(Forwarding other)
        {
            if (Kind is null || other.Kind is null || Kind != other.Kind || PathOrdinal != other.PathOrdinal || DestinationOrdinal != other.DestinationOrdinal)
            {
                return Refused;
            }

            Holders.AddRange(other.Holders);
            return this;
        }
    }
}
