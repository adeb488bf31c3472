using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Durability.Analyzers.Configuration;
using Durability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Analyzers.Rules;

/// <summary>
/// DUR001's writes: a member that promises durability (<c>FlushToDisk</c>, a commit in storage code) and writes a file
/// member of its type, itself or through the type's methods it calls, and returns with no flush and no fsync of it. There
/// is no flush to report, yet the write may still sit in the stream's buffer when the member's next step (the log cleared,
/// a header written) reaches the disk. A stream the member flushes is judged at that flush; one it hands to a call of
/// the type's or the project's methods, which may flush it, is left alone. Reported once per member and stream, at the
/// last write in the method that makes the first, where the fix adds the fsync. A member named for what it writes
/// (<c>WriteCommitRecordAsync</c>, <c>AppendCommitBatch</c>) is a step of its caller's commit, not one.
/// </summary>
internal static class UnsyncedPromisedWrites
{
    /// <summary>Reports the unsynced writes and returns the streams reported, whose closes need no finding of their own.</summary>
    public static HashSet<ISymbol>? Report(
        SymbolAnalysisContext context, StreamFacts facts, CompilationModel shared, Func<IMethodSymbol, bool> promises, Func<ISymbol, HashSet<ISymbol>> fsyncedWithin)
    {
        if (facts.MemberWrites.Count == 0)
        {
            return null;
        }

        // Most writes are in members that promise nothing and are called by none that do: asked once per member.
        var promisingByMember = new Dictionary<ISymbol, List<ISymbol>>(SymbolEqualityComparer.Default);
        List<FlushSite>? writes = null;
        foreach (var write in facts.MemberWrites)
        {
            if (write.Member is not null && PromisingOf(write, facts, promises, promisingByMember).Count > 0)
            {
                (writes ??= new List<FlushSite>()).Add(write);
            }
        }

        if (writes is null)
        {
            return null;
        }

        writes.Sort((a, b) => SourceOrder.Compare(a.Invocation.Syntax.GetLocation(), b.Invocation.Syntax.GetLocation()));
        var found = new List<(ISymbol Promise, FlushSite Write)>();
        var covered = new List<(ISymbol Promise, ISymbol Stream)>();
        foreach (var write in writes)
        {
            var stream = write.Variable;
            if (!facts.IsFileBacked(stream) || facts.IsOpenedReadOnly(stream) || facts.IsHandedToUnboundCall(stream) ||
                HandedStreams.IsDurableAtEveryCreation(stream, facts, shared, context.CancellationToken))
            {
                continue;
            }

            foreach (var promise in PromisingOf(write, facts, promises, promisingByMember))
            {
                if (IsNamedForWhatItWrites(promise))
                {
                    continue;
                }

                var index = found.FindIndex(pair => SymbolEqualityComparer.Default.Equals(pair.Promise, promise) &&
                                                    SymbolEqualityComparer.Default.Equals(pair.Write.Variable, stream));
                if (index >= 0)
                {
                    // The last write of the method that makes the first: the fix's fsync goes after it.
                    if (SymbolEqualityComparer.Default.Equals(found[index].Write.Member, write.Member))
                    {
                        found[index] = (promise, write);
                    }

                    continue;
                }

                if (covered.Exists(pair => SymbolEqualityComparer.Default.Equals(pair.Promise, promise) && SymbolEqualityComparer.Default.Equals(pair.Stream, stream)))
                {
                    continue;
                }

                var runs = facts.RunsWithin(promise);
                if (!IsFlushedOrHandedOn(stream, runs, facts) && !facts.IsCovered(stream, fsyncedWithin(promise)) &&
                    !FlushWithoutFsyncAnalyzer.SyncsByPathWithin(promise, facts, shared.PathSyncers, (INamedTypeSymbol)context.Symbol, context.CancellationToken))
                {
                    found.Add((promise, write));
                }
                else
                {
                    // Made durable, or left to a flush or a helper: every other write of the stream there is too.
                    covered.Add((promise, stream));
                }
            }
        }

        if (found.Count == 0)
        {
            return null;
        }

        var reported = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var (promise, write) in found)
        {
            // The runtime's Fsync.File reaches the file only through writers and the streams it can unwrap, not a project's own file type.
            var type = StreamFacts.TypeOf(write.Variable);
            var properties = shared.Files.IsFileStream(type)
                ? ImmutableDictionary<string, string?>.Empty.Add(FlushWithoutFsyncAnalyzer.FixKindProperty, FlushWithoutFsyncAnalyzer.FixFlushToDiskAfterWrites)
                : shared.Files.CanRuntimeReachFile(type)
                    ? ImmutableDictionary<string, string?>.Empty.Add(FlushWithoutFsyncAnalyzer.FixKindProperty, FlushWithoutFsyncAnalyzer.FixFsyncFileAfterWrites)
                    : ImmutableDictionary<string, string?>.Empty.Add(FlushWithoutFsyncAnalyzer.UnreachableFileProperty, "true");
            context.ReportDiagnostic(Diagnostic.Create(
                RuleCatalog.WrittenUnsyncedInPromise, write.Invocation.Syntax.GetLocation(), properties, write.Variable.Name, promise.Name));
            reported.Add(write.Variable);
        }

        return reported;
    }

    private static List<ISymbol> PromisingOf(FlushSite write, StreamFacts facts, Func<IMethodSymbol, bool> promises, Dictionary<ISymbol, List<ISymbol>> known)
    {
        if (!known.TryGetValue(write.Member!, out var promising))
        {
            known[write.Member!] = promising = FlushWithoutFsyncAnalyzer.PromisingMembers(write, facts, promises);
        }

        return promising;
    }

    private static readonly string[] WritingVerbs = { "Write", "Append", "Add", "Put", "Insert", "Enqueue", "Emit", "Log", "Record", "Encode", "Serialize" };

    // WriteCommitRecordAsync, AppendCommitBatch, WriteSync: named for what it writes (or for writing synchronously), a step
    // of a caller that flushes next.
    private static bool IsNamedForWhatItWrites(ISymbol member)
    {
        var words = NameWords.Split(member.Name);
        return words.Length > 0 && Array.IndexOf(WritingVerbs, words[0]) >= 0;
    }

    // A flush of the stream (or a writer over it, or the stream under it) before the member returns is a finding of its
    // own if it stops at the page cache; a stream handed to a method of the project may be flushed or fsynced there.
    private static bool IsFlushedOrHandedOn(ISymbol stream, HashSet<ISymbol> runs, StreamFacts facts)
    {
        foreach (var flush in facts.Flushes)
        {
            if (flush.Member is not null && runs.Contains(flush.Member) &&
                (facts.IsReachedBy(flush.Variable, stream) || facts.IsReachedBy(stream, flush.Variable)))
            {
                return true;
            }
        }

        foreach (var argument in facts.Arguments)
        {
            if (argument.Caller is not null && runs.Contains(argument.Caller) &&
                (facts.IsReachedBy(argument.Variable, stream) || facts.IsReachedBy(stream, argument.Variable)))
            {
                return true;
            }
        }

        return false;
    }
}
