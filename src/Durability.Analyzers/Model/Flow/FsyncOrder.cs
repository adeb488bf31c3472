using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// The one place DUR001 reads order: a member that promises durability (a commit, a Sync) and fsyncs a stream, then
/// writes to it again and only flushes (<c>_log.Flush(true); WriteHeader();</c> where the header is flushed) returns with
/// the last write in the page cache. Read from the source order of the member's body: an fsync of the stream before
/// the flush (or the call of the helper that flushes) and none after it, on any path.
/// </summary>
internal static class FsyncOrder
{
    /// <summary>The first of <paramref name="promising"/> that fsyncs the flushed stream only before the flush, or null.</summary>
    public static ISymbol? FlushedAfterLastFsync(
        FlushSite flush,
        List<ISymbol> promising,
        StreamFacts facts,
        FileApiModel model,
        Func<ISymbol, HashSet<ISymbol>> fsyncedWithin,
        Func<IMethodSymbol, int, bool> calleeFsyncs,
        Compilation compilation,
        CancellationToken cancellationToken)
    {
        var fsyncs = new FsyncTest(flush, facts, model, fsyncedWithin, calleeFsyncs);
        foreach (var member in promising)
        {
            if (SymbolEqualityComparer.Default.Equals(member, flush.Member))
            {
                if (FsyncedOnlyBefore(SourceBodies.RootOf(flush.Invocation), flush.Invocation.Syntax.SpanStart, fsyncs))
                {
                    return member;
                }

                continue;
            }

            // A helper that fsyncs the stream itself may do so after its flush: only a helper that never does is read here.
            if (member is not IMethodSymbol method || flush.Member is not IMethodSymbol helper ||
                facts.IsReachedBy(flush.Variable, fsyncedWithin(helper)) || !SourceBodies.CanSummarise(method))
            {
                continue;
            }

            foreach (var body in SourceBodies.Of(compilation, method, cancellationToken))
            {
                if (LastCallOf(body, helper) is { } call && FsyncedOnlyBefore(body, call, fsyncs))
                {
                    return member;
                }
            }
        }

        return null;
    }

    private static bool FsyncedOnlyBefore(IOperation body, int position, FsyncTest fsyncs)
    {
        var before = false;
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation invocation && fsyncs.Fsyncs(invocation))
            {
                if (invocation.Syntax.SpanStart > position)
                {
                    return false;
                }

                before = true;
            }
        }

        return before;
    }

    private static int? LastCallOf(IOperation body, IMethodSymbol helper)
    {
        int? last = null;
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation invocation &&
                SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, helper))
            {
                last = Math.Max(last ?? 0, invocation.Syntax.SpanStart);
            }
        }

        return last;
    }

    /// <summary>
    /// Whether a call makes the flushed stream durable: an fsync of it (or of what it sits on), a call of one of the type's
    /// methods that does, or a call of any method that fsyncs the stream it is handed.
    /// </summary>
    private sealed class FsyncTest
    {
        private readonly FlushSite _flush;
        private readonly StreamFacts _facts;
        private readonly FileApiModel _model;
        private readonly Func<ISymbol, HashSet<ISymbol>> _fsyncedWithin;
        private readonly Func<IMethodSymbol, int, bool> _calleeFsyncs;

        public FsyncTest(FlushSite flush, StreamFacts facts, FileApiModel model, Func<ISymbol, HashSet<ISymbol>> fsyncedWithin, Func<IMethodSymbol, int, bool> calleeFsyncs)
        {
            _flush = flush;
            _facts = facts;
            _model = model;
            _fsyncedWithin = fsyncedWithin;
            _calleeFsyncs = calleeFsyncs;
        }

        public bool Fsyncs(IInvocationOperation invocation)
        {
            if (_model.GetFsyncTarget(invocation) is { } target)
            {
                return Names(target);
            }

            var callee = invocation.TargetMethod.OriginalDefinition;
            if (SymbolEqualityComparer.Default.Equals(callee.ContainingType, _flush.Member?.ContainingType) &&
                !callee.DeclaringSyntaxReferences.IsEmpty &&
                _facts.IsReachedBy(_flush.Variable, _fsyncedWithin(callee)))
            {
                return true;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && Names(argument.Value) && _calleeFsyncs(callee, parameter.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        // The stream an fsync or an argument names is the flushed one, or one it sits on (a writer's file). A write-through
        // stream's own flushes are durable, but an fsync of another stream is no fsync of it.
        private bool Names(IOperation stream) =>
            _facts.StreamNamedBy(stream) is { } variable && _facts.IsReachedBy(_flush.Variable, variable);
    }
}
