using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using Durability.Runtime.Wal;

namespace LegacyStorage;

/// <summary>How often the write-ahead log fsyncs (audit note 000).</summary>
public enum SyncMode
{
    /// <summary>fsync every append.</summary>
    Sync,

    /// <summary>fsync every BatchSyncCount appends.</summary>
    Batch,

    /// <summary>Never fsync.</summary>
    None,
}

/// <summary>
/// The standalone write-ahead log (audit notes 000 to 002, wal.py): sync / batch / none modes, the batch
/// write counter, atomic batches with a COMMIT record and a forced fsync, checkpoints, segment rotation,
/// and truncation by rewrite. Records: [length:4][crc:4][op:1][key length:4][key][value].
/// </summary>
public sealed class WriteAheadLog : IDisposable
{
    private const byte Put = 1, BatchPut = 2, Commit = 3, CheckpointOp = 4;

    private readonly string _directory;
    private readonly SyncMode _syncMode;
    private readonly int _batchSyncCount;
    private readonly long _maxSegmentBytes;
    private FileStream _fd;
    private int _segment;
    private int _writeCount;

    public WriteAheadLog(string directory, SyncMode syncMode = SyncMode.Sync, int batchSyncCount = 100, long maxSegmentBytes = 64 << 20)
    {
        _directory = directory;
        _syncMode = syncMode;
        _batchSyncCount = batchSyncCount;
        _maxSegmentBytes = maxSegmentBytes;
        Directory.CreateDirectory(directory);
        _segment = Directory.GetFiles(directory, "*.wal").Length;
        _fd = OpenSegment(Math.Max(0, _segment - 1));
    }

    public void Append(string key, byte[] value)
    {
        _fd.Write(Encode(Put, key, value));
        DoSync();
        if (_fd.Length >= _maxSegmentBytes)
        {
            Rotate();
        }
    }

    /// <summary>All operations plus a COMMIT record as one buffer, always fsynced: the batch is atomic.</summary>
    public void AppendBatch(IReadOnlyList<(string Key, byte[] Value)> operations)
    {
        var buffer = new MemoryStream();
        foreach (var (key, value) in operations)
        {
            buffer.Write(Encode(BatchPut, key, value));
        }

        buffer.Write(Encode(Commit, string.Empty, BitConverter.GetBytes(operations.Count)));
        _fd.Write(buffer.ToArray());
        DoSync(force: true);
    }

    public void Checkpoint(byte[] state)
    {
        _fd.Write(Encode(CheckpointOp, string.Empty, state));
        DoSync(force: true);
    }

    private void DoSync(bool force = false)
    {
        if (_syncMode == SyncMode.Sync || force)
        {
            _fd.Flush(flushToDisk: true); // DUR003: a forced fsync leaves _writeCount stale in batch mode.
        }
        else if (_syncMode == SyncMode.Batch)
        {
            _writeCount++;
            if (_writeCount >= _batchSyncCount)
            {
                _fd.Flush(flushToDisk: true); // Correct: the batch sync resets the counter.
                _writeCount = 0;
            }
        }
    }

    private void Rotate()
    {
        _fd.Flush(flushToDisk: true); // DUR003: rotation fsyncs without resetting _writeCount.
        _fd.Dispose();
        _segment++;
        _fd = OpenSegment(_segment);
    }

    /// <summary>Keeps only the records after the first <paramref name="dropCount"/> of the active segment: write a temp file, fsync it, rename it over.</summary>
    public void Truncate(int dropCount)
    {
        _fd.Flush(flushToDisk: true); // DUR003: truncation fsyncs the log without resetting _writeCount.
        var path = _fd.Name;
        _fd.Dispose();
        var kept = SkipRecords(File.ReadAllBytes(path), dropCount);
        var tmp = path + ".tmp";
        using (var temp = new FileStream(tmp, FileMode.Create))
        {
            temp.Write(kept);
            temp.Flush(flushToDisk: true); // Correct: the temp file is durable before the rename.
        }

        File.Move(tmp, path, overwrite: true); // DUR002: the rename is not durable until the directory is fsynced.
        _fd = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    /// <summary>Replays every segment: committed batches only, stopping at the first torn or corrupt record.</summary>
    public static List<(string Key, byte[] Value)> ReadAll(string directory)
    {
        var result = new List<(string Key, byte[] Value)>();
        var files = Directory.GetFiles(directory, "*.wal");
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var pending = new List<(string Key, byte[] Value)>();
            var data = File.ReadAllBytes(file);
            var offset = 0;
            while (TryDecode(data, ref offset, out var op, out var key, out var value))
            {
                switch (op)
                {
                    case Put:
                        pending.Clear(); // a batch interrupted by anything but its COMMIT never committed
                        result.Add((key, value));
                        break;
                    case BatchPut:
                        pending.Add((key, value));
                        break;
                    case Commit:
                        if (BitConverter.ToInt32(value) == pending.Count)
                        {
                            result.AddRange(pending);
                        }

                        pending.Clear();
                        break;
                    default:
                        pending.Clear();
                        break;
                }
            }
        }

        return result;
    }

    private FileStream OpenSegment(int number)
    {
        // DUR002: the new segment's directory entry is never fsynced.
        var segment = new FileStream(Path.Combine(_directory, $"{number:D8}.wal"), FileMode.Append, FileAccess.Write, FileShare.Read);
        return segment;
    }

    private static byte[] Encode(byte op, string key, byte[] value)
    {
        var keyBytes = System.Text.Encoding.UTF8.GetBytes(key);
        var record = new byte[9 + 4 + keyBytes.Length + value.Length];
        BinaryPrimitives.WriteInt32LittleEndian(record, record.Length - 8);
        record[8] = op;
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(9), keyBytes.Length);
        keyBytes.CopyTo(record, 13);
        value.CopyTo(record, 13 + keyBytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Crc32C.Compute(record.AsSpan(8)));
        return record;
    }

    private static bool TryDecode(byte[] data, ref int offset, out byte op, out string key, out byte[] value)
    {
        op = 0;
        key = string.Empty;
        value = Array.Empty<byte>();
        if (data.Length - offset < 13)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(offset));
        if (length < 5 || length > data.Length - offset - 8 ||
            BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset + 4)) != Crc32C.Compute(data.AsSpan(offset + 8, length)))
        {
            return false;
        }

        op = data[offset + 8];
        var keyLength = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(offset + 9));
        if (keyLength < 0 || keyLength > length - 5)
        {
            return false;
        }

        key = System.Text.Encoding.UTF8.GetString(data, offset + 13, keyLength);
        value = data.AsSpan(offset + 13 + keyLength, length - 5 - keyLength).ToArray();
        offset += 8 + length;
        return true;
    }

    private static byte[] SkipRecords(byte[] data, int count)
    {
        var offset = 0;
        for (var i = 0; i < count && TryDecode(data, ref offset, out _, out _, out _); i++)
        {
        }

        return data.AsSpan(offset).ToArray();
    }

    public void Dispose()
    {
        _fd.Flush(flushToDisk: true); // Correct: closing for good; the counter no longer matters.
        _fd.Dispose();
    }
}
