using System.Collections.Concurrent;
using System.Threading;
using Durability.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Whether a type fsyncs, in any of its bodies, the directory a field or property names (<c>Fsync.Directory(_dir)</c>
/// after it creates a segment in <c>_dir</c>): the type means the entries in that directory to survive a crash, so the
/// directory's own entry must too, where the type creates it (in its constructor, at start-up). Judged once per member,
/// reading only the bodies whose text names it, and only for a directory creation that would otherwise be left alone.
/// </summary>
internal sealed class MemberDirectorySyncs
{
    private readonly Compilation _compilation;
    private readonly DirectorySyncModel _syncs;
    private readonly ConcurrentDictionary<ISymbol, bool> _answers = new(SymbolEqualityComparer.Default);

    public MemberDirectorySyncs(Compilation compilation, DirectorySyncModel syncs)
    {
        _compilation = compilation;
        _syncs = syncs;
    }

    /// <summary>True when a body of <paramref name="member"/>'s type fsyncs the directory it names.</summary>
    public bool TypeSyncs(ISymbol member, MethodNamePatterns configured, CancellationToken cancellationToken) =>
        _answers.TryGetValue(member, out var known) ? known : _answers.GetOrAdd(member, Compute(member, configured, cancellationToken));

    private bool Compute(ISymbol member, MethodNamePatterns configured, CancellationToken cancellationToken)
    {
        if (member.ContainingType is not { } type)
        {
            return false;
        }

        var directory = DirectoryIdentity.OfMember(member);
        foreach (var body in SourceBodies.OfMethodsNaming(_compilation, type, new[] { member.Name }, cancellationToken))
        {
            PathResolver? keys = null;
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation.Kind is not (OperationKind.Invocation or OperationKind.Invalid))
                {
                    continue;
                }

                keys ??= new PathResolver(body);
                if (_syncs.SyncedDirectory(operation, keys, configured, cancellationToken) is { } synced &&
                    synced.Known() is { IsUnknown: false } named && named.IsSame(directory))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
