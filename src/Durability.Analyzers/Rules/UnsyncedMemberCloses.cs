using System.Collections.Generic;
using System.Collections.Immutable;
using Durability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Analyzers.Rules;

/// <summary>
/// DUR001's closes: storage code that writes a stream or writer member and only ever closes it has no flush to report,
/// and nothing durable. A member the type flushes (itself, or a writer over it, or the stream under it) is judged at its flushes; one fsynced
/// anywhere in the type, written through, or synced by path is made durable somewhere, and the close adds nothing to find;
/// nor is one handed to a call that does not bind, which may fsync it, nor one renamed after its close (DUR004's). Of a
/// writer and the stream under it, both closed, the writer's close is the one: it closes the stream too, so an fsync must
/// come before it.
/// </summary>
internal static class UnsyncedMemberCloses
{
    private static readonly string[] AutoFlushWords = { "AutoFlush" };

    private static readonly string[] RenameWords = { "Move(", "MoveTo(", "Replace(" };

    /// <summary>Reports the closes; a stream in <paramref name="writtenUnsynced"/> is reported already where a member that promises durability writes it.</summary>
    public static void Report(SymbolAnalysisContext context, StreamFacts facts, CompilationModel shared, HashSet<ISymbol>? writtenUnsynced)
    {
        var cancellationToken = context.CancellationToken;
        HashSet<ISymbol>? fsynced = null;
        bool? syncsByPath = null;
        foreach (var close in facts.Closes)
        {
            var stream = close.Variable;
            if (writtenUnsynced?.Contains(stream) == true || IsInConstructor(close) || !facts.IsFileBacked(stream) || facts.IsOpenedReadOnly(stream) || !facts.IsGivenData(stream) || IsFlushed(stream, facts) ||
                IsClosedThroughWriter(close, facts) || IsClosedEarlierInItsBlock(close, facts) || IsAutoFlushed(stream, context.Symbol, shared.Files, cancellationToken) ||
                facts.IsHandedToUnboundCall(stream) || RenamesAfterClosing(close, cancellationToken))
            {
                continue;
            }

            fsynced ??= facts.ComputeFsynced((callee, ordinal) => shared.FsyncSummaries.FsyncsParameter(callee, ordinal, cancellationToken), includeClosing: true);
            if (IsFsynced(stream, fsynced, facts) || HandedStreams.IsDurableAtEveryCreation(stream, facts, shared, cancellationToken) ||
                (syncsByPath ??= shared.PathSyncers.SyncsFilesByPath((INamedTypeSymbol)context.Symbol, cancellationToken)))
            {
                continue;
            }

            var fix = shared.Files.IsFileStream(StreamFacts.TypeOf(stream)) ? FlushWithoutFsyncAnalyzer.FixFlushToDiskBeforeClose : FlushWithoutFsyncAnalyzer.FixFsyncFileBeforeClose;
            var properties = ImmutableDictionary<string, string?>.Empty.Add(FlushWithoutFsyncAnalyzer.FixKindProperty, fix);
            context.ReportDiagnostic(Diagnostic.Create(RuleCatalog.ClosedWithoutFsync, close.Invocation.Syntax.GetLocation(), properties, stream.Name));
        }
    }

    // _handle.Dispose(); throw ...; in a constructor: an opening given back when the file fails its checks, before the
    // object has written anything. The close that ends a written file's life is its Dispose's.
    private static bool IsInConstructor(FlushSite close) =>
        close.Member is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor };

    // A writer of a type that sets AutoFlush flushes every write, a policy this rule leaves alone as it leaves its flushes:
    // an application's log file (new StreamWriter(fs) { AutoFlush = true }) kept open and closed at shutdown.
    private static bool IsAutoFlushed(ISymbol writer, ISymbol type, FileApiModel files, System.Threading.CancellationToken cancellationToken) =>
        !files.IsFileStream(StreamFacts.TypeOf(writer)) && SourceTextSearch.AnyDeclarationContains(type, AutoFlushWords, cancellationToken);

    // _pending.Dispose(); File.Move(tmp, path): a staged file published by a rename, which DUR004 reports there, before
    // its contents are fsynced; one bug, at the rename.
    private static bool RenamesAfterClosing(FlushSite close, System.Threading.CancellationToken cancellationToken)
    {
        var syntax = close.Invocation.Syntax;
        var member = syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax>();
        return member is not null &&
               SourceTextSearch.ContainsAny(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(syntax.Span.End, member.Span.End), RenameWords, cancellationToken);
    }

    // Flushed anywhere in the type: itself, a writer over it, or the stream under it.
    private static bool IsFlushed(ISymbol stream, StreamFacts facts)
    {
        foreach (var flush in facts.Flushes)
        {
            if (facts.IsReachedBy(flush.Variable, stream) || facts.IsReachedBy(stream, flush.Variable))
            {
                return true;
            }
        }

        return false;
    }

    // Fsynced anywhere in the type: itself or the stream under it (IsCovered), or a writer over it (Fsync.File(_writer)).
    private static bool IsFsynced(ISymbol stream, HashSet<ISymbol> fsynced, StreamFacts facts)
    {
        if (facts.IsCovered(stream, fsynced))
        {
            return true;
        }

        foreach (var synced in fsynced)
        {
            if (facts.IsReachedBy(synced, stream))
            {
                return true;
            }
        }

        return false;
    }

    // _stream.Close(); _stream.Dispose(); one close, reported at the first: the second finds nothing left to flush.
    private static bool IsClosedEarlierInItsBlock(FlushSite close, StreamFacts facts)
    {
        var statement = close.Invocation.Syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax>();
        foreach (var other in facts.Closes)
        {
            if (!ReferenceEquals(other.Invocation, close.Invocation) && SymbolEqualityComparer.Default.Equals(other.Variable, close.Variable) &&
                other.Invocation.Syntax.FirstAncestorOrSelf<Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax>() is { } earlier &&
                statement is not null && earlier.Parent == statement.Parent && earlier.SpanStart < statement.SpanStart)
            {
                return true;
            }
        }

        return false;
    }

    // _writer.Dispose() over _stream, also closed: the writer's close reports both.
    private static bool IsClosedThroughWriter(FlushSite close, StreamFacts facts)
    {
        foreach (var other in facts.Closes)
        {
            if (!SymbolEqualityComparer.Default.Equals(other.Variable, close.Variable) && facts.IsReachedBy(other.Variable, close.Variable))
            {
                return true;
            }
        }

        return false;
    }
}
