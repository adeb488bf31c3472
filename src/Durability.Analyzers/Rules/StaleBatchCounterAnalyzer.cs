using System.Collections.Generic;
using System.Collections.Immutable;
using Durability.Analyzers.Configuration;
using Durability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Rules;

/// <summary>
/// DUR003: in a type with a batch-sync counter (see <see cref="BatchCounter"/>), an fsync of the counter's
/// stream not followed on every path by a reset of the counter, and a reset not preceded on every path by
/// an fsync. Calls to members of the type that fsync (or reset) unconditionally count as fsyncs (resets).
/// Members that close the stream for good (Dispose, DisposeAsync, Close, finalizers) are not checked: the
/// counter means nothing once the log is closed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StaleBatchCounterAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the counter's name, for the fix's reset.</summary>
    public const string CounterProperty = "Counter";

    /// <summary>Diagnostic property: a parameterless member of the type that fsyncs and resets, when there is one.</summary>
    public const string HelperProperty = "Helper";

    /// <summary>Diagnostic property of a reset without an fsync: the stream to fsync before it.</summary>
    public const string StreamProperty = "Stream";

    /// <summary>Diagnostic property of a reset without an fsync: <c>FlushToDisk</c> for a FileStream, <c>Fsync.File</c> for a writer.</summary>
    public const string FsyncCallProperty = "FsyncCall";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(RuleCatalog.FsyncLeavesCounterStale, RuleCatalog.CounterResetWithoutFsync);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(compilationContext =>
            CompilationModel.RegisterTypeStart(compilationContext, (typeContext, shared) => OnTypeStart(typeContext, shared.Files, shared.Intents)));
    }

    private static void OnTypeStart(SymbolStartAnalysisContext context, FileApiModel model, TypeIntents intents)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        // A batch counter is reset after an fsync in the type's own code: a type that spells none has nothing to check.
        // The text first: it is the cheapest question, and most types spell no fsync.
        if (!SourceTextSearch.AnyDeclarationContains(type, FileApiModel.FsyncWords, context.CancellationToken) || !HasIntegralState(type) ||
            !intents.IsDurable(type, context.Options, RuleIdentifiers.StaleBatchCounter, compilationEvidenceCounts: false, context.CancellationToken))
        {
            return;
        }

        RegisterBodies(context, model);
    }

    // Apart from OnTypeStart so that the closures are made only for the types that register (most return before).
    private static void RegisterBodies(SymbolStartAnalysisContext context, FileApiModel model)
    {
        var bodies = new List<(IMethodSymbol Method, IOperation Body)>();
        context.RegisterOperationBlockAction(blockContext =>
        {
            if (blockContext.OwningSymbol is IMethodSymbol method)
            {
                lock (bodies)
                {
                    foreach (var block in blockContext.OperationBlocks)
                    {
                        bodies.Add((method, block));
                    }
                }
            }
        });
        context.RegisterSymbolEndAction(endContext => new TypeAnalysis(model, bodies, endContext).Run());
    }

    private static bool HasIntegralState(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { IsConst: false } field && IsIntegral(field.Type) ||
                member is IPropertySymbol property && IsIntegral(property.Type))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIntegral(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or
            SpecialType.System_UInt64 or SpecialType.System_Int16 or SpecialType.System_UInt16;

    /// <summary>The facts and findings of one type, computed once all its member bodies are known.</summary>
    private sealed class TypeAnalysis
    {
        private readonly FileApiModel _model;
        private readonly List<(IMethodSymbol Method, IOperation Body)> _bodies;
        private readonly SymbolAnalysisContext _context;

        public TypeAnalysis(FileApiModel model, List<(IMethodSymbol Method, IOperation Body)> bodies, SymbolAnalysisContext context)
        {
            _model = model;
            _bodies = bodies;
            _context = context;
        }

        public void Run()
        {
            foreach (var counter in FindCounters())
            {
                var helper = FindHelper(counter);
                foreach (var (method, body) in _bodies)
                {
                    if (ClosingMembers.IsClosing(method))
                    {
                        continue;
                    }

                    foreach (var operation in body.DescendantsAndSelf())
                    {
                        if (IsFsyncOf(operation, counter.Stream) &&
                            !StructuredPaths.IsFollowedOnEveryPath(operation, o => IsReset(o, counter.Counter) || CallsMemberThat(o, b => StructuredPaths.RunsUnconditionally(b, r => IsReset(r, counter.Counter)))))
                        {
                            ReportStaleFsync(operation, counter, helper);
                        }
                        else if (IsReset(operation, counter.Counter) && method.MethodKind is not (MethodKind.Constructor or MethodKind.StaticConstructor) &&
                                 !StructuredPaths.IsPrecededOnEveryPath(operation, o => IsFsyncOf(o, counter.Stream) || CallsMemberThat(o, b => StructuredPaths.RunsUnconditionally(b, f => IsFsyncOf(f, counter.Stream)))))
                        {
                            _context.ReportDiagnostic(Diagnostic.Create(
                                RuleCatalog.CounterResetWithoutFsync, operation.Syntax.GetLocation(), FsyncBeforeReset(counter.Stream), counter.Counter.Name, counter.Stream.Name));
                        }
                    }
                }
            }
        }

        // The fix for a reset without an fsync: fsync the stream first, so that the reset tells the truth.
        private ImmutableDictionary<string, string?> FsyncBeforeReset(ISymbol stream)
        {
            var type = StreamFacts.TypeOf(stream);
            var call = _model.IsFileStream(type) ? "FlushToDisk" : _model.CanRuntimeReachFile(type) ? "Fsync.File" : null;
            return call is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(StreamProperty, stream.Name).Add(FsyncCallProperty, call);
        }

        private void ReportStaleFsync(IOperation fsync, BatchCounter counter, string? helper)
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(CounterProperty, counter.Counter.Name);
            if (helper is not null)
            {
                properties = properties.Add(HelperProperty, helper);
            }

            _context.ReportDiagnostic(Diagnostic.Create(
                RuleCatalog.FsyncLeavesCounterStale, fsync.Syntax.GetLocation(), properties, counter.Stream.Name, counter.Counter.Name, counter.Threshold));
        }

        // Counters: incremented, compared with a threshold, and reset in the same block as an fsync of a stream.
        private List<BatchCounter> FindCounters()
        {
            var incremented = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var thresholds = new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);
            var bindings = new List<(ISymbol Counter, ISymbol Stream)>();
            foreach (var (_, body) in _bodies)
            {
                foreach (var operation in body.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case IIncrementOrDecrementOperation { Kind: OperationKind.Increment } increment when OwnIntegral(increment.Target) is { } counter:
                            incremented.Add(counter);
                            break;
                        case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add } add when OwnIntegral(add.Target) is { } counter:
                            incremented.Add(counter);
                            break;
                        case IBinaryOperation comparison when IsComparison(comparison.OperatorKind):
                            RecordThreshold(thresholds, comparison.LeftOperand, comparison.RightOperand);
                            RecordThreshold(thresholds, comparison.RightOperand, comparison.LeftOperand);
                            break;
                        case IBlockOperation block:
                            RecordBindings(block, bindings);
                            break;
                    }
                }
            }

            var counters = new List<BatchCounter>();
            foreach (var (counter, stream) in bindings)
            {
                if (incremented.Contains(counter) && thresholds.TryGetValue(counter, out var threshold) &&
                    !counters.Exists(c => SymbolEqualityComparer.Default.Equals(c.Counter, counter) && SymbolEqualityComparer.Default.Equals(c.Stream, stream)))
                {
                    counters.Add(new BatchCounter(counter, threshold, stream));
                }
            }

            return counters;
        }

        private void RecordBindings(IBlockOperation block, List<(ISymbol Counter, ISymbol Stream)> bindings)
        {
            var streams = new List<ISymbol>();
            foreach (var statement in block.Operations)
            {
                if (statement is IExpressionStatementOperation { Operation: IInvocationOperation invocation } &&
                    FileApiModel.ResolveVariable(_model.GetFsyncTarget(invocation)) is { } stream)
                {
                    streams.Add(stream);
                }
                else if (statement is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment } &&
                         NumericConstants.IsZero(assignment.Value) && OwnIntegral(assignment.Target) is { } counter)
                {
                    foreach (var synced in streams)
                    {
                        bindings.Add((counter, synced));
                    }
                }
            }
        }

        private static void RecordThreshold(Dictionary<ISymbol, string> thresholds, IOperation side, IOperation other)
        {
            // ++_writes >= limit compares the counter too.
            if (side is IIncrementOrDecrementOperation increment)
            {
                side = increment.Target;
            }

            if (OwnIntegral(side) is { } counter && !thresholds.ContainsKey(counter))
            {
                thresholds.Add(counter, NodeText.OnOneLine(other.Syntax));
            }
        }

        // A parameterless member whose body fsyncs the stream and then resets the counter on every path.
        private string? FindHelper(BatchCounter counter)
        {
            foreach (var (method, body) in _bodies)
            {
                if (method.MethodKind != MethodKind.Ordinary || !AllParametersOptional(method) || ClosingMembers.IsClosing(method))
                {
                    continue;
                }

                foreach (var operation in body.DescendantsAndSelf())
                {
                    if (IsFsyncOf(operation, counter.Stream) && StructuredPaths.RunsUnconditionally(body, o => o == operation) &&
                        StructuredPaths.IsFollowedOnEveryPath(operation, o => IsReset(o, counter.Counter)))
                    {
                        return method.Name;
                    }
                }
            }

            return null;
        }

        private bool CallsMemberThat(IOperation operation, System.Func<IOperation, bool> bodyDoes)
        {
            if (operation is not IInvocationOperation { Instance: null or IInstanceReferenceOperation } call ||
                !SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, _context.Symbol))
            {
                return false;
            }

            foreach (var (method, body) in _bodies)
            {
                if (SymbolEqualityComparer.Default.Equals(method, call.TargetMethod.OriginalDefinition) && bodyDoes(body))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsFsyncOf(IOperation operation, ISymbol stream) =>
            operation is IInvocationOperation invocation &&
            SymbolEqualityComparer.Default.Equals(FileApiModel.ResolveVariable(_model.GetFsyncTarget(invocation)), stream);

        private static bool IsReset(IOperation operation, ISymbol counter) =>
            operation is ISimpleAssignmentOperation assignment && NumericConstants.IsZero(assignment.Value) &&
            SymbolEqualityComparer.Default.Equals(OwnIntegral(assignment.Target), counter);

        private static ISymbol? OwnIntegral(IOperation operation) =>
            FileApiModel.ResolveVariable(operation) is { } symbol && symbol is IFieldSymbol or IPropertySymbol &&
            StreamFacts.TypeOf(symbol) is { } type && IsIntegral(type)
                ? symbol
                : null;

        private static bool IsComparison(BinaryOperatorKind kind) =>
            kind is BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.LessThan or
                BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.Equals;

        private static bool AllParametersOptional(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (!parameter.IsOptional)
                {
                    return false;
                }
            }

            return true;
        }

    }
}
