using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Stream classes of the project whose <c>Flush()</c> override fsyncs (<c>FlushToDiskFileStream : FileStream</c> with
/// <c>public override void Flush() =&gt; base.Flush(true)</c>): a call of that override is an fsync, not a flush to the
/// page cache. Each override is read once per compilation.
/// </summary>
internal sealed class FsyncingFlushOverrides
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _known = new(SymbolEqualityComparer.Default);

    public FsyncingFlushOverrides(Compilation compilation) => _compilation = compilation;

    /// <summary>True when <paramref name="flush"/>, a Flush or FlushAsync declared in source, fsyncs the stream it is called on.</summary>
    public bool Fsyncs(IMethodSymbol flush, FileApiModel model)
    {
        flush = flush.OriginalDefinition;
        if (!model.IsDeclaredHere(flush) || flush.IsStatic || flush.IsAbstract)
        {
            return false;
        }

        return _known.TryGetValue(flush, out var known) ? known : _known.GetOrAdd(flush, FsyncsItself(flush, model));
    }

    // base.Flush(true), Flush(flushToDisk: true), RandomAccess.FlushToDisk(SafeFileHandle) or Fsync.File(this) in the body.
    private bool FsyncsItself(IMethodSymbol flush, FileApiModel model)
    {
        foreach (var body in SourceBodies.Of(_compilation, flush, CancellationToken.None))
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                // Another of the project's flushes would be read here again; its own P/Invokes (FlushFileBuffers) count.
                if (operation is IInvocationOperation invocation &&
                    !(invocation.TargetMethod.Name is "Flush" or "FlushAsync" && model.IsDeclaredHere(invocation.TargetMethod)) &&
                    IsThis(model.GetFsyncTarget(invocation)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsThis(IOperation? target)
    {
        target = FileApiModel.StripConversions(target);
        if (target is IPropertyReferenceOperation { Property.Name: "SafeFileHandle", Instance: { } owner })
        {
            target = FileApiModel.StripConversions(owner);
        }

        return target is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
    }
}
