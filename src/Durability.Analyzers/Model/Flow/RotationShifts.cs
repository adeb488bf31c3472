using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// The steps of a rotation of numbered copies (autosave slots, backups, rolled logs): each older copy moves down one slot
/// (<c>auto1</c> to <c>auto2</c>, then <c>auto0</c> to <c>auto1</c>), the oldest is deleted first, and the chain ends with
/// the rename that puts the new version in the first slot. A step leaves its source to be filled by the next step, so a
/// crash between steps loses no copy the chain keeps, and one directory fsync after the chain's last rename makes every
/// step durable: the last rename is the one checked.
/// </summary>
internal static class RotationShifts
{
    /// <summary>
    /// True when <paramref name="rename"/> moves a file onto a name emptied before it among <paramref name="changes"/> (the
    /// body's) and a later rename fills its own name again (<c>File.Move(s1, s2)</c> after <c>File.Move(s2, s3)</c> and before
    /// <c>File.Move(temp, s1)</c>), or, in a <c>for</c> loop, moves one
    /// numbered slot onto the next (<c>File.Move(Slot(i), Slot(i + 1))</c>, <c>$"{log}.{i}"</c> to <c>$"{log}.{i + 1}"</c>).
    /// </summary>
    public static bool IsShift(DirectoryEntryChange rename, List<DirectoryEntryChange> changes)
    {
        if (rename.Kind != DirectoryEntryChangeKind.Rename || rename.Destination is not { } destination)
        {
            return false;
        }

        // Its slot emptied before (the oldest deleted, or moved down itself), and its own filled again after from another file:
        // a live file moved aside to a fresh name is a two-step replace, and a rename back is an undo (a rollback's).
        var source = FileIdentity.Of(rename.Path);
        var moved = FileIdentity.Of(destination);
        return !NextSlotCounters(rename.Operation, rename.Path, destination).IsEmpty ||
               (ChangesInOrder.AnyBefore(changes, rename, other => Empties(other, moved, destination)) &&
                ChangesInOrder.AnyAfter(changes, rename, other =>
                    other.Kind == DirectoryEntryChangeKind.Rename && other.Destination is { } filled && FileIdentity.Of(filled) == source &&
                    FileIdentity.Of(other.Path) != moved));
    }

    // File.Delete(s3) or File.Move(s3, ...) before s3 is filled; or a loop moving Slot(i) down before Slot(0) is filled.
    private static bool Empties(DirectoryEntryChange other, FileIdentity file, IOperation path)
    {
        if (FileIdentity.Of(other.Path) == file)
        {
            return other.Kind == DirectoryEntryChangeKind.Deletion || (other.Kind == DirectoryEntryChangeKind.Rename && other.Destination is not null);
        }

        var differs = false;
        return other is { Kind: DirectoryEntryChangeKind.Rename, Destination: { } next } &&
               NextSlotCounters(other.Operation, other.Path, next) is { IsEmpty: false } counters &&
               SameButForCounter(PathMethods.ValueOf(other.Path), PathMethods.ValueOf(path), counters, ref differs) && differs;
    }

    // for (var i = count - 2; i >= 0; i--) File.Move(Slot(i), Slot(i + 1)): the two paths are one expression but for the parts
    // that read the loop's counter. The loop's counters when so, else none.
    private static ImmutableArray<ILocalSymbol> NextSlotCounters(IOperation operation, IOperation source, IOperation destination)
    {
        var counters = LoopCounters(operation);
        var differs = false;
        return !counters.IsEmpty && SameButForCounter(PathMethods.ValueOf(source), PathMethods.ValueOf(destination), counters, ref differs) && differs
            ? counters
            : ImmutableArray<ILocalSymbol>.Empty;
    }

    // The counters of the for loop around the operation, within its own function.
    private static ImmutableArray<ILocalSymbol> LoopCounters(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IForLoopOperation { Locals: { IsEmpty: false } counters })
            {
                return counters;
            }

            if (parent is ILocalFunctionOperation or IAnonymousFunctionOperation or IMethodBodyOperation)
            {
                break;
            }
        }

        return ImmutableArray<ILocalSymbol>.Empty;
    }

    private static bool SameButForCounter(IOperation left, IOperation right, ImmutableArray<ILocalSymbol> counters, ref bool differs)
    {
        if (left.Syntax.IsEquivalentTo(right.Syntax))
        {
            return true;
        }

        // i against i + 1 (or against 0, the first slot): arithmetic on the counter, or a constant, nothing else.
        if (IsIndex(left, counters, out var leftReads) && IsIndex(right, counters, out var rightReads) && (leftReads || rightReads))
        {
            differs = true;
            return true;
        }

        if (left.Kind != right.Kind || (left is IInvocationOperation call && !SymbolEqualityComparer.Default.Equals(call.TargetMethod, ((IInvocationOperation)right).TargetMethod)))
        {
            return false;
        }

        var leftChildren = left.ChildOperations.GetEnumerator();
        var rightChildren = right.ChildOperations.GetEnumerator();
        while (true)
        {
            var leftMore = leftChildren.MoveNext();
            if (leftMore != rightChildren.MoveNext())
            {
                return false;
            }

            if (!leftMore)
            {
                return true;
            }

            if (!SameButForCounter(leftChildren.Current, rightChildren.Current, counters, ref differs))
            {
                return false;
            }
        }
    }

    private static bool IsIndex(IOperation operation, ImmutableArray<ILocalSymbol> counters, out bool readsCounter)
    {
        readsCounter = false;
        foreach (var part in operation.DescendantsAndSelf())
        {
            switch (part)
            {
                case ILocalReferenceOperation { Local: var local } when counters.Contains(local, SymbolEqualityComparer.Default):
                    readsCounter = true;
                    break;
                case IBinaryOperation or IUnaryOperation or IConversionOperation or IParenthesizedOperation or ILiteralOperation:
                    break;
                default:
                    if (!part.ConstantValue.HasValue)
                    {
                        return false;
                    }

                    break;
            }
        }

        return true;
    }
}
