using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// The stream members a type fsyncs in its own code, outside closing members: a log that flushes its active segment's
/// stream (<c>_active.Stream.Flush()</c>) leaves the fsync to the segment type (<c>Segment.Sync()</c>), which owns it.
/// Found per type on first question, from the same stream facts DUR001 gathers for the type itself.
/// </summary>
internal sealed class OwnedStreamFsyncs
{
    private readonly Compilation _compilation;
    private readonly FileApiModel _model;
    private readonly FsyncSummaries _summaries;
    private readonly ConcurrentDictionary<INamedTypeSymbol, HashSet<ISymbol>> _byType = new(SymbolEqualityComparer.Default);

    public OwnedStreamFsyncs(Compilation compilation, FileApiModel model, FsyncSummaries summaries)
    {
        _compilation = compilation;
        _model = model;
        _summaries = summaries;
    }

    /// <summary>True when the type declaring <paramref name="member"/> fsyncs it, itself or through a method it passes it to.</summary>
    public bool FsyncsOwnMember(ISymbol member, CancellationToken cancellationToken)
    {
        if (member.ContainingType is not { } type || type.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        var fsynced = _byType.TryGetValue(type, out var known) ? known : _byType.GetOrAdd(type, FsyncedMembers(type, cancellationToken));
        return fsynced.Contains(member);
    }

    private HashSet<ISymbol> FsyncedMembers(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var facts = new StreamFacts(_model, type);
        foreach (var (method, operation) in SourceBodies.OperationsOfMethods(_compilation, type, cancellationToken))
        {
            facts.Add(operation, method);
        }

        return facts.ComputeFsynced((callee, ordinal) => _summaries.FsyncsParameter(callee, ordinal, cancellationToken));
    }
}
