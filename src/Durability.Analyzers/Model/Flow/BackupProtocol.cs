using System.Collections.Generic;

namespace Durability.Analyzers.Model;

/// <summary>
/// The "safe save" protocol: a body moves its live file aside under a backup name (<c>data</c> to <c>data.old</c>), then
/// puts a new version in its place (a rename of <c>data.new</c> onto <c>data</c>, or a fresh write) and drops the backup.
/// The backup exists only to recover from a crash, so the body means to be crash-safe whatever its type is called, and
/// the new version's entry must be durable before the backup goes. Deleting the live file and renaming a finished one
/// onto its path (a replace written before File.Move could overwrite) is the same protocol without the backup. DUR002
/// checks such bodies outside storage code.
/// </summary>
internal static class BackupProtocol
{
    /// <summary>What a body following the protocol spells besides its rename: a deletion, or a backup's name.</summary>
    public static readonly string[] SourceWords =
    {
        "Delete", ".old", "old ", "old.", "Old", "OLD", ".bak", "Bak", "BAK", "backup", "Backup", ".prev", "Prev", ".orig", "Orig",
    };

    /// <summary>True for a rename of a file to a backup name: the first step of the protocol.</summary>
    public static bool MovesAside(DirectoryEntryChange change) =>
        change.Kind == DirectoryEntryChangeKind.Rename && change.Destination is { } destination &&
        PathNames.IsBackupFile(destination) && !PathNames.IsBackupFile(change.Path);

    /// <summary>
    /// The changes that put a new version where a file was moved aside, or was deleted before a rename onto its path, in the
    /// same body: what must be durable.
    /// </summary>
    public static List<DirectoryEntryChange> NewVersions(List<DirectoryEntryChange> changes, List<DirectoryEntryChange> asides)
    {
        var live = new List<FileIdentity>(asides.Count);
        foreach (var aside in asides)
        {
            live.Add(FileIdentity.Of(aside.Path));
        }

        // A rotation moves the live file down to the first slot as an aside does (auto0 to auto1 before temp to auto0); its
        // steps are no new versions.
        var shifts = changes.FindAll(change => RotationShifts.IsShift(change, changes));
        foreach (var shift in shifts)
        {
            live.Add(FileIdentity.Of(shift.Path));
        }

        return changes.FindAll(change =>
            change.Kind != DirectoryEntryChangeKind.Deletion && !shifts.Contains(change) &&
            (live.Contains(FileIdentity.Of(change.SyncedPath)) || (change.Kind == DirectoryEntryChangeKind.Rename && ReplacesADeletedFile(change, changes))));
    }

    // File.Delete(target) then File.Move(finished, target): a replace, with a moment in which the target is gone.
    private static bool ReplacesADeletedFile(DirectoryEntryChange rename, List<DirectoryEntryChange> changes)
    {
        var target = FileIdentity.Of(rename.SyncedPath);
        return ChangesInOrder.AnyBefore(changes, rename, other => other.Kind == DirectoryEntryChangeKind.Deletion && FileIdentity.Of(other.Path) == target);
    }
}
