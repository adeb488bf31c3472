using System;
using System.Collections.Generic;
using System.Threading;
using Durability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Rules;

/// <summary>
/// Which deletions DUR002 reports. With <c>report_deletions = all</c>, all of them; with <c>none</c>, none. By default
/// only a deletion that recovery can undo harmfully:
/// <list type="bullet">
/// <item>the deleted file was found by listing its directory, in a type that also lists in other methods (it finds its
/// files by listing), or the type lists directories and reads the deleted file back in another method
/// (<see cref="RecoveredFiles"/>);</item>
/// <item>and the method did not just put a new version of the data beside it (a compaction or swap writes new files,
/// then deletes the old: an old file coming back duplicates what the new one holds), nor make room for a file it
/// creates at the same path next;</item>
/// <item>or it deletes the backup the method moved the live file to, and recovery elsewhere renames that backup back
/// over the live file: the deletion commits the rewrite.</item>
/// </list>
/// Clean-up of temp and scratch files, which nothing reads back, stays quiet.
/// </summary>
internal sealed class DeletionPolicy
{
    private readonly DeletionReporting _reporting;
    private readonly RecoveredFiles _recovered;
    private readonly INamedTypeSymbol _type;
    private readonly ISymbol _member;
    private readonly CancellationToken _cancellationToken;
    private bool? _spellsRestore;

    private static readonly string[] RestoreWords = { "Move(", "Replace(" };
    private static readonly string[] ExistsWords = { "Exists" };

    public DeletionPolicy(DeletionReporting reporting, RecoveredFiles recovered, INamedTypeSymbol type, ISymbol member, CancellationToken cancellationToken)
    {
        _reporting = reporting;
        _recovered = recovered;
        _type = type;
        _member = member;
        _cancellationToken = cancellationToken;
    }

    /// <summary>True when <paramref name="deletion"/>, one of <paramref name="changes"/> in its body, is to be reported.</summary>
    public bool Reports(DirectoryEntryChange deletion, List<DirectoryEntryChange> changes, PathResolver paths)
    {
        if (_reporting != DeletionReporting.Recovered)
        {
            return _reporting == DeletionReporting.All;
        }

        return IsBackupRecoveryRestores(deletion) ||
               (!FollowsNewVersion(deletion, changes, paths) && !IsRecreatedLater(deletion, changes) && !IsChosenByAge(deletion) &&
                ((_recovered.IsFoundByListing(deletion.Path, _cancellationToken) && ListsElsewhere()) || IsReadBack(deletion.Path)));
    }

    // Rename the live file to a backup, write the new version, delete the backup: the deletion commits the rewrite when
    // recovery, in another method, renames a backup it finds back over the live file. Undone by a power cut, it puts the
    // old version back over the new one. The same expressions name the files in both methods (a helper's path parameter
    // too: the protocol pairs them, not a value).
    private bool IsBackupRecoveryRestores(DirectoryEntryChange deletion)
    {
        // Recovery tests for the backup and moves it back: a type whose text spells neither has none, and its methods are
        // not read for one (reading them binds every body of the type).
        if (!SpellsRestore())
        {
            return false;
        }

        // The type's own helper deleting the backup its caller names (WaitDelete(path + ".old"), with retries).
        if (FileApiModel.StripConversions(deletion.Path) is IParameterReferenceOperation { Parameter: var parameter } &&
            _member is IMethodSymbol helper && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, helper))
        {
            return _recovered.DeletesRestoredBackupFor(_type, helper.OriginalDefinition, parameter.Ordinal, _cancellationToken);
        }

        return MovesAsideWhatIsRestored(deletion.Path);
    }

    /// <summary>
    /// True when the member moves a live file aside to <paramref name="backup"/> and another method of the type (recovery)
    /// renames that backup back over the live file it finds missing.
    /// </summary>
    public bool IsRestoredFromBackup(IOperation backup) => SpellsRestore() && MovesAsideWhatIsRestored(backup);

    /// <summary>
    /// True when another method of the type reads <paramref name="backup"/> (a reader that falls back to it when the live
    /// file is missing). Paired by expression, as the protocol's files are, even when built from a parameter, or by the
    /// project's path method both come from (<c>GetBackupSavePath(name, 0)</c> and a load's <c>GetBackupSavePath(name, i)</c>).
    /// </summary>
    public bool IsBackupReadBack(IOperation backup)
    {
        var file = FileIdentity.Of(backup);
        var pathMethod = PathMethods.Of(backup);
        return InTypeOrContaining(type =>
            _recovered.IsReadElsewhere(type, file, _member, _cancellationToken) ||
            (pathMethod is not null && _recovered.IsReadThroughElsewhere(type, pathMethod, _member, _cancellationToken)));
    }

    private bool SpellsRestore() =>
        _spellsRestore ??= SourceTextSearch.AnyDeclarationContains(_type, RestoreWords, _cancellationToken) &&
                           SourceTextSearch.AnyDeclarationContains(_type, ExistsWords, _cancellationToken);

    private bool MovesAsideWhatIsRestored(IOperation backup)
    {
        var identity = FileIdentity.Of(backup);
        return InTypeOrContaining(type => _recovered.MovesAsideWhatIsRestored(type, identity, _member, _cancellationToken));
    }

    // The type's recovery may live in a containing type (a nested writer of a store).
    private bool InTypeOrContaining(System.Func<INamedTypeSymbol, bool> holds)
    {
        for (var type = _type; type is not null; type = type.ContainingType)
        {
            if (holds(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The <c>report_deletions</c> option: <c>all</c> (or <c>true</c>) reports every deletion, <c>none</c> none, and
    /// anything else (<c>recovered</c>, <c>false</c>, unset) the deletions recovery can undo.
    /// </summary>
    public static DeletionReporting ReportingFrom(string? option) =>
        option is null ? DeletionReporting.Recovered :
        option.Equals("true", StringComparison.OrdinalIgnoreCase) || option.Equals("all", StringComparison.OrdinalIgnoreCase) ? DeletionReporting.All :
        option.Equals("none", StringComparison.OrdinalIgnoreCase) ? DeletionReporting.None :
        DeletionReporting.Recovered;

    private bool ListsElsewhere() => InTypeOrContaining(type => _recovered.ListsElsewhere(type, _member, _cancellationToken));

    private bool IsReadBack(IOperation path)
    {
        // A path built from a parameter names whatever the caller gives: DeleteFile(name) deletes what its caller names, and
        // a read of OpenInput(name)'s own local of the same name is another file.
        if (DependsOnAParameter(path, SourceBodies.RootOf(path), depth: 0))
        {
            return false;
        }

        var file = FileIdentity.Of(path);
        return InTypeOrContaining(type => _recovered.IsReadBack(type, file, _member, _cancellationToken));
    }

    // The path, or the initializer of a local it names (var file = new FileInfo(Path.Combine(_dir, name))), reads a parameter.
    private static bool DependsOnAParameter(IOperation path, IOperation body, int depth)
    {
        foreach (var operation in path.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IParameterReferenceOperation:
                    return true;
                case ILocalReferenceOperation local when depth < 3 && SourceBodies.InitializerOf(local.Local, body) is { } value && DependsOnAParameter(value, body, depth + 1):
                    return true;
            }
        }

        return false;
    }


    private static readonly string[] FileTimeNames =
    {
        "LastWriteTime", "LastWriteTimeUtc", "CreationTime", "CreationTimeUtc", "LastAccessTime", "LastAccessTimeUtc",
        "GetLastWriteTime", "GetLastWriteTimeUtc", "GetCreationTime", "GetCreationTimeUtc", "GetLastAccessTime", "GetLastAccessTimeUtc",
    };

    // if (info.LastWriteTime < cutoff) File.Delete(path): retention. An expired file that a crash brings back is expired
    // still, and the next prune deletes it again; nothing the program acknowledged depends on its absence.
    private static bool IsChosenByAge(DirectoryEntryChange deletion)
    {
        for (var parent = deletion.Operation.Parent; parent is not null and not IMethodBodyOperation and not IAnonymousFunctionOperation and not ILocalFunctionOperation; parent = parent.Parent)
        {
            if (parent is IConditionalOperation { Condition: var condition } && ComparesAFileTime(condition))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ComparesAFileTime(IOperation condition)
    {
        foreach (var operation in condition.DescendantsAndSelf())
        {
            if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual } comparison &&
                (IsFileTime(comparison.LeftOperand) || IsFileTime(comparison.RightOperand)))
            {
                return true;
            }
        }

        return false;
    }

    // info.LastWriteTimeUtc, File.GetCreationTime(path), and the age built from one (DateTime.Now - info.LastWriteTime).
    private static bool IsFileTime(IOperation operand)
    {
        foreach (var operation in operand.DescendantsAndSelf())
        {
            var name = operation switch
            {
                IPropertyReferenceOperation property when SystemIO.Declares(property.Property.ContainingType) => property.Property.Name,
                IInvocationOperation call when SystemIO.Declares(call.TargetMethod.ContainingType) => call.TargetMethod.Name,
                _ => null,
            };
            if (name is not null && Array.IndexOf(FileTimeNames, name) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    // File.Delete(path) to make room for File.Create(path) or a rename onto path: the file is there again at once.
    private static bool IsRecreatedLater(DirectoryEntryChange deletion, List<DirectoryEntryChange> changes)
    {
        var deleted = FileIdentity.Of(deletion.Path);
        return ChangesInOrder.AnyAfter(changes, deletion, other => other.Produces(deleted));
    }

    // A file created or renamed into the same directory earlier in the body: the deletion retires what it replaced.
    private static bool FollowsNewVersion(DirectoryEntryChange deletion, List<DirectoryEntryChange> changes, PathResolver paths)
    {
        var directory = paths.ParentOf(deletion.Path);
        var deleted = FileIdentity.Of(deletion.Path);
        return ChangesInOrder.AnyBefore(
            changes,
            deletion,
            other => other.Kind != DirectoryEntryChangeKind.Deletion && FileIdentity.Of(other.SyncedPath) != deleted && paths.ParentOf(other.SyncedPath).IsSame(directory));
    }
}
