using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// For methods declared in source, which parameters they fsync, directly or through the methods they
/// call. Each method is summarised once per compilation and reused by every caller; recursion is handled
/// by <see cref="MethodSummaryCache{T}"/>, so the answer does not depend on which method was asked first.
/// </summary>
internal sealed class FsyncSummaries
{
    private readonly Compilation _compilation;
    private readonly FileApiModel _model;
    private readonly MethodSummaryCache<ImmutableHashSet<int>> _summaries;

    public FsyncSummaries(Compilation compilation, FileApiModel model)
    {
        _compilation = compilation;
        _model = model;
        _summaries = new MethodSummaryCache<ImmutableHashSet<int>>(Summarise, ImmutableHashSet<int>.Empty);
    }

    /// <summary>True when <paramref name="method"/> makes the stream passed as parameter <paramref name="ordinal"/> durable.</summary>
    public bool FsyncsParameter(IMethodSymbol method, int ordinal, CancellationToken cancellationToken) =>
        !FileApiModel.IsRuntimeMember(method) &&
        (_summaries.Get(method, cancellationToken).Contains(ordinal) || PromisesToFsyncThroughDelegate(method, ordinal, cancellationToken));

    // FlushToDisk(this FileStream fs) => FlushSafe(fs), through a delegate chosen at start-up: a source method named for
    // durability that hands the stream to a delegate, or whose body is another project's, is taken at its word. One that
    // only writes (WriteToDisk) is not.
    private bool PromisesToFsyncThroughDelegate(IMethodSymbol method, int ordinal, CancellationToken cancellationToken)
    {
        if (ordinal >= method.Parameters.Length || !SourceBodies.CanSummarise(method) || !_model.IsTrackedType(method.Parameters[ordinal].Type) ||
            !DurableMethodNames.PromisesDurability(method))
        {
            return false;
        }

        var parameter = method.Parameters[ordinal];
        var read = false;
        foreach (var body in SourceBodies.Of(_compilation, method, cancellationToken))
        {
            read = true;
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } call && HandsOn(call, parameter))
                {
                    return true;
                }
            }
        }

        // A referenced project's helper (its source in the IDE) cannot be read here: its name is all there is.
        return !read;
    }

    private static bool HandsOn(IInvocationOperation call, IParameterSymbol parameter)
    {
        foreach (var argument in call.Arguments)
        {
            if (FileApiModel.StripConversions(argument.Value) is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
            {
                return true;
            }
        }

        return false;
    }

    private ImmutableHashSet<int> Summarise(IMethodSymbol method, MethodSummaryCache<ImmutableHashSet<int>>.Walk walk)
    {
        if (method.IsAbstract)
        {
            return SummariseImplementations(method, walk);
        }

        var facts = new StreamFacts(_model, owner: null);
        foreach (var body in SourceBodies.Of(_compilation, method, walk.CancellationToken))
        {
            facts.AddTree(body);
        }

        var fsynced = facts.ComputeFsynced((callee, index) => !FileApiModel.IsRuntimeMember(callee) && _summaries.Get(callee, walk).Contains(index));
        var parameters = ImmutableHashSet.CreateBuilder<int>();
        foreach (var parameter in method.Parameters)
        {
            if (fsynced.Contains(parameter))
            {
                parameters.Add(parameter.Ordinal);
            }
        }

        return parameters.ToImmutable();
    }

    // _flushPolicy.FlushCommitAsync(_stream) through an interface: the stream is fsynced when an implementation in the
    // compilation fsyncs it. Durability chosen by a setting (a Buffered policy beside a Durable one) is offered durability.
    private ImmutableHashSet<int> SummariseImplementations(IMethodSymbol method, MethodSummaryCache<ImmutableHashSet<int>>.Walk walk)
    {
        var parameters = ImmutableHashSet<int>.Empty;
        foreach (var implementation in SourceImplementations.Of(_compilation, method, walk.CancellationToken))
        {
            parameters = parameters.Union(_summaries.Get(implementation, walk));
        }

        return parameters;
    }
}
