using System.Collections.Generic;
using System.Collections.Immutable;
using Durability.Analyzers.Configuration;
using Durability.Analyzers.Model;
using Durability.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Analyzers;

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

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(RuleCatalog.FlushWithoutFsync, RuleCatalog.FlushAsyncWithoutFsync);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var model = FileApiModel.Create(context.Compilation);
        if (model is null)
        {
            return;
        }

        var summaries = new FsyncSummaries(context.Compilation, model);
        context.RegisterSymbolStartAction(symbolContext => OnTypeStart(symbolContext, model, summaries), SymbolKind.NamedType);
    }

    private static void OnTypeStart(SymbolStartAnalysisContext context, FileApiModel model, FsyncSummaries summaries)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!IntendsDurability(type, context.Options))
        {
            return;
        }

        var facts = new StreamFacts(model, type);
        context.RegisterOperationAction(
            operationContext => facts.Add(operationContext.Operation),
            OperationKind.Invocation,
            OperationKind.SimpleAssignment,
            OperationKind.VariableDeclarator,
            OperationKind.FieldInitializer,
            OperationKind.PropertyInitializer);

        context.RegisterSymbolEndAction(endContext => ReportUnsyncedFlushes(endContext, facts, model, summaries));
    }

    private static bool IntendsDurability(INamedTypeSymbol type, AnalyzerOptions options)
    {
        foreach (var location in type.Locations)
        {
            if (location.SourceTree is { } tree &&
                DurabilityIntent.For(RuleOptionReader.For(options, tree), RuleIdentifiers.FlushWithoutFsync).IsDurable(type))
            {
                return true;
            }
        }

        return false;
    }

    private static void ReportUnsyncedFlushes(SymbolAnalysisContext context, StreamFacts facts, FileApiModel model, FsyncSummaries summaries)
    {
        if (facts.Flushes.Count == 0)
        {
            return;
        }

        var cancellationToken = context.CancellationToken;
        var fsynced = facts.ComputeFsynced((callee, ordinal) => summaries.FsyncsParameter(callee, ordinal, cancellationToken));
        foreach (var flush in facts.Flushes)
        {
            if (facts.IsCovered(flush.Variable, fsynced) || !facts.IsFileBacked(flush.Variable))
            {
                continue;
            }

            var descriptor = flush.Kind == FlushKind.AsyncToPageCache ? RuleCatalog.FlushAsyncWithoutFsync : RuleCatalog.FlushWithoutFsync;
            var fix = ChooseFix(flush, model);
            var properties = fix is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(FixKindProperty, fix);
            context.ReportDiagnostic(Diagnostic.Create(descriptor, flush.Invocation.Syntax.GetLocation(), properties, flush.Variable.Name));
        }
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
