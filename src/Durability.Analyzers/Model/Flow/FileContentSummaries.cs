using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// For methods declared in source, which of their path parameters (string or FileInfo) they write to and which
/// they fsync, directly or through the methods they call, and whether they return the path of a file they wrote
/// and did not fsync (a helper that writes a temp file and hands it back to be renamed); recursion is handled by
/// <see cref="MethodSummaryCache{T}"/>.
/// </summary>
internal sealed class FileContentSummaries
{
    private readonly Compilation _compilation;
    private readonly FileWriteApiModel _writes;
    private readonly DirectoryApiModel _directories;
    private readonly FsyncSummaries _streamSummaries;
    private readonly EntryForwarders _forwarders;
    private readonly MethodSummaryCache<Summary> _summaries;
    private readonly FileApiReach _reach;

    public FileContentSummaries(Compilation compilation, FileWriteApiModel writes, DirectoryApiModel directories, FsyncSummaries streamSummaries, EntryForwarders forwarders)
    {
        _compilation = compilation;
        _writes = writes;
        _directories = directories;
        _streamSummaries = streamSummaries;
        _forwarders = forwarders;
        _summaries = new MethodSummaryCache<Summary>(Summarise, Summary.Nothing);
        _reach = new FileApiReach(compilation);
    }

    /// <summary>The context a scan of one body uses.</summary>
    public FileContentsContext ContextFor(CancellationToken cancellationToken) =>
        new(_writes, _directories, _streamSummaries, this, _forwarders, cancellationToken);

    /// <summary>What <paramref name="method"/> does to the files its path parameters name, inside a walk under way.</summary>
    public Summary Get(IMethodSymbol method, MethodSummaryCache<Summary>.Walk walk) => _summaries.Get(method, walk);

    /// <summary>A new walk, for scanning one body of the analyzed code.</summary>
    public static MethodSummaryCache<Summary>.Walk NewWalk(CancellationToken cancellationToken) => new(cancellationToken);

    private Summary Summarise(IMethodSymbol method, MethodSummaryCache<Summary>.Walk walk)
    {
        // Most methods a body hands a string to build paths or log; what their syntax calls says so without binding them.
        if (!_reach.MayReach(method, walk.CancellationToken))
        {
            return Summary.Nothing;
        }

        var context = ContextFor(walk.CancellationToken);
        var writes = ImmutableHashSet.CreateBuilder<int>();
        var fsyncs = ImmutableHashSet.CreateBuilder<int>();
        var returnsUnsyncedFile = false;
        foreach (var body in SourceBodies.Of(_compilation, method, walk.CancellationToken))
        {
            var scan = new FileContentsScan(body, context, walk);
            returnsUnsyncedFile |= FileIdentity.IsPathType(method.ReturnType) && ReturnsUnsyncedFile(body, scan);
            foreach (var parameter in method.Parameters)
            {
                if (!FileIdentity.IsPathType(parameter.Type))
                {
                    continue;
                }

                var key = FileIdentity.OfParameter(parameter);
                foreach (var write in scan.Writes)
                {
                    if (write.File == key)
                    {
                        writes.Add(parameter.Ordinal);
                    }
                }

                if (scan.FsyncsFileAnywhere(key))
                {
                    fsyncs.Add(parameter.Ordinal);
                }
            }
        }

        return new Summary(writes.ToImmutable(), fsyncs.ToImmutable(), returnsUnsyncedFile);
    }

    // A return of a path this body wrote, with no fsync of that file anywhere in the body.
    private static bool ReturnsUnsyncedFile(IOperation body, FileContentsScan scan)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is not IReturnOperation { ReturnedValue: { } returned })
            {
                continue;
            }

            var key = FileIdentity.Of(returned);
            var written = false;
            foreach (var write in scan.Writes)
            {
                if (write.File == key && !write.Durable && write.Operation.Syntax.SpanStart < operation.Syntax.SpanStart)
                {
                    written = true;
                    break;
                }
            }

            if (written && !scan.FsyncsFileAnywhere(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The parameters a method writes and fsyncs, by ordinal, and whether it returns a file it wrote unsynced.</summary>
    internal sealed class Summary
    {
        public static readonly Summary Nothing = new(ImmutableHashSet<int>.Empty, ImmutableHashSet<int>.Empty, returnsUnsyncedFile: false);

        public Summary(ImmutableHashSet<int> writes, ImmutableHashSet<int> fsyncs, bool returnsUnsyncedFile)
        {
            Writes = writes;
            Fsyncs = fsyncs;
            ReturnsUnsyncedFile = returnsUnsyncedFile;
        }

        public ImmutableHashSet<int> Writes { get; }

        public ImmutableHashSet<int> Fsyncs { get; }

        /// <summary>True when the method returns the path (or FileInfo) of a file it wrote and did not fsync.</summary>
        public bool ReturnsUnsyncedFile { get; }
    }
}
