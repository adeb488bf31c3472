using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// A project's own file types (<c>PhysicalFileStream : IFileStream</c>, a "...Device", an encrypting <c>Stream</c> over a
/// FileStream it opens) whose <c>Flush()</c> forwards only a page-cache flush to the file inside. Code that calls such a
/// <c>Flush()</c> to commit gets no more than a <c>FileStream.Flush()</c> would give it: DUR001 reads the call as a flush
/// of that file. Each type is read once per compilation, from the same stream facts DUR001 gathers for a type.
/// </summary>
internal sealed class FileAbstractions
{
    private readonly Compilation _compilation;
    private readonly FileApiModel _model;
    private readonly FsyncSummaries _summaries;
    private readonly PathSyncers _pathSyncers;
    private readonly ConcurrentDictionary<INamedTypeSymbol, ForwardedFlush> _forwards = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _syncs = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _mayHideFile = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, StreamFacts> _facts = new(SymbolEqualityComparer.Default);

    public FileAbstractions(Compilation compilation, FileApiModel model, FsyncSummaries summaries, PathSyncers pathSyncers, FileWriteWrappers wrappers)
    {
        _compilation = compilation;
        _model = model;
        _summaries = summaries;
        _pathSyncers = pathSyncers;
        Factories = new StreamFactoryMethods(compilation, model, wrappers);
    }

    /// <summary>The project's methods that return a stream they open (<c>OpenSegment(path)</c>).</summary>
    public StreamFactoryMethods Factories { get; }

    /// <summary>
    /// True for a type of this compilation, other than a stream or writer, with a parameterless <c>Flush</c>: a value of it
    /// may be a file (<c>IFileStream</c>), decided by what it is created as.
    /// </summary>
    public bool MayHideFile(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface } named || !_model.IsDeclaredHere(named))
        {
            return false;
        }

        // Device<long> is read as Device<T>: its members' bodies are the definition's, and one answer serves every instance.
        named = named.OriginalDefinition;

        return _mayHideFile.TryGetValue(named, out var known)
            ? known
            : _mayHideFile.GetOrAdd(named, !_model.IsTrackedType(named) && FindFlush(named) is not null);
    }

    /// <summary>
    /// True when <paramref name="type"/>'s <c>Flush()</c> flushes a file it holds to the page cache and fsyncs nothing
    /// before it returns.
    /// </summary>
    public bool FlushesFileToPageCache(ITypeSymbol? type, CancellationToken cancellationToken) => ForwardedFlushOf(type, cancellationToken).OwnsFile;

    /// <summary>
    /// The constructor parameter whose stream <paramref name="type"/>'s <c>Flush()</c> flushes to the page cache and no
    /// further (<c>new LogDevice(File.OpenWrite(path))</c>), or null.
    /// </summary>
    public IParameterSymbol? FlushedParameter(ITypeSymbol? type, IMethodSymbol? constructor, CancellationToken cancellationToken)
    {
        if (constructor is null)
        {
            return null;
        }

        foreach (var parameter in ForwardedFlushOf(type, cancellationToken).Parameters)
        {
            if (SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, constructor.OriginalDefinition))
            {
                return parameter;
            }
        }

        return null;
    }

    private ForwardedFlush ForwardedFlushOf(ITypeSymbol? type, CancellationToken cancellationToken)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAbstract: false } named || !_model.IsDeclaredHere(named))
        {
            return ForwardedFlush.None;
        }

        named = named.OriginalDefinition;

        return _forwards.TryGetValue(named, out var known) ? known : _forwards.GetOrAdd(named, ReadFlush(named, cancellationToken));
    }

    /// <summary>
    /// True when calling <paramref name="method"/> on a value of a file type makes its file durable: a name that promises it
    /// (<c>Sync</c>, <c>Flush(flushToDisk)</c>), or a source method that fsyncs a file member of its type before it returns.
    /// </summary>
    public bool Fsyncs(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        return _syncs.TryGetValue(method, out var known)
            ? known
            : _syncs.GetOrAdd(
                method,
                DurableMethodNames.PromisesDurability(method) ||
                (SourceBodies.CanSummarise(method) && !method.IsStatic && FsyncsOwnFile(method, cancellationToken)));
    }

    private ForwardedFlush ReadFlush(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var flush = FindFlush(type);
        if (flush is null || !SourceBodies.CanSummarise(flush))
        {
            return ForwardedFlush.None;
        }

        var facts = FactsOf(flush.ContainingType, cancellationToken);
        var runs = facts.RunsWithin(flush);
        var fsyncedWithin = facts.ComputeFsyncedWithin(flush, (callee, ordinal) => _summaries.FsyncsParameter(callee, ordinal, cancellationToken));
        var ownsFile = false;
        var parameters = ImmutableArray.CreateBuilder<IParameterSymbol>();
        foreach (var site in facts.Flushes)
        {
            if (site.Kind != FlushKind.ToPageCache || site.Member is not { } member || !runs.Contains(member) ||
                site.Variable is not (IFieldSymbol or IPropertySymbol) || facts.IsCovered(site.Variable, fsyncedWithin))
            {
                continue;
            }

            if (facts.IsFileBacked(site.Variable))
            {
                ownsFile = true;
            }
            else
            {
                parameters.AddRange(facts.ConstructorParametersUnder(site.Variable));
            }
        }

        // A Lucene-style output whose directory reopens each file by name and fsyncs it at commit hands its data to that
        // commit, as DUR001 reads it in the type itself.
        if ((!ownsFile && parameters.Count == 0) || _pathSyncers.SyncsFilesByPath(flush.ContainingType, cancellationToken))
        {
            return ForwardedFlush.None;
        }

        return new ForwardedFlush(ownsFile, parameters.ToImmutable());
    }

    // What a type's Flush() leaves in the page cache: a file it opens itself, and the streams its constructors are given.
    private sealed class ForwardedFlush
    {
        public static readonly ForwardedFlush None = new(false, ImmutableArray<IParameterSymbol>.Empty);

        public ForwardedFlush(bool ownsFile, ImmutableArray<IParameterSymbol> parameters)
        {
            OwnsFile = ownsFile;
            Parameters = parameters;
        }

        public bool OwnsFile { get; }

        public ImmutableArray<IParameterSymbol> Parameters { get; }
    }

    private bool FsyncsOwnFile(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var facts = FactsOf(method.ContainingType, cancellationToken);
        foreach (var fsynced in facts.ComputeFsyncedWithin(method, (callee, ordinal) => _summaries.FsyncsParameter(callee, ordinal, cancellationToken)))
        {
            if (fsynced is IFieldSymbol or IPropertySymbol && facts.IsFileBacked(fsynced))
            {
                return true;
            }
        }

        return false;
    }

    private StreamFacts FactsOf(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        _facts.TryGetValue(type, out var known) ? known : _facts.GetOrAdd(type, ReadFacts(type, cancellationToken));

    private StreamFacts ReadFacts(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var facts = new StreamFacts(_model, type);
        facts.AddType(_compilation, type, cancellationToken);
        return facts;
    }

    // The instance Flush() a call on the type runs: declared on it, or on a base type or interface it has.
    private static IMethodSymbol? FindFlush(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (FlushDeclaredIn(current) is { } found)
            {
                return found;
            }
        }

        // An interface's Flush (IFileStream : IFlushable), or a class's explicit implementation of one.
        foreach (var inherited in type.AllInterfaces)
        {
            if (FlushDeclaredIn(inherited) is { } declared)
            {
                return type.TypeKind == TypeKind.Interface ? declared : type.FindImplementationForInterfaceMember(declared) as IMethodSymbol ?? declared;
            }
        }

        return null;
    }

    private static IMethodSymbol? FlushDeclaredIn(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers("Flush"))
        {
            if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0, MethodKind: MethodKind.Ordinary } method)
            {
                return method;
            }
        }

        return null;
    }
}
