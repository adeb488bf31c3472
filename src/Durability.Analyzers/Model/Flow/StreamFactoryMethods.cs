using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// The project's own methods that return a stream they open (<c>Stream OpenSegment(path)</c>): a variable given their
/// result holds that kind of file. Each method is read once per compilation.
/// </summary>
internal sealed class StreamFactoryMethods
{
    private readonly Compilation _compilation;
    private readonly FileApiModel _model;
    private readonly FileWriteWrappers _wrappers;
    private readonly ConcurrentDictionary<IMethodSymbol, StreamOriginKind> _returns = new(SymbolEqualityComparer.Default);

    public StreamFactoryMethods(Compilation compilation, FileApiModel model, FileWriteWrappers wrappers)
    {
        _compilation = compilation;
        _model = model;
        _wrappers = wrappers;
    }

    /// <summary>
    /// What a source method that returns a stream returns (<c>Stream OpenSegment(path) =&gt; new BufferedStream(new
    /// FileStream(path, ...))</c>): a file, a file written through, a lock or export file, or <see cref="StreamOriginKind.Unknown"/>.
    /// </summary>
    public StreamOriginKind Returns(IMethodSymbol method, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (_returns.TryGetValue(method, out var known))
        {
            return known;
        }

        // Asked for every stream given a call's result: the cache answers first, then the checks that allocate.
        var kind = !_model.IsDeclaredHere(method) || !_model.IsTrackedType(method.ReturnType) ? StreamOriginKind.Unknown :
            SourceBodies.CanSummarise(method) ? ReadReturns(method, cancellationToken) :
            WrappedOpening(method) is var wrapped and not StreamOriginKind.Unknown ? wrapped :
            method.IsAbstract ? ImplementationsReturn(method, cancellationToken) :
            StreamOriginKind.Unknown;
        return _returns.GetOrAdd(method, kind);
    }

    // An interface's Stream GetOutputStream(path, mode) whose implementations in the compilation open files: what they
    // return, when every one that opens something opens the same kind (an in-memory double for tests is not counted).
    // Unlike a write wrapper's, a factory's result is read through in storage code too: it reports nothing itself.
    private StreamOriginKind ImplementationsReturn(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.Name is "FileOptions" or "FileStreamOptions")
            {
                // The caller may ask for write-through: not read here, as for a wrapper.
                return StreamOriginKind.Unknown;
            }
        }

        var kind = StreamOriginKind.Unknown;
        foreach (var implementation in SourceImplementations.Of(_compilation, method, cancellationToken))
        {
            if (!SourceBodies.CanSummarise(implementation))
            {
                continue;
            }

            // Only openings returned as they are: an implementation that wraps the file (one compresses) returns a stream
            // whose Flush does something else, and makes the answer unknown.
            var next = ReadReturns(implementation, cancellationToken, openingsOnly: true);
            if (next == StreamOriginKind.Unknown)
            {
                if (ReadReturns(implementation, cancellationToken) != StreamOriginKind.Unknown)
                {
                    return StreamOriginKind.Unknown;
                }

                continue;
            }

            if (kind != StreamOriginKind.Unknown && next != kind)
            {
                return StreamOriginKind.Unknown;
            }

            kind = next;
        }

        return kind;
    }

    // An interface's Stream OpenFileStream(path, mode, ...) whose implementations all return new FileStream(path, mode, ...): a
    // file, unless the caller may pass the options (write-through is then the caller's to say, and not read here).
    private StreamOriginKind WrappedOpening(IMethodSymbol method)
    {
        if (_wrappers.Of(method) is not { Wrapped: { } wrapped, ReturnsWrapped: true } wrapper || !FileWriteWrappers.IsOpening(wrapped))
        {
            return StreamOriginKind.Unknown;
        }

        foreach (var parameter in wrapped.Parameters)
        {
            if ((parameter.Type.Name is "FileOptions" or "FileStreamOptions") && wrapper.ParameterFor(parameter.Ordinal) >= 0)
            {
                return StreamOriginKind.Unknown;
            }
        }

        return StreamOriginKind.File;
    }

    // Every value returned must be the same kind of file; a branch that returns a MemoryStream or a stream given makes it unknown.
    private StreamOriginKind ReadReturns(IMethodSymbol method, CancellationToken cancellationToken, bool openingsOnly = false)
    {
        var facts = new StreamFacts(_model, owner: null);
        var returned = new List<IOperation>();
        var cache = new StreamCache();
        foreach (var body in SourceBodies.Of(_compilation, method, cancellationToken))
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                facts.Add(operation);
                cache.Add(operation);
                if (operation is IReturnOperation { ReturnedValue: { } value })
                {
                    returned.Add(value);
                }
            }
        }

        return KindOfAll(returned, facts, openingsOnly ? null : cache, openingsOnly);
    }

    // The kind all the values are, or unknown when they differ or there are none. A value taken from the method's cache of
    // streams (return cached; for _streams.TryGetValue(path, out var cached)) is each of the values the method stores there.
    private StreamOriginKind KindOfAll(List<IOperation> values, StreamFacts facts, StreamCache? cache, bool openingsOnly)
    {
        var kind = StreamOriginKind.Unknown;
        foreach (var value in values)
        {
            var next = cache?.MemberOf(value) is { } member ? KindOfAll(cache.StoredIn(member), facts, cache: null, openingsOnly) : KindOf(value, facts, openingsOnly);
            if (next == StreamOriginKind.Unknown || (kind != StreamOriginKind.Unknown && next != kind))
            {
                return StreamOriginKind.Unknown;
            }

            kind = next;
        }

        return kind;
    }

    private StreamOriginKind KindOf(IOperation value, StreamFacts facts, bool openingsOnly)
    {
        var origin = _model.ClassifyValue(value);
        if (origin.Kind is StreamOriginKind.File or StreamOriginKind.WriteThroughFile or StreamOriginKind.AuxiliaryFile)
        {
            return origin.Kind;
        }

        if (openingsOnly)
        {
            return StreamOriginKind.Unknown;
        }

        if (origin.Kind == StreamOriginKind.Wrapper && origin.Underlying is null &&
            origin.UnderlyingKind is StreamOriginKind.File or StreamOriginKind.WriteThroughFile or StreamOriginKind.AuxiliaryFile)
        {
            return origin.UnderlyingKind;
        }

        // return stream; or return new BufferedStream(stream); after var stream = new FileStream(...): what the local holds.
        var held = origin.Kind == StreamOriginKind.Wrapper ? origin.Underlying : FileApiModel.ResolveVariable(value);
        if (held is ILocalSymbol local && facts.IsFileBacked(local))
        {
            return facts.IsCovered(local, new HashSet<ISymbol>(SymbolEqualityComparer.Default))
                ? StreamOriginKind.WriteThroughFile
                : StreamOriginKind.File;
        }

        return StreamOriginKind.Unknown;
    }
}
