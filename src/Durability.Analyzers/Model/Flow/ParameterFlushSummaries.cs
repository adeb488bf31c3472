using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// For methods declared in source, which stream parameters they flush to the OS page cache and never fsync
/// (<c>static void Flush(Stream stream) =&gt; stream.Flush();</c>), directly or through the methods they call: a call of such
/// a helper with a file is a flush of that file where it is made. Each method is summarised once per compilation.
/// </summary>
internal sealed class ParameterFlushSummaries
{
    private readonly Compilation _compilation;
    private readonly FileApiModel _model;
    private readonly FsyncSummaries _fsyncs;
    private readonly MethodSummaryCache<ImmutableDictionary<int, FlushKind>> _summaries;

    public ParameterFlushSummaries(Compilation compilation, FileApiModel model, FsyncSummaries fsyncs)
    {
        _compilation = compilation;
        _model = model;
        _fsyncs = fsyncs;
        _summaries = new MethodSummaryCache<ImmutableDictionary<int, FlushKind>>(Summarise, ImmutableDictionary<int, FlushKind>.Empty);
    }

    /// <summary>
    /// How <paramref name="method"/> flushes the stream passed as parameter <paramref name="ordinal"/> when it leaves it in
    /// the page cache (<see cref="FlushKind.ToPageCache"/> or <see cref="FlushKind.AsyncToPageCache"/>), else
    /// <see cref="FlushKind.None"/>.
    /// </summary>
    public FlushKind FlushesOnly(IMethodSymbol method, int ordinal, CancellationToken cancellationToken) =>
        !FileApiModel.IsRuntimeMember(method) && SourceBodies.CanSummarise(method) &&
        _summaries.Get(method, cancellationToken).TryGetValue(ordinal, out var kind)
            ? kind
            : FlushKind.None;

    private ImmutableDictionary<int, FlushKind> Summarise(IMethodSymbol method, MethodSummaryCache<ImmutableDictionary<int, FlushKind>>.Walk walk)
    {
        var anyStream = false;
        foreach (var parameter in method.Parameters)
        {
            anyStream |= _model.IsTrackedType(parameter.Type);
        }

        if (!anyStream)
        {
            return ImmutableDictionary<int, FlushKind>.Empty;
        }

        var facts = new StreamFacts(_model, owner: null);
        foreach (var body in SourceBodies.Of(_compilation, method, walk.CancellationToken))
        {
            facts.AddTree(body);
        }

        // A helper that fsyncs anything (if (stream is FileStream fs) fs.Flush(true); stream.Flush();) fsyncs the files it is
        // given in a way the facts may not follow: taken to keep its word.
        if (facts.FlushesToDisk.Count > 0 ||
            facts.ComputeFsynced((callee, index) => _fsyncs.FsyncsParameter(callee, index, walk.CancellationToken)).Count > 0)
        {
            return ImmutableDictionary<int, FlushKind>.Empty;
        }

        var flushed = ImmutableDictionary.CreateBuilder<int, FlushKind>();
        foreach (var flush in facts.Flushes)
        {
            foreach (var parameter in facts.ParametersUnder(flush.Variable, method))
            {
                flushed[parameter.Ordinal] = flush.Kind;
            }
        }

        foreach (var argument in facts.Arguments)
        {
            if (!FileApiModel.IsRuntimeMember(argument.Callee) &&
                _summaries.Get(argument.Callee, walk).TryGetValue(argument.Ordinal, out var kind))
            {
                foreach (var parameter in facts.ParametersUnder(argument.Variable, method))
                {
                    flushed[parameter.Ordinal] = kind;
                }
            }
        }

        return flushed.ToImmutable();
    }
}
