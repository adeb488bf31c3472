using System;
using System.IO;

namespace LegacyStorage;

/// <summary>
/// The Bitcask active data file (audit note 003, bitcask.py:82-88): flush on every write, fsync when
/// syncWrites is on. Correct by design: a conditional fsync is not reported.
/// </summary>
public sealed class BitcaskDataFile : IDisposable
{
    private readonly FileStream _active;
    private readonly bool _syncWrites;

    public BitcaskDataFile(string path, bool syncWrites = true)
    {
        // DUR002: a new data file's directory entry is never fsynced (audit note 003: no directory fsync anywhere).
        _active = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        _syncWrites = syncWrites;
    }

    public long Put(ReadOnlySpan<byte> record)
    {
        var offset = _active.Position;
        _active.Write(record);
        _active.Flush(); // Correct: survives a process crash...
        if (_syncWrites)
        {
            _active.Flush(flushToDisk: true); // ...and, when asked, a power loss.
        }

        return offset;
    }

    public void Dispose() => _active.Dispose();
}
