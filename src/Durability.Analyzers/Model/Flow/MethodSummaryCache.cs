using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// Summaries of source methods, computed on demand through the methods they call and cached per compilation,
/// with one answer per method whatever order callers ask in and whichever thread asks first. A method met again
/// while it is being summarised (recursion) contributes nothing at that point; a summary whose computation cut
/// such a cycle anywhere but at the method itself is an under-approximation, so it is returned to its caller but
/// never cached, and a later query recomputes it from its own root.
/// </summary>
/// <typeparam name="T">The summary.</typeparam>
internal sealed class MethodSummaryCache<T>
{
    private const int MaxDepth = 8;

    private readonly ConcurrentDictionary<IMethodSymbol, T> _exact = new(SymbolEqualityComparer.Default);
    private readonly Func<IMethodSymbol, Walk, T> _compute;
    private readonly T _nothing;

    /// <param name="compute">Summarises one method, asking <see cref="Get(IMethodSymbol, Walk)"/> for its callees.</param>
    /// <param name="nothing">The summary of a method that does nothing, used where a cycle is cut.</param>
    public MethodSummaryCache(Func<IMethodSymbol, Walk, T> compute, T nothing)
    {
        _compute = compute;
        _nothing = nothing;
    }

    /// <summary>The summary of <paramref name="method"/>, starting a new walk.</summary>
    public T Get(IMethodSymbol method, CancellationToken cancellationToken) => Get(method, new Walk(cancellationToken));

    /// <summary>The summary of <paramref name="method"/> inside a walk already under way.</summary>
    public T Get(IMethodSymbol method, Walk walk)
    {
        method = method.OriginalDefinition.PartialImplementationPart ?? method.OriginalDefinition;
        if (_exact.TryGetValue(method, out var known))
        {
            return known;
        }

        if (!walk.Enter(method))
        {
            return _nothing;
        }

        var exact = false;
        T result;
        try
        {
            result = _compute(method, walk);
        }
        finally
        {
            exact = walk.Leave(method);
        }

        return exact ? _exact.GetOrAdd(method, result) : result;
    }

    /// <summary>One query's path through the call graph: the methods in progress, and where cycles were cut.</summary>
    internal sealed class Walk
    {
        private readonly List<Frame> _frames = new();
        private readonly HashSet<IMethodSymbol> _inProgress = new(SymbolEqualityComparer.Default);

        public Walk(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

        public CancellationToken CancellationToken { get; }

        // False when the method is already in progress (a cycle) or the walk is too deep: the caller gets nothing for it.
        public bool Enter(IMethodSymbol method)
        {
            CancellationToken.ThrowIfCancellationRequested();
            var cycle = _inProgress.Contains(method);
            if (cycle || _frames.Count >= MaxDepth)
            {
                if (_frames.Count > 0)
                {
                    var caller = _frames[_frames.Count - 1];
                    if (cycle)
                    {
                        caller.Cuts.Add(method);
                    }
                    else
                    {
                        caller.TooDeep = true;
                    }
                }

                return false;
            }

            _inProgress.Add(method);
            _frames.Add(new Frame());
            return true;
        }

        // True when no cut below was at another method, and none was for depth: the summary is then exact.
        public bool Leave(IMethodSymbol method)
        {
            var frame = _frames[_frames.Count - 1];
            _frames.RemoveAt(_frames.Count - 1);
            _inProgress.Remove(method);
            frame.Cuts.Remove(method);
            if (_frames.Count > 0)
            {
                var caller = _frames[_frames.Count - 1];
                caller.Cuts.UnionWith(frame.Cuts);
                caller.TooDeep |= frame.TooDeep;
            }

            return frame.Cuts.Count == 0 && !frame.TooDeep;
        }

        private sealed class Frame
        {
            public HashSet<IMethodSymbol> Cuts { get; } = new(SymbolEqualityComparer.Default);

            public bool TooDeep { get; set; }
        }
    }
}
