using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Durability.Runtime.Files;

namespace Durability.Runtime.Tests.Files;

/// <summary>
/// A file system that can tell every state a power cut could leave. File data lives in inodes and is durable only
/// as of the inode's last fsync. Directory entries change through a journal of creations, renames and deletions
/// that reaches the disk in order: a power cut keeps the entries as of the last directory fsync plus any prefix of
/// the changes made since. That is what ext4 (data=ordered, with delayed allocation) and XFS allow: a rename can be
/// durable while the renamed file's data is not.
/// </summary>
internal sealed class PowerCutFileSystem : IFileOperations
{
    private readonly Dictionary<string, Inode> _entries = new(StringComparer.Ordinal);
    private readonly List<EntryChange> _journal = new();
    private Dictionary<string, Inode> _durableEntries = new(StringComparer.Ordinal);

    /// <summary>Every call made, in order; a power cut can fall between any two.</summary>
    public List<string> Calls { get; } = new();

    /// <summary>Raised after every call that changes what a power cut would leave.</summary>
    public event Action? Stepped;

    /// <summary>When set, the call with this name fails with an IOException.</summary>
    public string? FailingCall { get; set; }

    /// <summary>Sets up a file whose contents and entry are durable.</summary>
    public void AddDurableFile(string path, byte[] contents)
    {
        var inode = new Inode { Current = contents, Durable = contents };
        _entries[path] = inode;
        _durableEntries[path] = inode;
    }

    /// <summary>What a path holds now, or null when it does not exist.</summary>
    public byte[]? Read(string path) => _entries.TryGetValue(path, out var inode) ? inode.Current : null;

    public IReadOnlyCollection<string> Paths => _entries.Keys;

    /// <summary>Every contents <paramref name="path"/> can have after a power cut now: null for a missing file.</summary>
    public List<byte[]?> AfterPowerCut(string path)
    {
        var outcomes = new List<byte[]?>();
        for (var kept = 0; kept <= _journal.Count; kept++)
        {
            var entries = new Dictionary<string, Inode>(_durableEntries, StringComparer.Ordinal);
            foreach (var change in _journal.Take(kept))
            {
                change.ApplyTo(entries);
            }

            outcomes.Add(entries.TryGetValue(path, out var inode) ? inode.Durable : null);
        }

        return outcomes;
    }

    public Stream CreateNew(string path)
    {
        Call(nameof(CreateNew));
        if (_entries.ContainsKey(path))
        {
            throw new IOException($"{path} exists.");
        }

        var inode = new Inode();
        Change(new EntryChange(EntryChangeKind.Create, path, null, inode));
        Stepped?.Invoke();
        return new InodeStream(inode);
    }

    public Stream OpenAppend(string path)
    {
        Call(nameof(OpenAppend));
        if (!_entries.TryGetValue(path, out var inode))
        {
            inode = new Inode();
            Change(new EntryChange(EntryChangeKind.Create, path, null, inode));
        }

        var stream = new InodeStream(inode);
        stream.Write(inode.Current);
        Stepped?.Invoke();
        return stream;
    }

    public bool Exists(string path) => _entries.ContainsKey(path);

    public void Fsync(Stream stream)
    {
        Call(nameof(Fsync));
        var file = (InodeStream)stream;
        file.Flush();
        file.Inode.Durable = file.Inode.Current;
        Stepped?.Invoke();
    }

    public void Replace(string source, string destination)
    {
        Call(nameof(Replace));
        if (!_entries.ContainsKey(source))
        {
            throw new FileNotFoundException(source);
        }

        Change(new EntryChange(EntryChangeKind.Rename, source, destination, null));
        Stepped?.Invoke();
    }

    public void SyncDirectory(string directory)
    {
        Call(nameof(SyncDirectory));
        _durableEntries = new Dictionary<string, Inode>(_entries, StringComparer.Ordinal);
        _journal.Clear();
        Stepped?.Invoke();
    }

    public void Delete(string path)
    {
        Call(nameof(Delete));
        if (_entries.ContainsKey(path))
        {
            Change(new EntryChange(EntryChangeKind.Delete, path, null, null));
            Stepped?.Invoke();
        }
    }

    private void Call(string name)
    {
        Calls.Add(name);
        if (name == FailingCall)
        {
            FailingCall = null;
            throw new IOException($"Injected failure of {name}.");
        }
    }

    private void Change(EntryChange change)
    {
        change.ApplyTo(_entries);
        _journal.Add(change);
    }

    private enum EntryChangeKind
    {
        Create,
        Rename,
        Delete,
    }

    private sealed record EntryChange(EntryChangeKind Kind, string Path, string? Destination, Inode? Inode)
    {
        public void ApplyTo(Dictionary<string, Inode> entries)
        {
            switch (Kind)
            {
                case EntryChangeKind.Create:
                    entries[Path] = Inode!;
                    break;
                case EntryChangeKind.Rename when entries.Remove(Path, out var moved):
                    entries[Destination!] = moved;
                    break;
                case EntryChangeKind.Delete:
                    entries.Remove(Path);
                    break;
            }
        }
    }

    /// <summary>A file's data: what it holds now, and what it holds as of its last fsync.</summary>
    internal sealed class Inode
    {
        public byte[] Current { get; set; } = Array.Empty<byte>();

        public byte[] Durable { get; set; } = Array.Empty<byte>();
    }

    /// <summary>A stream whose bytes reach the inode (the page cache) on Flush and Dispose.</summary>
    private sealed class InodeStream : MemoryStream
    {
        public InodeStream(Inode inode) => Inode = inode;

        public Inode Inode { get; }

        public override void Flush()
        {
            base.Flush();
            Inode.Current = ToArray();
        }

        protected override void Dispose(bool disposing)
        {
            Inode.Current = ToArray();
            base.Dispose(disposing);
        }
    }
}
