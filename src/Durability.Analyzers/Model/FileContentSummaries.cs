using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// For methods declared in source, which of their path parameters (string or FileInfo) they write to and which
/// they fsync, directly or through the methods they call. A summary is cached only when no recursion cycle cut
/// it short, so with mutually recursive helpers every caller gets the same answer whatever was asked first.
/// </summary>
internal sealed class FileContentSummaries
{
    private const int MaxDepth = 4;

    private readonly Compilation _compilation;
    private readonly FileWriteApiModel _writes;
    private readonly DirectoryApiModel _directories;
    private readonly FsyncSummaries _streamSummaries;
    private readonly ConcurrentDictionary<IMethodSymbol, Summary> _complete = new(SymbolEqualityComparer.Default);

    public FileContentSummaries(Compilation compilation, FileWriteApiModel writes, DirectoryApiModel directories, FsyncSummaries streamSummaries)
    {
        _compilation = compilation;
        _writes = writes;
        _directories = directories;
        _streamSummaries = streamSummaries;
    }

    /// <summary>The context a scan of one body uses.</summary>
    public FileContentsContext ContextFor(CancellationToken cancellationToken) =>
        new(_writes, _directories, _streamSummaries, this, cancellationToken);

    /// <summary>What <paramref name="method"/> does to the files its path parameters name.</summary>
    /// <param name="method">The callee.</param>
    /// <param name="inProgress">The methods being summarised further up this query; a method met again is a cycle.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    public Summary Summarise(IMethodSymbol method, HashSet<IMethodSymbol> inProgress, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition.PartialImplementationPart ?? method.OriginalDefinition;
        if (_complete.TryGetValue(method, out var known))
        {
            return known;
        }

        if (inProgress.Count >= MaxDepth || !inProgress.Add(method))
        {
            return Summary.Incomplete;
        }

        try
        {
            var context = ContextFor(cancellationToken);
            var writes = ImmutableHashSet.CreateBuilder<int>();
            var fsyncs = ImmutableHashSet.CreateBuilder<int>();
            var complete = true;
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
#pragma warning disable RS1030 // The callee's body lies outside the symbol being analyzed; it is summarised once and cached.
                var body = _compilation.GetSemanticModel(syntax.SyntaxTree).GetOperation(syntax, cancellationToken);
#pragma warning restore RS1030
                if (body is null)
                {
                    continue;
                }

                var scan = new FileContentsScan(body, context, inProgress);
                complete &= scan.Complete;
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

            var summary = new Summary(writes.ToImmutable(), fsyncs.ToImmutable(), complete);
            return complete ? _complete.GetOrAdd(method, summary) : summary;
        }
        finally
        {
            inProgress.Remove(method);
        }
    }

    /// <summary>The parameters a method writes and fsyncs, by ordinal.</summary>
    internal sealed class Summary
    {
        public static readonly Summary Incomplete = new(ImmutableHashSet<int>.Empty, ImmutableHashSet<int>.Empty, complete: false);

        public Summary(ImmutableHashSet<int> writes, ImmutableHashSet<int> fsyncs, bool complete)
        {
            Writes = writes;
            Fsyncs = fsyncs;
            Complete = complete;
        }

        public ImmutableHashSet<int> Writes { get; }

        public ImmutableHashSet<int> Fsyncs { get; }

        public bool Complete { get; }
    }
}
