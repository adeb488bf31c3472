using System.Collections.Generic;
using System.Collections.Immutable;
using Durability.Analyzers.Configuration;
using Durability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Rules;

/// <summary>
/// DUR001: a flush of a file-backed stream that only reaches the OS page cache, in code that intends
/// durability, when nothing in the type (for a field) or the method (for a local or parameter) ever
/// fsyncs that stream. Facts are gathered per type, then decided at the end of the type.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FlushWithoutFsyncAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property naming the fix that applies; read by the code-fix provider.</summary>
    public const string FixKindProperty = "FixKind";

    /// <summary>The stream is a FileStream: Flush() becomes Flush(flushToDisk: true).</summary>
    public const string FixFlushToDisk = "FlushToDisk";

    /// <summary>FlushAsync of a stream or writer: becomes an awaited Fsync.FileAsync.</summary>
    public const string FixAwaitFsyncFileAsync = "AwaitFsyncFileAsync";

    /// <summary>A writer or wrapper: keep the flush, add Fsync.File on the file underneath.</summary>
    public const string FixAddFsyncFile = "AddFsyncFile";

    /// <summary>A wrapper that hides its stream (a CryptoStream, a custom Stream): keep the flush, fsync the member it wraps.</summary>
    public const string FixFsyncWrapped = "FsyncWrapped";

    /// <summary>Flush(true) of a read-only FileStream: becomes Fsync.File(stream.Name), which reopens the file writable and fsyncs it.</summary>
    public const string FixFsyncByName = "FsyncByName";

    /// <summary>The close of a FileStream member: <c>_data.Flush(flushToDisk: true);</c> is added before it.</summary>
    public const string FixFlushToDiskBeforeClose = "FlushToDiskBeforeClose";

    /// <summary>The close of a writer or stream member over a file: <c>Fsync.File(_writer);</c> is added before it.</summary>
    public const string FixFsyncFileBeforeClose = "FsyncFileBeforeClose";

    /// <summary>A call of a helper that flushes the FileStream it is given: <c>_data.Flush(flushToDisk: true);</c> is added after the call's statement.</summary>
    public const string FixFlushToDiskAfterHelper = "FlushToDiskAfterHelper";

    /// <summary>A call of a helper that flushes the writer or stream it is given: <c>Fsync.File(writer);</c> is added after the call's statement.</summary>
    public const string FixFsyncAfterHelper = "FsyncAfterHelper";

    /// <summary>A FileStream member a member that promises durability writes and never syncs: <c>_data.Flush(flushToDisk: true);</c> after the write's statement.</summary>
    public const string FixFlushToDiskAfterWrites = "FlushToDiskAfterWrites";

    /// <summary>A writer member a member that promises durability writes and never syncs: <c>Fsync.File(_writer);</c> after the write's statement.</summary>
    public const string FixFsyncFileAfterWrites = "FsyncFileAfterWrites";

    /// <summary>For the fixes after a helper's call: the index, among the call's arguments, of the stream it hands on.</summary>
    public const string HandedArgumentProperty = "HandedArgument";

    /// <summary>For <see cref="FixFsyncWrapped"/>: the wrapped member.</summary>
    public const string WrappedProperty = "Wrapped";

    /// <summary>
    /// Present when no fix can exist: the stream hides the file it writes to (a CryptoStream over an inline File.Create)
    /// and nothing else holds it. Keep the FileStream in a field and fsync it after the flush.
    /// </summary>
    public const string UnreachableFileProperty = "UnreachableFile";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(
            RuleCatalog.FlushWithoutFsync, RuleCatalog.FlushFsyncedOnlyElsewhere, RuleCatalog.FlushFsyncedOnlyAtClose, RuleCatalog.FlushAsyncWithoutFsync,
            RuleCatalog.FlushAsyncFsyncedOnlyAtClose, RuleCatalog.FlushFsyncedOnlyInCopy, RuleCatalog.FlushAsyncFsyncedOnlyInCopy,
            RuleCatalog.FlushUnderDurabilityFlag, RuleCatalog.FlushAfterLastFsync, RuleCatalog.FlushAsyncAfterLastFsync,
            RuleCatalog.FlushAfterOwnFsync, RuleCatalog.FlushAsyncAfterOwnFsync, RuleCatalog.FsyncOfReadOnlyStream,
            RuleCatalog.ClosedWithoutFsync, RuleCatalog.WrittenUnsyncedInPromise);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(compilationContext => CompilationModel.RegisterTypeStart(compilationContext, OnTypeStart));
    }

    private static void OnTypeStart(SymbolStartAnalysisContext context, CompilationModel shared)
    {
        var intents = shared.Intents;
        var type = (INamedTypeSymbol)context.Symbol;
        var flushes = SourceTextSearch.AnyDeclarationContains(type, FileApiModel.FlushWords, context.CancellationToken);
        var durableNames = false;
        if (!flushes &&
            (!SourceTextSearch.AnyDeclarationContains(type, StreamMemberWords, context.CancellationToken) ||
             (!SourceTextSearch.AnyDeclarationContains(type, CloseWords, context.CancellationToken) && !(durableNames = DurableMethodNames.AnyIn(type)) &&
              !DurableMethodNames.AnyCommitIn(type))))
        {
            return;
        }

        // A type that never says Flush is read for the closes of its streams and what its commits write, which only storage
        // code is held to, and for what its members named for durability write.
        // So does a type that keeps a file it reads back at start open in a field (an access list appending each entry).
        var typeIntends = intents.IsDurable(type, context.Options, RuleIdentifiers.FlushWithoutFsync, compilationEvidenceCounts: true, context.CancellationToken) ||
                          (flushes && intents.StateFilesOf(type, context.Options, RuleIdentifiers.FlushWithoutFsync, context.CancellationToken) is { } stateFiles &&
                           HeldStateFiles.AnyIn(type, stateFiles, context.Compilation, shared.Files, context.CancellationToken));
        if (!typeIntends && !durableNames && (!flushes || !DurableMethodNames.AnyIn(type)))
        {
            return;
        }

        RegisterFacts(context, shared, type, typeIntends);
    }

    // Apart from OnTypeStart so that the closures are made only for the types that register (most return before).
    private static void RegisterFacts(SymbolStartAnalysisContext context, CompilationModel shared, INamedTypeSymbol type, bool typeIntends)
    {
        var facts = new StreamFacts(shared.Files, type, shared.FileAbstractions, context.CancellationToken);
        context.RegisterOperationAction(
            operationContext => facts.Add(operationContext.Operation, operationContext.ContainingSymbol),
            OperationKind.Invocation,
            OperationKind.SimpleAssignment,
            OperationKind.CoalesceAssignment,
            OperationKind.VariableDeclarator,
            OperationKind.FieldInitializer,
            OperationKind.PropertyInitializer,
            OperationKind.Invalid);

        context.RegisterSymbolEndAction(endContext => ReportUnsyncedFlushes(endContext, facts, shared, typeIntends));
    }

    private static readonly string[] CloseWords = { "Dispose", "Close" };

    // A member whose close is a finding is a stream, a writer or a file handle, and a type that keeps one names its type.
    private static readonly string[] StreamMemberWords = { "Stream", "Writer", "SafeFileHandle" };

    private static void ReportUnsyncedFlushes(SymbolAnalysisContext context, StreamFacts facts, CompilationModel shared, bool typeIntends)
    {
        if (!shared.Intents.IsSilenced((INamedTypeSymbol)context.Symbol, context.Options, RuleIdentifiers.FlushWithoutFsync))
        {
            // Test code may show the platform's behaviour on purpose; excluded types are excluded.
            ReportReadOnlyFsyncs(context, facts);
        }

        var cancellationToken = context.CancellationToken;
        var summaries = shared.FsyncSummaries;
        var intents = shared.Intents;
        bool CalleeFsyncs(IMethodSymbol callee, int ordinal) => summaries.FsyncsParameter(callee, ordinal, cancellationToken);
        var fsyncedByMember = new Dictionary<ISymbol, HashSet<ISymbol>>(SymbolEqualityComparer.Default);
        HashSet<ISymbol> FsyncedWithin(ISymbol member) =>
            fsyncedByMember.TryGetValue(member, out var known) ? known : fsyncedByMember[member] = facts.ComputeFsyncedWithin(member, CalleeFsyncs);

        // Outside storage code only methods that promise durability are held to it; there a stream of any backing counts.
        // In storage code a commit promises the same: the flush-then-fsync-at-checkpoint split leaves every commit exposed.
        // A member documented as flushing to disk promises it too, unless it fsyncs something itself (a helper that fsyncs
        // the FileStreams it is given and flushes other streams keeps its word for files).
        bool PromisesDurability(IMethodSymbol member) =>
            Promises(member, context.Options, intents, typeIntends) ||
            (typeIntends && DocumentedDurability.Promises(member, cancellationToken) && FsyncedWithin(member).Count == 0);

        var writtenUnsynced = UnsyncedPromisedWrites.Report(context, facts, shared, PromisesDurability, FsyncedWithin);
        if (typeIntends && facts.Closes.Count > 0)
        {
            UnsyncedMemberCloses.Report(context, facts, shared, writtenUnsynced);
        }

        // Flush(_data) over a helper that flushes the Stream it is given: a flush of _data, reported at the call.
        var helperFlushes = facts.Arguments.Count == 0
            ? null
            : facts.FlushesThroughHelpers((callee, ordinal) => shared.ParameterFlushes.FlushesOnly(callee, ordinal, cancellationToken));
        if (facts.Flushes.Count == 0 && helperFlushes is not { Count: > 0 })
        {
            return;
        }

        var flushes = new List<FlushSite>(facts.Flushes);
        if (helperFlushes is not null)
        {
            flushes.AddRange(helperFlushes);
        }

        var model = shared.Files;
        bool? syncsByPath = null;
        var fsynced = facts.ComputeFsynced(CalleeFsyncs);
        HashSet<ISymbol>? fsyncedAtClose = null;
        var reported = new List<(FlushSite Flush, DiagnosticDescriptor Descriptor, ImmutableDictionary<string, string?> Properties, object[] Arguments)>();
        for (var index = 0; index < flushes.Count; index++)
        {
            var flush = flushes[index];
            var throughHelper = index >= facts.Flushes.Count;

            // A helper that flushes for a member that promises durability (Commit calls FlushBuffers) is held to its promise.
            var promising = PromisingMembers(flush, facts, PromisesDurability);

            // if (_flushToDisk) _writer.Flush(): the code asks for the disk right there, and the member must fsync before it returns.
            var flag = promising.Count == 0 && flush.Member is not null ? DurabilityFlagGuards.GuardOf(flush.Invocation) : null;
            if (flag is not null && !intents.IsSilenced((INamedTypeSymbol)context.Symbol, context.Options, RuleIdentifiers.FlushWithoutFsync))
            {
                promising.Add(flush.Member!);
            }
            else
            {
                flag = null;
            }

            var promised = promising.Count > 0;
            if (!promised && (!typeIntends || (flush.Member is { } writer && intents.WritesForPeople(writer, context.Options, RuleIdentifiers.FlushWithoutFsync))))
            {
                // Storage code's exports and reports (ExportJson) are files for people, not data it recovers from.
                continue;
            }

            // A member that promises durability (Sync, FlushToDisk) must fsync what it flushes before it returns: an fsync
            // elsewhere in the type (a later checkpoint) does not keep that promise.
            var broken = promised ? promising.Find(member => !facts.IsCovered(flush.Variable, FsyncedWithin(member))) : null;
            var covered = promised
                ? broken is null
                : facts.IsCovered(flush.Variable, flush.InClosingMember ? fsyncedAtClose ??= facts.ComputeFsynced(CalleeFsyncs, includeClosing: true) : fsynced);

            // A backup's fsync covers the backup's own flushes, and only those.
            covered = covered || (!promised && CopyingMembers.IsCopying(flush.Member) && facts.IsCovered(flush.Variable, FsyncedWithin(flush.Member!)));

            // Fsynced within, but only before the flush: what the member writes after its last fsync is only flushed.
            var afterLastFsync = false;
            if (promised && covered &&
                FsyncOrder.FlushedAfterLastFsync(flush, promising, facts, model, FsyncedWithin, CalleeFsyncs, context.Compilation, cancellationToken) is { } late)
            {
                (broken, covered, afterLastFsync) = (late, false, true);
            }

            // In storage code a member that fsyncs the stream itself means the disk for what it writes: a header it writes after
            // that fsync and only flushes, itself or through a helper it calls last, waits in the page cache for the next one.
            var afterOwnFsync = false;
            if (covered && typeIntends && !flush.InClosingMember)
            {
                var syncing = PromisingMembers(flush, facts, member => !ClosingMembers.IsClosing(member) && facts.IsReachedBy(flush.Variable, FsyncedWithin(member)));
                if (syncing.Count > 0 &&
                    FsyncOrder.FlushedAfterLastFsync(flush, syncing, facts, model, FsyncedWithin, CalleeFsyncs, context.Compilation, cancellationToken, ownFsyncsOnly: true) is { } unsynced)
                {
                    (broken, covered, afterOwnFsync) = (unsynced, false, true);
                }
            }

            // A promise makes any stream suspect, but a value of the project's own type is a file only when seen to be one.
            var fileBacked = facts.IsFileBacked(flush.Variable) ||
                             (promised && model.IsTrackedType(StreamFacts.TypeOf(flush.Variable)) && facts.MayBeFileBacked(flush.Variable)) ||
                             (!covered && HandedStreams.IsGivenFileAtCreation(flush, facts, shared, cancellationToken));
            if (covered || !fileBacked || facts.IsNeverWritten(flush) ||
                (facts.IsForeign(flush.Variable) && shared.OwnedStreams.FsyncsOwnMember(flush.Variable, cancellationToken)) ||
                HandedStreams.IsDurableAtEveryCreation(flush.Variable, facts, shared, cancellationToken))
            {
                continue;
            }

            // _fs.Flush(); _fs.SetLength(n): emptying the buffer before a resize (which flushes it anyway) promises nothing.
            if (!promised && FlushesBeforeSetLength(flush.Invocation.Syntax))
            {
                continue;
            }

            // A Lucene-style commit reopens each file by path and fsyncs it: the flush hands the data to that commit. A member
            // that promises durability keeps its promise that way only if it runs such a sync itself before it returns.
            if (broken is null
                    ? syncsByPath ??= shared.PathSyncers.SyncsFilesByPath((INamedTypeSymbol)context.Symbol, cancellationToken)
                    : SyncsByPathWithin(broken, facts, shared.PathSyncers, (INamedTypeSymbol)context.Symbol, cancellationToken))
            {
                continue;
            }

            var handed = throughHelper ? HandedStreams.HandedArgument(flush, facts) : null;
            var descriptor = flush.Kind == FlushKind.AsyncToPageCache ? RuleCatalog.FlushAsyncWithoutFsync : RuleCatalog.FlushWithoutFsync;
            var arguments = new object[] { handed is not null ? NodeText.OnOneLine(handed.Value.Syntax) : StreamName(flush, facts) };
            if (throughHelper)
            {
                descriptor = RuleCatalog.FlushThroughHelper;
                arguments = new object[] { arguments[0], flush.Invocation.TargetMethod.Name };
            }

            if (flag is not null && !afterLastFsync && !afterOwnFsync)
            {
                descriptor = RuleCatalog.FlushUnderDurabilityFlag;
                arguments = new object[] { arguments[0], NodeText.OnOneLine(flag.Syntax) };
            }
            else if (afterLastFsync)
            {
                descriptor = flush.Kind == FlushKind.AsyncToPageCache ? RuleCatalog.FlushAsyncAfterLastFsync : RuleCatalog.FlushAfterLastFsync;
                arguments = new object[] { arguments[0], broken!.Name };
            }
            else if (afterOwnFsync)
            {
                descriptor = flush.Kind == FlushKind.AsyncToPageCache ? RuleCatalog.FlushAsyncAfterOwnFsync : RuleCatalog.FlushAfterOwnFsync;
                arguments = new object[] { arguments[0], broken!.Name };
            }
            else if (broken is not null && facts.IsCovered(flush.Variable, fsynced))
            {
                descriptor = RuleCatalog.FlushFsyncedOnlyElsewhere;
                arguments = new object[] { arguments[0], broken.Name };
            }
            else if (!flush.InClosingMember &&
                     facts.IsCovered(flush.Variable, fsyncedAtClose ??= facts.ComputeFsynced(CalleeFsyncs, includeClosing: true)))
            {
                // "Never fsynced" would be wrong: it is, when the stream is closed.
                descriptor = flush.Kind == FlushKind.AsyncToPageCache ? RuleCatalog.FlushAsyncFsyncedOnlyAtClose : RuleCatalog.FlushFsyncedOnlyAtClose;
            }
            else if (facts.CopyingMemberThatFsyncs(flush.Variable) is { } copying)
            {
                descriptor = flush.Kind == FlushKind.AsyncToPageCache ? RuleCatalog.FlushAsyncFsyncedOnlyInCopy : RuleCatalog.FlushFsyncedOnlyInCopy;
                arguments = new object[] { arguments[0], copying.Name };
            }

            var fix = throughHelper ? null : ChooseFix(flush, model);
            var properties = fix is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(FixKindProperty, fix);
            if (handed is not null && FileApiModel.StripConversions(handed.Value)?.Type is { } handedType &&
                (model.IsFileStream(handedType) || model.CanRuntimeReachFile(handedType)) &&
                handed.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentListSyntax list } handedSyntax)
            {
                properties = properties.Add(FixKindProperty, model.IsFileStream(handedType) ? FixFlushToDiskAfterHelper : FixFsyncAfterHelper)
                    .Add(HandedArgumentProperty, list.Arguments.IndexOf(handedSyntax).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (fix is null && !throughHelper && flush.Kind != FlushKind.AsyncToPageCache && facts.WrappedMember(flush.Variable) is { } wrapped &&
                (model.IsFileStream(StreamFacts.TypeOf(wrapped)) || model.CanRuntimeReachFile(StreamFacts.TypeOf(wrapped))))
            {
                properties = properties.Add(FixKindProperty, FixFsyncWrapped).Add(WrappedProperty, wrapped.Name);
            }
            else if (fix is null)
            {
                properties = properties.Add(UnreachableFileProperty, "true");
            }

            reported.Add((flush, descriptor, properties, arguments));
        }

        // Flush(_data) in three places is one missing fsync of _data: reported at the first call in the source, whose fix
        // (an fsync of _data in the type) leaves the others covered; and not at all beside a flush of _data reported itself.
        var helperCalls = new List<(IMethodSymbol Helper, ISymbol Variable, Location Location)>();
        var flushedItself = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var (flush, descriptor, _, _) in reported)
        {
            if (descriptor == RuleCatalog.FlushThroughHelper)
            {
                helperCalls.Add((flush.Invocation.TargetMethod.OriginalDefinition, flush.Variable, flush.Invocation.Syntax.GetLocation()));
            }
            else
            {
                flushedItself.Add(flush.Variable);
            }
        }

        foreach (var (flush, descriptor, properties, arguments) in reported)
        {
            // writer.Flush(); stream.Flush(); is one bug, at the stream: the writer's flush is what hands it the data.
            if (SupersedingFlush(flush, reported, facts) is null &&
                (descriptor != RuleCatalog.FlushThroughHelper || (!flushedItself.Contains(flush.Variable) && HandedStreams.IsFirstCall(flush, helperCalls))))
            {
                context.ReportDiagnostic(Diagnostic.Create(descriptor, flush.Invocation.Syntax.GetLocation(), properties, arguments));
            }
        }
    }

    // The flush's statement is followed at once by a SetLength of the same stream (await _fs.FlushAsync(); _fs.SetLength(n);).
    private static bool FlushesBeforeSetLength(SyntaxNode flush)
    {
        if (flush is not Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax flushed })
        {
            return false;
        }

        var statement = flush.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.AwaitExpressionSyntax awaited ? awaited.Parent : flush.Parent;
        if (statement is not Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.BlockSyntax block } own)
        {
            return false;
        }

        var index = block.Statements.IndexOf(own);
        return index + 1 < block.Statements.Count &&
               block.Statements[index + 1] is Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax
               {
                   Expression: Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax
                   {
                       Expression: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: "SetLength" } resized,
                   },
               } &&
               resized.Expression.IsEquivalentTo(flushed.Expression, topLevel: false);
    }

    // Flush(true) on a stream opened for reading only: an fsync is intent enough, as a commit that reopens files to sync them.
    private static void ReportReadOnlyFsyncs(SymbolAnalysisContext context, StreamFacts facts)
    {
        var fix = ImmutableDictionary<string, string?>.Empty.Add(FixKindProperty, FixFsyncByName);
        foreach (var flush in facts.FlushesToDisk)
        {
            if (facts.IsOpenedReadOnly(flush.Variable))
            {
                context.ReportDiagnostic(Diagnostic.Create(RuleCatalog.FsyncOfReadOnlyStream, flush.Invocation.Syntax.GetLocation(), fix, flush.Variable.Name));
            }
        }
    }

    // The member holding the flush when it promises durability, else those of its callers in the type that do.
    internal static List<ISymbol> PromisingMembers(FlushSite flush, StreamFacts facts, System.Func<IMethodSymbol, bool> promises)
    {
        var promising = new List<ISymbol>();
        if (flush.Member is not IMethodSymbol member)
        {
            return promising;
        }

        if (promises(member))
        {
            promising.Add(member);
            return promising;
        }

        foreach (var caller in facts.CallersOf(member))
        {
            if (caller is IMethodSymbol method && promises(method))
            {
                promising.Add(method);
            }
        }

        // The facts arrive in the order the driver's threads ran; the message names the first in the source.
        promising.Sort(SourceOrder.Compare);
        return promising;
    }

    internal static bool SyncsByPathWithin(ISymbol member, StreamFacts facts, PathSyncers syncers, INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var runs in facts.RunsWithin(member))
        {
            if (syncers.SyncsFilesByPathIn(type, runs, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Promises(IMethodSymbol member, AnalyzerOptions options, TypeIntents intents, bool typeIntends) =>
        (DurableMethodNames.PromisesDurability(member) && !intents.IsSilenced(member.ContainingType, options, RuleIdentifiers.FlushWithoutFsync)) ||
        (typeIntends && DurableMethodNames.Commits(member));

    // A stream of another object is named as the code reaches it (_active.Stream), a variable of this type by its name.
    private static string StreamName(FlushSite flush, StreamFacts facts) =>
        facts.IsForeign(flush.Variable) && flush.Invocation.Instance is { } receiver ? NodeText.OnOneLine(receiver.Syntax) : flush.Variable.Name;

    // writer.Flush(); stream.Flush(); with the writer over the stream: once the stream's flush becomes Flush(true) it
    // makes the writer's data durable too, so the writer's flush is no finding of its own.
    private static FlushSite? SupersedingFlush(
        FlushSite flush, List<(FlushSite Flush, DiagnosticDescriptor Descriptor, ImmutableDictionary<string, string?> Properties, object[] Arguments)> reported, StreamFacts facts)
    {
        if (facts.WrappedVariable(flush.Variable) is not { } wrapped)
        {
            return null;
        }

        foreach (var (other, _, properties, _) in reported)
        {
            if (SymbolEqualityComparer.Default.Equals(other.Variable, wrapped) &&
                properties.TryGetValue(FixKindProperty, out var fix) && fix == FixFlushToDisk &&
                other.Invocation.Syntax.SpanStart > flush.Invocation.Syntax.SpanStart &&
                other.Invocation.Parent?.Parent is { } block && block == flush.Invocation.Parent?.Parent)
            {
                return other;
            }
        }

        return null;
    }

    // The runtime's Fsync.File and FileAsync reach the file only through writers and the streams it can unwrap; others get no fix.
    private static string? ChooseFix(FlushSite flush, FileApiModel model)
    {
        var receiverType = flush.Invocation.Instance?.Type;
        if (flush.Kind != FlushKind.AsyncToPageCache && model.IsFileStream(receiverType))
        {
            return FixFlushToDisk;
        }

        if (!model.CanRuntimeReachFile(receiverType))
        {
            return null;
        }

        return flush.Kind == FlushKind.AsyncToPageCache ? FixAwaitFsyncFileAsync : FixAddFsyncFile;
    }
}
