using System;
using System.IO;

namespace LegacyStorage;

/// <summary>
/// Snapshots of the event store's projections, so that start-up replays only the events after them.
/// Each snapshot is written to a temp file and renamed over the previous one, so that no reader sees half
/// of one; but the temp file is never fsynced, and a rename can reach the disk before the data it names.
/// The manifest that names the latest snapshot is rewritten in place with File.WriteAllText.
/// </summary>
public sealed class SnapshotStore
{
    private readonly string _directory;

    public SnapshotStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    public void Save(string projection, long version, byte[] state)
    {
        var path = Path.Combine(_directory, projection + ".snap");
        var tmp = path + ".tmp";
        using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write))
        {
            file.Write(BitConverter.GetBytes(version));
            file.Write(state);
        }

        // DUR004: the temp file was never fsynced; after a power cut the snapshot can be empty, the old one gone.
        // DUR002: nor is the directory, so the rename itself can be undone.
        File.Move(tmp, path, overwrite: true);

        // DUR004: File.WriteAllText cannot fsync; DUR002: the manifest's entry is never made durable.
        File.WriteAllText(Path.Combine(_directory, "MANIFEST"), projection + "\t" + version);
    }

    public (long Version, byte[] State)? Load(string projection)
    {
        var path = Path.Combine(_directory, projection + ".snap");
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        return bytes.Length < sizeof(long) ? null : (BitConverter.ToInt64(bytes, 0), bytes[sizeof(long)..]);
    }
}
