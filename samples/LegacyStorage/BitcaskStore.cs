using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LegacyStorage;

/// <summary>
/// The Bitcask hash-index store (audit note 003, bitcask.py): an append-only data file per generation,
/// an in-memory key directory of offsets, flush on every write and fsync when syncWrites is on, and
/// rotation to a new data file when the active one is full.
/// </summary>
public sealed class BitcaskStore : IDisposable
{
    private readonly string _directory;
    private readonly bool _syncWrites;
    private readonly long _maxFileBytes;
    private readonly Dictionary<string, (int FileId, long Offset, int Length)> _keyDirectory = new();
    private FileStream _active;
    private int _fileId;

    public BitcaskStore(string directory, bool syncWrites = true, long maxFileBytes = 16 << 20)
    {
        _directory = directory;
        _syncWrites = syncWrites;
        _maxFileBytes = maxFileBytes;
        Directory.CreateDirectory(directory);
        _active = OpenDataFile(_fileId);
    }

    public void Put(string key, byte[] value)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var record = new byte[8 + keyBytes.Length + value.Length];
        BitConverter.TryWriteBytes(record, keyBytes.Length);
        BitConverter.TryWriteBytes(record.AsSpan(4), value.Length);
        keyBytes.CopyTo(record, 8);
        value.CopyTo(record, 8 + keyBytes.Length);

        var offset = _active.Position;
        _active.Write(record);
        _active.Flush(); // Correct: survives a process crash...
        if (_syncWrites)
        {
            _active.Flush(flushToDisk: true); // ...and, when asked, a power loss (a conditional fsync is not reported).
        }

        _keyDirectory[key] = (_fileId, offset + 8 + keyBytes.Length, value.Length);
        if (_active.Length >= _maxFileBytes)
        {
            Rotate();
        }
    }

    public byte[]? Get(string key)
    {
        if (!_keyDirectory.TryGetValue(key, out var location))
        {
            return null;
        }

        using var file = new FileStream(DataFilePath(location.FileId), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var value = new byte[location.Length];
        file.Position = location.Offset;
        file.ReadExactly(value);
        return value;
    }

    private void Rotate()
    {
        _active.Flush(flushToDisk: true);
        _active.Dispose();
        _fileId++;
        _active = OpenDataFile(_fileId);
    }

    private FileStream OpenDataFile(int fileId)
    {
        var path = DataFilePath(fileId);
        // DUR002: a new data file's directory entry is never fsynced (audit note 003: no directory fsync anywhere).
        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        return file;
    }

    private string DataFilePath(int fileId) => Path.Combine(_directory, $"{fileId:D6}.data");

    public void Dispose() => _active.Dispose();
}
