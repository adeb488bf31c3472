using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Types whose design fsyncs files by path at commit, the way Lucene-style directories do (<c>Sync(fileNames)</c>
/// reopens each file and fsyncs it): the type or a type containing it calls a method that fsyncs a file whose
/// path it is given (a source method that does, or the runtime's <c>Fsync.File(path)</c>) with a path built from a
/// parameter or a local. Their streams' flushes are left to that commit. An fsync of one fixed path (a manifest) does not count.
/// </summary>
internal sealed class PathSyncers
{
    private readonly Compilation _compilation;
    private readonly FileApiModel _files;
    private readonly FileContentSummaries _contents;
    private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableHashSet<ISymbol>> _known = new(SymbolEqualityComparer.Default);

    public PathSyncers(Compilation compilation, FileApiModel files, FileContentSummaries contents)
    {
        _compilation = compilation;
        _files = files;
        _contents = contents;
    }

    /// <summary>True when <paramref name="type"/>, or a type that contains it, fsyncs files by the paths it is given.</summary>
    public bool SyncsFilesByPath(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (!MembersSyncingByPath(current, cancellationToken).IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="member"/> of <paramref name="type"/> is one of the members that call an fsync by a varying
    /// path: a commit that flushes and then syncs its files by name keeps its promise that way.
    /// </summary>
    public bool SyncsFilesByPathIn(INamedTypeSymbol type, ISymbol member, CancellationToken cancellationToken) =>
        MembersSyncingByPath(type, cancellationToken).Contains(member);

    private ImmutableHashSet<ISymbol> MembersSyncingByPath(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        _known.TryGetValue(type, out var known) ? known : _known.GetOrAdd(type, FindMembersSyncingByPath(type, cancellationToken));

    private ImmutableHashSet<ISymbol> FindMembersSyncingByPath(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var walk = FileContentSummaries.NewWalk(cancellationToken);
        var members = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var (member, operation) in SourceBodies.OperationsOfMethods(_compilation, type, cancellationToken))
        {
            if (operation is IInvocationOperation invocation && !members.Contains(member) && FsyncsAVaryingPath(invocation, walk))
            {
                members.Add(member);
            }
        }

        return members.ToImmutable();
    }

    // Fsync.File(path), or a source method that fsyncs the path it is given, called with a path built from a parameter
    // or a local (Fsync(Path.Combine(_dir, name)) in a loop over names), not a fixed one; or an fsync, in place, of a stream
    // the member opens on such a path.
    private bool FsyncsAVaryingPath(IInvocationOperation invocation, MethodSummaryCache<FileContentSummaries.Summary>.Walk walk)
    {
        if (_files.GetFsyncTarget(invocation) is { Type: { } targetType } target && _files.IsTrackedType(targetType))
        {
            return IsOpenedOnAVaryingPath(target);
        }

        var callee = invocation.TargetMethod;
        if (_files.IsRuntimeFsync(callee))
        {
            return callee.Name == "File" && callee.Parameters.Length == 1 && callee.Parameters[0].Type.SpecialType == SpecialType.System_String &&
                   invocation.Arguments.Length == 1 && Varies(invocation.Arguments[0].Value);
        }

        if (!SourceBodies.CanSummarise(callee))
        {
            return false;
        }

        var fsynced = _contents.Get(callee, walk).Fsyncs;
        if (fsynced.IsEmpty)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && fsynced.Contains(parameter.Ordinal) && Varies(argument.Value))
            {
                return true;
            }
        }

        return false;
    }

    // foreach (var name in names) { using var stream = new FileStream(Path.Combine(_dir, name), ...); stream.Flush(true); }
    // The stream is opened inside the loop that fsyncs it, on a path built from a local of that loop: a new file each round.
    private bool IsOpenedOnAVaryingPath(IOperation target)
    {
        if (FileApiModel.ResolveVariable(target) is not ILocalSymbol local || InnermostLoop(target) is not { } loop)
        {
            return false;
        }

        var opened = FileApiModel.StripConversions(SourceBodies.InitializerOf(local, loop));
        var path = opened switch
        {
            IObjectCreationOperation creation when _files.IsFileStream(creation.Type) => FileApiModel.ArgumentFor(creation, 0),
            IInvocationOperation call when _files.OpensFile(call.TargetMethod) && call.TargetMethod.IsStatic => FileApiModel.ArgumentFor(call, 0),
            _ => null,
        };

        // A path that is only a parameter makes a helper (FsyncFile(path)), judged at its calls; a read-only stream's
        // Flush(true) fsyncs nothing (reported as such).
        return path?.Type?.SpecialType == SpecialType.System_String && NamesALocalOf(loop, path) && !_files.ClassifyValue(opened).OpensReadOnly;
    }

    private static ILoopOperation? InnermostLoop(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is ILoopOperation loop)
            {
                return loop;
            }
        }

        return null;
    }

    // A local declared in the loop, its iteration variable included: Path.Combine(_dir, name) over names.
    private static bool NamesALocalOf(ILoopOperation loop, IOperation path)
    {
        foreach (var operation in path.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation reference && SourceBodies.IsDeclaredWithin(reference.Local, loop.Syntax.Span))
            {
                return true;
            }
        }

        return false;
    }


    private static bool Varies(IOperation path)
    {
        foreach (var operation in path.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation or IParameterReferenceOperation)
            {
                return true;
            }
        }

        return false;
    }
}
