using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// The one place DUR001 reads order: a member that promises durability (a commit, a Sync) and fsyncs a stream, then
/// writes to it again and only flushes (<c>_log.Flush(true); WriteHeader();</c> where the header is flushed) returns with
/// the last write in the page cache. Read from the source order of the member's body: an fsync of the stream that can run
/// before the flush (or the call of the helper that flushes) and none after it, on any path.
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
        CancellationToken cancellationToken,
        bool ownFsyncsOnly = false)
    {
        // Own fsyncs only: the stream's own Flush(true) or a helper handed it, not a method of the type that may open another
        // file in the same field (a roll-over that fsyncs the old file and starts a new one).
        var fsyncs = new FsyncTest(flush, facts, model, fsyncedWithin, calleeFsyncs, ownFsyncsOnly);
        foreach (var member in promising)
        {
            if (SymbolEqualityComparer.Default.Equals(member, flush.Member))
            {
                var root = SourceBodies.RootOf(flush.Invocation);
                if (LastFsyncBefore(root, flush.Invocation, fsyncs) is { } last &&
                    (!ownFsyncsOnly || WritesBetween(root, last.Syntax.Span.End, flush.Invocation.Syntax.SpanStart, flush, facts)))
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

            // The helper's write before its flush is what the member's fsync does not cover.
            if (ownFsyncsOnly && !WritesBetween(SourceBodies.RootOf(flush.Invocation), 0, flush.Invocation.Syntax.SpanStart, flush, facts))
            {
                continue;
            }

            foreach (var body in SourceBodies.Of(compilation, method, cancellationToken))
            {
                if (LastCallOf(body, helper) is { } call && LastFsyncBefore(body, call, fsyncs) is not null)
                {
                    return member;
                }
            }
        }

        return null;
    }

    // The last fsync that can run before the flush (not one in another branch or switch section), when none is written after it.
    private static IOperation? LastFsyncBefore(IOperation body, IOperation flush, FsyncTest fsyncs)
    {
        IOperation? last = null;
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation invocation && fsyncs.Fsyncs(invocation))
            {
                if (invocation.Syntax.SpanStart > flush.Syntax.SpanStart)
                {
                    return null;
                }

                if (StructuredPaths.CanRunBefore(invocation, flush) && (last is null || invocation.Syntax.SpanStart > last.Syntax.SpanStart))
                {
                    last = invocation;
                }
            }
        }

        return last;
    }

    // A Write... call on the flushed stream (or what sits on it) written between the two positions: data the flush leaves behind.
    private static bool WritesBetween(IOperation body, int start, int end, FlushSite flush, StreamFacts facts)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation { Instance: { } receiver, TargetMethod.Name: var name } &&
                operation.Syntax.SpanStart >= start && operation.Syntax.SpanStart < end && name.StartsWith("Write", StringComparison.Ordinal) &&
                facts.StreamNamedBy(receiver) is { } written && facts.IsReachedBy(flush.Variable, written))
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation? LastCallOf(IOperation body, IMethodSymbol helper)
    {
        IOperation? last = null;
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation invocation &&
                SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, helper) &&
                (last is null || invocation.Syntax.SpanStart > last.Syntax.SpanStart))
            {
                last = invocation;
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
        private readonly bool _ownOnly;

        public FsyncTest(
            FlushSite flush, StreamFacts facts, FileApiModel model, Func<ISymbol, HashSet<ISymbol>> fsyncedWithin, Func<IMethodSymbol, int, bool> calleeFsyncs,
            bool ownOnly)
        {
            _flush = flush;
            _facts = facts;
            _model = model;
            _fsyncedWithin = fsyncedWithin;
            _calleeFsyncs = calleeFsyncs;
            _ownOnly = ownOnly;
        }

        public bool Fsyncs(IInvocationOperation invocation)
        {
            if (_model.GetFsyncTarget(invocation) is { } target)
            {
                return Names(target);
            }

            var callee = invocation.TargetMethod.OriginalDefinition;
            if (!_ownOnly && SymbolEqualityComparer.Default.Equals(callee.ContainingType, _flush.Member?.ContainingType) &&
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
