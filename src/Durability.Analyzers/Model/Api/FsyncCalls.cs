using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Which calls fsync something (a file or a directory), directly or through a method declared in source:
/// the calls whose failure DUR005 follows.
/// </summary>
internal sealed class FsyncCalls
{
    /// <summary>fcntl's F_FULLFSYNC command on macOS: the only fcntl call that is an fsync.</summary>
    public const int FullFsyncCommand = 51;

    private readonly Compilation _compilation;
    private readonly FileApiModel _files;
    private readonly MethodSummaryCache<bool> _helpers;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, bool> _fsyncsInOwnBody = new(SymbolEqualityComparer.Default);

    public FsyncCalls(Compilation compilation, FileApiModel files)
    {
        _compilation = compilation;
        _files = files;
        _helpers = new MethodSummaryCache<bool>(ContainsFsync, nothing: false);
    }

    /// <summary>True when <paramref name="invocation"/> fsyncs itself: Flush(true), RandomAccess.FlushToDisk, Fsync.*, or a native fsync.</summary>
    public bool IsDirectFsync(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (_files.IsRuntimeFsync(method))
        {
            return true;
        }

        if (IsNativeFsync(invocation))
        {
            return true;
        }

        // _file.Flush(true) on the project's own file interface (IFileStream.Flush(bool flushToDisk)): no body to read, the
        // call says what its implementations do.
        if (method.IsAbstract && _files.IsDeclaredHere(method) && IsDurableFlushCall(invocation))
        {
            return true;
        }

        // _file.Sync() on the project's own storage abstraction (db4o's IoAdapter): an fsync when an implementation in the
        // compilation fsyncs; a Sync with none may mean anything (a replica, a cache).
        if (method.IsAbstract && method.Parameters.IsEmpty && method.Name == "Sync" && _files.IsDeclaredHere(method) && ImplementationFsyncs(method))
        {
            return true;
        }

        return _files.GetFsyncTarget(invocation) is not null && !FileApiModel.IsNativeFsync(method);
    }

    /// <summary>True for a P/Invoke of fsync, fdatasync, FlushFileBuffers, or fcntl with F_FULLFSYNC.</summary>
    public static bool IsNativeFsync(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (!FileApiModel.IsNativeFsync(method))
        {
            return false;
        }

        if (!IsFcntl(method))
        {
            return true;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.ConstantValue is { HasValue: true, Value: int command } && command == FullFsyncCommand)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the call fsyncs: itself, through a source method whose own body fsyncs, or through a source method
    /// whose name promises durability (Sync, Fsync, FlushToDisk...) and that fsyncs at any depth. A method that
    /// fsyncs only somewhere deep below (a Shutdown that closes stores that fsync) is an operation, not an fsync.
    /// </summary>
    public bool IsFsync(IInvocationOperation invocation, System.Threading.CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        if (IsDirectFsync(invocation))
        {
            return true;
        }

        if (!SourceBodies.CanSummarise(method))
        {
            return false;
        }

        return DurableMethodNames.PromisesDurability(method)
            ? _helpers.Get(method, cancellationToken)
            : _fsyncsInOwnBody.GetOrAdd(method.OriginalDefinition, m => FsyncsInOwnBody(m, cancellationToken));
    }

    // Flush(true) or Flush(flushToDisk: true), Fsync(), FlushToDisk(): not Sync(), which may sync with anything.
    private static bool IsDurableFlushCall(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method is { Name: "Flush", Parameters.Length: 1 })
        {
            return FileApiModel.IsFlushWithTrue(invocation);
        }

        return method.Name.IndexOf("Fsync", System.StringComparison.OrdinalIgnoreCase) >= 0 ||
               method.Name.IndexOf("FlushToDisk", System.StringComparison.OrdinalIgnoreCase) >= 0;
    }

    // Decorators (a Sync that calls the inner adapter's Sync) lead back to the method being read: that path counts for nothing.
    [System.ThreadStatic]
    private static HashSet<IMethodSymbol>? s_expanding;

    private bool ImplementationFsyncs(IMethodSymbol method)
    {
        var expanding = s_expanding ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        if (!expanding.Add(method.OriginalDefinition))
        {
            return false;
        }

        try
        {
            foreach (var implementation in SourceImplementations.Of(_compilation, method, System.Threading.CancellationToken.None))
            {
                if (SourceBodies.CanSummarise(implementation) && _helpers.Get(implementation, System.Threading.CancellationToken.None))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            expanding.Remove(method.OriginalDefinition);
        }
    }

    private bool FsyncsInOwnBody(IMethodSymbol method, System.Threading.CancellationToken cancellationToken) =>
        AnyCall(method, IsDirectFsync, cancellationToken);

    private bool ContainsFsync(IMethodSymbol method, MethodSummaryCache<bool>.Walk walk) =>
        AnyCall(method, call => IsDirectFsync(call) || (SourceBodies.CanSummarise(call.TargetMethod) && _helpers.Get(call.TargetMethod, walk)), walk.CancellationToken);

    private bool AnyCall(IMethodSymbol method, System.Func<IInvocationOperation, bool> matches, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var body in SourceBodies.Of(_compilation, method, cancellationToken))
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation call && matches(call))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsFcntl(IMethodSymbol method) => NativeImports.EntryPointOf(method) == "fcntl";
}
