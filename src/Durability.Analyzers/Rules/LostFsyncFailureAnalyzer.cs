using System.Collections.Immutable;
using System.Globalization;
using Durability.Analyzers.Configuration;
using Durability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Rules;

/// <summary>
/// DUR005: an fsync (Flush(true), RandomAccess.FlushToDisk, Fsync.*, a native fsync, or a method that does one)
/// whose failure a catch drops or retries, and a native fsync whose result is discarded or whose failure an if only
/// logs. The fsync itself shows
/// the intent, so every type is checked but test code and excluded types.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LostFsyncFailureAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property naming the fix that applies.</summary>
    public const string FixKindProperty = "FixKind";

    /// <summary>Add <c>throw;</c> at the end of the catch at <see cref="CatchAtProperty"/>.</summary>
    public const string FixRethrow = "Rethrow";

    /// <summary>Check the native call's result and throw an IOException with the error code.</summary>
    public const string FixCheckResult = "CheckResult";

    /// <summary>Call the fsync once instead of through the retry helper at <see cref="HelperAtProperty"/>.</summary>
    public const string FixCallOnce = "CallOnce";

    /// <summary>Call the fsync itself instead of through the helper at <see cref="HelperAtProperty"/>, which swallows its failure.</summary>
    public const string FixCallDirectly = "CallDirectly";

    /// <summary>The position of the helper's call.</summary>
    public const string HelperAtProperty = "HelperAt";

    /// <summary>The position of the catch clause that drops the failure.</summary>
    public const string CatchAtProperty = "CatchAt";

    /// <summary>End the branch that only logs a native fsync's failure with a throw of an IOException with the error code.</summary>
    public const string FixThrowInBranch = "ThrowInBranch";

    /// <summary>For <see cref="FixCheckResult"/>: <c>int</c> (0 is success) or <c>bool</c> (true is success).</summary>
    public const string ResultTypeProperty = "ResultType";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(RuleCatalog.FsyncFailureSwallowed, RuleCatalog.FsyncFailureRetried, RuleCatalog.FsyncResultIgnored, RuleCatalog.FsyncFailureOnlyLogged);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var models = CompilationModel.Deferred(context.Compilation);
        context.RegisterOperationAction(
            operationContext =>
            {
                if (models.Value is { } model)
                {
                    Analyze(operationContext, model.FsyncCalls, model.FailureFlow, model.Intents, model.Files);
                }
            },
            OperationKind.Invocation);
    }

    // Structure first, fsync summaries last: most calls are in no try and fsync nothing.
    private static void Analyze(OperationAnalysisContext context, FsyncCalls fsyncs, FsyncFailureFlow flow, TypeIntents intents, FileApiModel files)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var cancellationToken = context.CancellationToken;
        if (FsyncCalls.IsNativeFsync(invocation) && IsDiscarded(invocation))
        {
            if (!IsSilenced(context, intents))
            {
                var resultType = invocation.TargetMethod.ReturnType.SpecialType == SpecialType.System_Boolean ? "bool" : "int";
                var properties = ImmutableDictionary<string, string?>.Empty.Add(FixKindProperty, FixCheckResult).Add(ResultTypeProperty, resultType);
                context.ReportDiagnostic(Diagnostic.Create(RuleCatalog.FsyncResultIgnored, invocation.Syntax.GetLocation(), properties, NodeText.OnOneLine(invocation.Syntax)));
            }

            return;
        }

        if (FsyncCalls.IsNativeFsync(invocation) && CheckedFsyncResults.OnlyLoggedFailure(invocation) is not null)
        {
            if (!IsSilenced(context, intents))
            {
                var properties = ImmutableDictionary<string, string?>.Empty.Add(FixKindProperty, FixThrowInBranch);
                context.ReportDiagnostic(Diagnostic.Create(RuleCatalog.FsyncFailureOnlyLogged, invocation.Syntax.GetLocation(), properties, NodeText.OnOneLine(invocation.Syntax)));
            }

            return;
        }

        if (flow.Follow(invocation, cancellationToken) is not { } lost || !fsyncs.IsFsync(invocation, cancellationToken) || !flow.IsLost(lost, cancellationToken) ||
            IsOfReadOnlyLocal(invocation, files) || IsSilenced(context, intents))
        {
            return;
        }

        var retried = lost.Handler is { } handler ? flow.IsRetried(handler, cancellationToken) : lost.HelperRetries;
        var fix = lost.Handler is not null
            ? ImmutableDictionary<string, string?>.Empty
                .Add(FixKindProperty, FixRethrow)
                .Add(CatchAtProperty, lost.Handler.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture))
            : lost.RetryHelper is { } helper
                ? ImmutableDictionary<string, string?>.Empty
                    .Add(FixKindProperty, lost.HelperRetries ? FixCallOnce : FixCallDirectly)
                    .Add(HelperAtProperty, helper.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture))
                : ImmutableDictionary<string, string?>.Empty;
        var descriptor = retried ? RuleCatalog.FsyncFailureRetried : RuleCatalog.FsyncFailureSwallowed;
        context.ReportDiagnostic(Diagnostic.Create(descriptor, invocation.Syntax.GetLocation(), fix, NodeText.OnOneLine(invocation.Syntax)));
    }

    // using var d = new FileStream(directory, FileMode.Open, FileAccess.Read); d.Flush(true): .NET skips the flush of a stream
    // that cannot write, so there is no failure to lose; DUR001 reports the fsync that does nothing.
    private static bool IsOfReadOnlyLocal(IInvocationOperation invocation, FileApiModel files) =>
        invocation.TargetMethod is { Name: "Flush", Parameters.Length: 1 } && files.IsFileStream(invocation.TargetMethod.ContainingType) &&
        FileApiModel.StripConversions(invocation.Instance) is ILocalReferenceOperation { Local: var local } &&
        SourceBodies.InitializerOf(local, SourceBodies.RootOf(invocation)) is { } opening && files.ClassifyValue(opening).OpensReadOnly;

    private static bool IsSilenced(OperationAnalysisContext context, TypeIntents intents) =>
        context.ContainingSymbol.ContainingType is not { } type || intents.IsSilenced(type, context.Options, RuleIdentifiers.LostFsyncFailure);

    // fsync(fd); or _ = fsync(fd);
    private static bool IsDiscarded(IInvocationOperation invocation) =>
        invocation.TargetMethod.ReturnType.SpecialType != SpecialType.System_Void &&
        (invocation.Parent is IExpressionStatementOperation ||
         invocation.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation, Parent: IExpressionStatementOperation });
}
