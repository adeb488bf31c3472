using System;
using System.IO;

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
/// write counter, atomic batches with a forced fsync, checkpoints, and segment rotation.
/// </summary>
public sealed class WriteAheadLog : IDisposable
{
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
        _fd = OpenSegment(_segment);
    }

    public void Append(ReadOnlySpan<byte> record)
    {
        _fd.Write(record);
        DoSync();
        if (_fd.Length >= _maxSegmentBytes)
        {
            Rotate();
        }
    }

    /// <summary>All records plus a COMMIT marker, always fsynced: the batch is atomic.</summary>
    public void AppendBatch(ReadOnlySpan<byte> recordsAndCommit)
    {
        _fd.Write(recordsAndCommit);
        DoSync(force: true);
    }

    public void Checkpoint(ReadOnlySpan<byte> checkpointRecord)
    {
        _fd.Write(checkpointRecord);
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

    private FileStream OpenSegment(int number)
    {
        // DUR002: the new segment's directory entry is never fsynced.
        var segment = new FileStream(Path.Combine(_directory, $"{number:D8}.wal"), FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        return segment;
    }

    public void Dispose()
    {
        _fd.Flush(flushToDisk: true); // Correct: closing for good; the counter no longer matters.
        _fd.Dispose();
    }
}
