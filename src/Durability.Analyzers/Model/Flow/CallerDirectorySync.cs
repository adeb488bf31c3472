using System.Collections.Concurrent;
using System.Threading;
using Durability.Analyzers.Configuration;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// A directory fsync done by the callers instead of the method that changes the entry: true when the method is
/// called in the compilation (<see cref="MethodCalls"/>), and every call is followed on every path by a directory fsync.
/// Each method is judged once per compilation, and only for a change that would otherwise be reported.
/// </summary>
internal sealed class CallerDirectorySync
{
    private readonly MethodCalls _calls;
    private readonly DirectorySyncModel _syncs;
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _answers = new(SymbolEqualityComparer.Default);

    public CallerDirectorySync(MethodCalls calls, DirectorySyncModel syncs)
    {
        _calls = calls;
        _syncs = syncs;
    }

    public bool EveryCallerSyncs(IMethodSymbol method, MethodNamePatterns configured, CancellationToken cancellationToken) =>
        _answers.GetOrAdd(method.OriginalDefinition, m => Compute(m, configured, cancellationToken));

    /// <summary>
    /// True when <paramref name="method"/> is called in the compilation and every call passes a temp file's path as
    /// parameter <paramref name="ordinal"/> (<c>OpenFileWriteStream(tmpPath)</c> with <c>tmpPath = ... + ".nupkg.tmp"</c>):
    /// what it creates there is staged, and its entry matters where the caller renames it into place.
    /// </summary>
    public bool EveryCallNamesATemporaryFile(IMethodSymbol method, int ordinal, CancellationToken cancellationToken)
    {
        if (_calls.Of(method.OriginalDefinition, cancellationToken) is not { Count: > 0 } calls)
        {
            return false;
        }

        foreach (var call in calls)
        {
            var body = SourceBodies.RootOf(call);
            if (FileApiModel.ArgumentFor(call, ordinal) is not { } argument ||
                !PathNames.HasTemporaryFileName(argument, local => SourceBodies.InitializerOf(local, body)))
            {
                return false;
            }
        }

        return true;
    }

    private bool Compute(IMethodSymbol method, MethodNamePatterns configured, CancellationToken cancellationToken)
    {
        if (_calls.Of(method, cancellationToken) is not { Count: > 0 } calls)
        {
            return false;
        }

        foreach (var call in calls)
        {
            var keys = new PathResolver(SourceBodies.RootOf(call));
            if (!StructuredPaths.IsFollowedOnEveryPath(call, operation =>
                    _syncs.SyncedDirectory(operation, keys, configured, cancellationToken) is not null))
            {
                return false;
            }
        }

        return true;
    }
}
