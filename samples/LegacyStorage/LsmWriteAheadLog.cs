using System;
using System.IO;
using System.Text;

namespace LegacyStorage;

/// <summary>
/// The LSM tree's memtable WAL (audit note 003, lsm.py:26): every append is flushed, none is ever
/// fsynced, so acknowledged puts survive a process crash but not a power loss.
/// </summary>
public sealed class LsmWriteAheadLog : IDisposable
{
    private readonly FileStream _fd;

    public LsmWriteAheadLog(string path)
    {
        // DUR002: Append creates the log when it is missing, and its directory entry is never fsynced.
        _fd = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    public void Append(string key, byte[] value)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        Span<byte> header = stackalloc byte[8];
        BitConverter.TryWriteBytes(header, keyBytes.Length);
        BitConverter.TryWriteBytes(header[4..], value.Length);
        _fd.Write(header);
        _fd.Write(keyBytes);
        _fd.Write(value);
        _fd.Flush(); // DUR001: reaches the page cache only; the WAL gives no power-loss recovery.
    }

    public void Dispose() => _fd.Dispose();
}
