using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

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
        !FileApiModel.IsRuntimeMember(method) && (_summaries.Get(method, cancellationToken).Contains(ordinal) || PromisesToFsync(method, ordinal));

    // FlushToDisk(this FileStream fs) => FlushSafe(fs), through a delegate chosen at start-up: a source method named for
    // durability is taken at its word for the stream it is given. Where its body breaks the promise, DUR001 reports it there.
    private bool PromisesToFsync(IMethodSymbol method, int ordinal) =>
        ordinal < method.Parameters.Length && SourceBodies.CanSummarise(method) && _model.IsTrackedType(method.Parameters[ordinal].Type) &&
        DurableMethodNames.PromisesDurability(method);

    private ImmutableHashSet<int> Summarise(IMethodSymbol method, MethodSummaryCache<ImmutableHashSet<int>>.Walk walk)
    {
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
}
