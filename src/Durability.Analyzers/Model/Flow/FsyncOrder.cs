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
        Compilation compilation,
        CancellationToken cancellationToken)
    {
        foreach (var member in promising)
        {
            if (SymbolEqualityComparer.Default.Equals(member, flush.Member))
            {
                if (FsyncedOnlyBefore(RootOf(flush.Invocation), flush.Invocation.Syntax.SpanStart, flush, facts, model, fsyncedWithin))
                {
                    return member;
                }

                continue;
            }

            // A helper that fsyncs the stream itself may do so after its flush: only a helper that never does is read here.
            if (member is not IMethodSymbol method || flush.Member is not IMethodSymbol helper ||
                facts.IsCovered(flush.Variable, fsyncedWithin(helper)) || !SourceBodies.CanSummarise(method))
            {
                continue;
            }

            foreach (var body in SourceBodies.Of(compilation, method, cancellationToken))
            {
                if (LastCallOf(body, helper) is { } call && FsyncedOnlyBefore(body, call, flush, facts, model, fsyncedWithin))
                {
                    return member;
                }
            }
        }

        return null;
    }

    private static bool FsyncedOnlyBefore(
        IOperation body, int position, FlushSite flush, StreamFacts facts, FileApiModel model, Func<ISymbol, HashSet<ISymbol>> fsyncedWithin)
    {
        var before = false;
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation invocation && Fsyncs(invocation, flush, facts, model, fsyncedWithin))
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

    // An fsync of the flushed stream (or of what it sits on), or a call of one of the type's methods that makes it durable.
    private static bool Fsyncs(IInvocationOperation invocation, FlushSite flush, StreamFacts facts, FileApiModel model, Func<ISymbol, HashSet<ISymbol>> fsyncedWithin)
    {
        if (model.GetFsyncTarget(invocation) is { } target)
        {
            return FileApiModel.ResolveVariable(target, model.IsFileStream) is { } fsynced &&
                   facts.IsCovered(flush.Variable, new HashSet<ISymbol>(SymbolEqualityComparer.Default) { fsynced });
        }

        var callee = invocation.TargetMethod.OriginalDefinition;
        return SymbolEqualityComparer.Default.Equals(callee.ContainingType, flush.Member?.ContainingType) &&
               !callee.DeclaringSyntaxReferences.IsEmpty &&
               facts.IsCovered(flush.Variable, fsyncedWithin(callee));
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

    private static IOperation RootOf(IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }
}
