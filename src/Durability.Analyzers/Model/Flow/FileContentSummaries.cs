using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// For methods declared in source, which of their path parameters (string or FileInfo) they write to and which
/// they fsync, directly or through the methods they call, with recursion handled by <see cref="MethodSummaryCache{T}"/>.
/// </summary>
internal sealed class FileContentSummaries
{
    private readonly Compilation _compilation;
    private readonly FileWriteApiModel _writes;
    private readonly DirectoryApiModel _directories;
    private readonly FsyncSummaries _streamSummaries;
    private readonly MethodSummaryCache<Summary> _summaries;

    public FileContentSummaries(Compilation compilation, FileWriteApiModel writes, DirectoryApiModel directories, FsyncSummaries streamSummaries)
    {
        _compilation = compilation;
        _writes = writes;
        _directories = directories;
        _streamSummaries = streamSummaries;
        _summaries = new MethodSummaryCache<Summary>(Summarise, Summary.Nothing);
    }

    /// <summary>The context a scan of one body uses.</summary>
    public FileContentsContext ContextFor(CancellationToken cancellationToken) =>
        new(_writes, _directories, _streamSummaries, this, cancellationToken);

    /// <summary>What <paramref name="method"/> does to the files its path parameters name, inside a walk under way.</summary>
    public Summary Get(IMethodSymbol method, MethodSummaryCache<Summary>.Walk walk) => _summaries.Get(method, walk);

    /// <summary>A new walk, for scanning one body of the analyzed code.</summary>
    public static MethodSummaryCache<Summary>.Walk NewWalk(CancellationToken cancellationToken) => new(cancellationToken);

    private Summary Summarise(IMethodSymbol method, MethodSummaryCache<Summary>.Walk walk)
    {
        var context = ContextFor(walk.CancellationToken);
        var writes = ImmutableHashSet.CreateBuilder<int>();
        var fsyncs = ImmutableHashSet.CreateBuilder<int>();
        foreach (var body in SourceBodies.Of(_compilation, method, walk.CancellationToken))
        {
            var scan = new FileContentsScan(body, context, walk);
            foreach (var parameter in method.Parameters)
            {
                if (!FilePathKey.IsPathType(parameter.Type))
                {
                    continue;
                }

                var key = FilePathKey.OfParameter(parameter);
                foreach (var write in scan.Writes)
                {
                    if (FilePathKey.Of(write.Path) == key)
                    {
                        writes.Add(parameter.Ordinal);
                    }
                }

                foreach (var operation in body.DescendantsAndSelf())
                {
                    if (scan.FsyncsFile(operation, key))
                    {
                        fsyncs.Add(parameter.Ordinal);
                        break;
                    }
                }
            }
        }

        return new Summary(writes.ToImmutable(), fsyncs.ToImmutable());
    }

    /// <summary>The parameters a method writes and fsyncs, by ordinal.</summary>
    internal sealed class Summary
    {
        public static readonly Summary Nothing = new(ImmutableHashSet<int>.Empty, ImmutableHashSet<int>.Empty);

        public Summary(ImmutableHashSet<int> writes, ImmutableHashSet<int> fsyncs)
        {
            Writes = writes;
            Fsyncs = fsyncs;
        }

        public ImmutableHashSet<int> Writes { get; }

        public ImmutableHashSet<int> Fsyncs { get; }
    }
}
