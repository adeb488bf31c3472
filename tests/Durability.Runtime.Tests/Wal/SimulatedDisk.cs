using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Durability.Runtime.Wal;

namespace Durability.Runtime.Tests.Wal;

/// <summary>
/// A disk under the log that keeps, for each file, what is durable and what only sits in the page cache,
/// and for the folder which entries are durable. <see cref="LosePower"/> keeps only the durable state:
/// unsynced bytes vanish, a file whose creation was never made durable vanishes, a deletion never made
/// durable is undone. It also counts fsyncs and can be told to fail one.
/// </summary>
internal sealed class SimulatedDisk : IWalStorage
{
    private readonly Dictionary<string, SimulatedFile> _files = new(StringComparer.Ordinal);
    private Dictionary<string, SimulatedFile> _durableEntries = new(StringComparer.Ordinal);

    public int FileSyncs { get; private set; }
    public int DirectorySyncs { get; private set; }
    public bool FailNextFileSync { get; set; }

    public IReadOnlyList<string> ListSegments() => _files.Keys.ToList();

    public IWalSegmentFile Create(string name)
    {
        if (_files.ContainsKey(name))
        {
            throw new IOException($"{name} exists");
        }

        var file = new SimulatedFile();
        _files.Add(name, file);
        return new Handle(this, file);
    }

    public IWalSegmentFile OpenForAppend(string name) =>
        _files.TryGetValue(name, out var file) ? new Handle(this, file) : throw new FileNotFoundException(name);

    /// <summary>What a segment holds now, durable or not.</summary>
    public byte[] ReadAll(string name) => _files[name].Current.ToArray();

    public int ReadInto(string name, ref byte[] buffer)
    {
        var content = _files[name].Current;
        if (buffer.Length < content.Count)
        {
            buffer = new byte[content.Count];
        }

        content.CopyTo(buffer);
        return content.Count;
    }

    public void Delete(string name) => _files.Remove(name);

    public void SyncDirectory()
    {
        DirectorySyncs++;
        _durableEntries = new Dictionary<string, SimulatedFile>(_files, StringComparer.Ordinal);
    }

    /// <summary>Power fails: only durable entries remain, each with only its durable bytes.</summary>
    public void LosePower()
    {
        _files.Clear();
        foreach (var (name, file) in _durableEntries)
        {
            file.Current = new List<byte>(file.Durable);
            _files.Add(name, file);
        }
    }

    private sealed class SimulatedFile
    {
        public List<byte> Current { get; set; } = new();
        public List<byte> Durable { get; set; } = new();
    }

    private sealed class Handle : IWalSegmentFile
    {
        private readonly SimulatedDisk _disk;
        private readonly SimulatedFile _file;

        public Handle(SimulatedDisk disk, SimulatedFile file)
        {
            _disk = disk;
            _file = file;
        }

        public long Length => _file.Current.Count;

        public void Append(ReadOnlySpan<byte> bytes) => _file.Current.AddRange(bytes.ToArray());

        public void Sync()
        {
            if (_disk.FailNextFileSync)
            {
                _disk.FailNextFileSync = false;
                throw new IOException("simulated EIO from fsync");
            }

            _disk.FileSyncs++;
            _file.Durable = new List<byte>(_file.Current);
        }

        public void Truncate(long length) => _file.Current.RemoveRange((int)length, _file.Current.Count - (int)length);

        public void Dispose()
        {
        }
    }
}
