using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Durability.Runtime.Wal;

/// <summary>
/// A segmented write-ahead log with CRC32C-checked records, three sync modes, real group commit, atomic
/// batches, checkpoints and crash-safe replay. Thread-safe.
/// </summary>
/// <remarks>
/// Writes go through one pipeline: each caller queues its encoded records; one caller at a time leads,
/// writes everything queued in one write, fsyncs when any queued write needs it (every write in
/// <see cref="SyncMode.Sync"/>, every <see cref="WalOptions.BatchSyncCount"/> appends in Batch mode,
/// always for batches and checkpoints), and completes those callers; then it hands leadership to the
/// next queued caller. Every fsync, whatever caused it, restarts the batch count. A failed write or fsync
/// poisons the log: that call and every later one throws, because after a failed fsync the OS may have
/// dropped the data and a retry would report success for data that is gone.
/// </remarks>
public sealed class WriteAheadLog : IDisposable, IAsyncDisposable
{
    private readonly WalOptions _options;
    private readonly IWalStorage _storage;
    private readonly object _gate = new();
    private readonly List<PendingWrite> _queue = new();
    private readonly List<string> _segments;
    private IWalSegmentFile _active;
    private long _nextSequence;
    private int _appendsSinceSync;
    private bool _leading;
    private bool _disposed;
    private Exception? _poison;

    private WriteAheadLog(WalOptions options, IWalStorage storage, List<string> segments, IWalSegmentFile active, long nextSequence)
    {
        _options = options;
        _storage = storage;
        _segments = segments;
        _active = active;
        _nextSequence = nextSequence;
    }

    /// <summary>How many fsyncs of segment files the log has made; for tests and monitoring.</summary>
    public long FsyncCount { get; private set; }

    /// <summary>Opens the log in <see cref="WalOptions.Directory"/>, creating it when missing, and cuts a torn tail so new appends follow the last intact record.</summary>
    /// <exception cref="WalCorruptedException">A segment before the last one is damaged.</exception>
    public static WriteAheadLog Open(WalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Open(options, new FileWalStorage(options.Directory));
    }

    internal static WriteAheadLog Open(WalOptions options, IWalStorage storage)
    {
        // Only the end matters here: scan with one reused buffer and keep no records, so opening a large log
        // costs the reading of it, not a copy of it in memory.
        var scan = WalReader.Scan(storage, reuseBuffer: true, static (_, _, _, _, _, _, _) => { });
        if (scan.StopReason != WalStopReason.None && !scan.StoppedInLastSegment)
        {
            throw new WalCorruptedException(
                $"The log in '{options.Directory}' is damaged in segment {scan.StopSegment} at offset {scan.StopOffset}: {scan.StopDetail}. " +
                "Later segments exist, so it is not opened for writing; replay it with WriteAheadLog.Replay to recover the intact prefix.");
        }

        var segments = new List<string>();
        foreach (var (name, _) in WalReader.SortedSegments(storage))
        {
            segments.Add(name);
        }

        var nextSequence = scan.LastSequence + 1;
        if (segments.Count > 0 && scan.EndSegment is { } last && scan.ValidEnd < WalFormat.SegmentHeaderBytes)
        {
            // A segment whose header never made it to disk holds nothing: remove it and start it again.
            storage.Delete(last);
            storage.SyncDirectory();
            segments.Remove(last);
        }

        if (segments.Count == 0 || scan.EndSegment is null || !segments.Contains(scan.EndSegment))
        {
            var created = CreateSegment(storage, nextSequence);
            segments.Add(WalFormat.SegmentName(nextSequence));
            return new WriteAheadLog(options, storage, segments, created, nextSequence);
        }

        var active = storage.OpenForAppend(scan.EndSegment);
        if (active.Length > scan.ValidEnd)
        {
            active.Truncate(scan.ValidEnd);
            active.Sync();
        }

        return new WriteAheadLog(options, storage, segments, active, nextSequence);
    }

    /// <summary>Replays the log in <paramref name="directory"/> without opening it for writing.</summary>
    public static WalReplayResult Replay(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return WalReader.Read(new FileWalStorage(directory));
    }

    /// <summary>
    /// Replays the log in <paramref name="directory"/> record by record without keeping them: one buffer is reused for
    /// every segment, so a large log replays at the speed of reading it. The result's <see cref="WalReplayResult.Records"/> is empty.
    /// </summary>
    public static WalReplayResult Replay(string directory, WalRecordHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(handler);
        return WalReader.Scan(
            new FileWalStorage(directory),
            reuseBuffer: true,
            (type, sequence, segment, keyOffset, keyLength, valueOffset, valueLength) =>
                handler(new WalRecordView(sequence, type, segment.AsSpan(keyOffset, keyLength), segment.AsSpan(valueOffset, valueLength))));
    }

    /// <summary>Appends one record; in Sync mode it is durable when this returns. Returns its sequence number.</summary>
    /// <exception cref="ArgumentException">The key and value together exceed <see cref="WalOptions.MaxPayloadBytes"/>.</exception>
    public long Append(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var pending = Enqueue(EncodeSingle(WalRecordType.Data, key, value), forceSync: false, appends: 1);
        Complete(pending);
        return pending.LastSequence;
    }

    /// <summary>Appends one record without blocking a thread while others lead the write; in Sync mode it is durable when the task completes.</summary>
    public async Task<long> AppendAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = Enqueue(EncodeSingle(WalRecordType.Data, key.Span, value.Span), forceSync: false, appends: 1);
        if (pending.IsLeader || !await pending.Signal.Task.ConfigureAwait(false))
        {
            Lead(pending);
        }

        return pending.LastSequence;
    }

    /// <summary>
    /// Appends all records and a COMMIT marker as one write and fsyncs it, whatever the mode: replay returns
    /// all of them or none. Returns the COMMIT's sequence number.
    /// </summary>
    /// <exception cref="ArgumentException">The batch is empty, or a record or the whole batch is too large.</exception>
    public long AppendBatch(IReadOnlyList<(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value)> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            throw new ArgumentException("An atomic batch needs at least one record.", nameof(records));
        }

        long total = WalFormat.FrameBytes(0, 4);
        foreach (var (key, value) in records)
        {
            CheckSize(key.Length, value.Length);
            total += WalFormat.FrameBytes(key.Length, value.Length);
        }

        if (total > WalOptions.MaxPayloadBytes)
        {
            throw new ArgumentException($"The batch takes {total} bytes; at most {WalOptions.MaxPayloadBytes} are accepted.", nameof(records));
        }

        var pending = Enqueue(Encoding.Batch(records, (int)total), forceSync: true, appends: records.Count);
        Complete(pending);
        return pending.LastSequence;
    }

    /// <summary>Appends a checkpoint record holding <paramref name="state"/> and fsyncs it, whatever the mode. Returns its sequence number.</summary>
    public long Checkpoint(ReadOnlySpan<byte> state)
    {
        var pending = Enqueue(EncodeSingle(WalRecordType.Checkpoint, ReadOnlySpan<byte>.Empty, state), forceSync: true, appends: 0);
        Complete(pending);
        return pending.LastSequence;
    }

    /// <summary>
    /// Deletes the segments that hold only records before <paramref name="sequence"/> (typically a checkpoint's),
    /// then fsyncs the directory. The active segment is never deleted. Returns how many segments were removed.
    /// </summary>
    public int TruncateBefore(long sequence)
    {
        lock (_gate)
        {
            ThrowIfUnusable();
            var removed = 0;
            while (_segments.Count > 1 && WalFormat.TryParseSegmentName(_segments[1], out var nextFirst) && nextFirst <= sequence)
            {
                _storage.Delete(_segments[0]);
                _segments.RemoveAt(0);
                removed++;
            }

            if (removed > 0)
            {
                _storage.SyncDirectory();
            }

            return removed;
        }
    }

    /// <summary>Makes everything appended durable and closes the log. Safe to call more than once.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            while (_leading)
            {
                Monitor.Wait(_gate);
            }

            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                if (_poison is null && _options.SyncMode != SyncMode.None)
                {
                    SyncActive();
                }
            }
            finally
            {
                _active.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private Encoding EncodeSingle(WalRecordType type, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        CheckSize(key.Length, value.Length);
        // Laid out (and a large one checksummed) here, outside the lock; sealed (sequence, CRC) once its sequence is known.
        var frame = new byte[WalFormat.FrameBytes(key.Length, value.Length)];
        var overPayload = WalFormat.LayOutFrame(frame, type, key, value);
        return Encoding.Single(frame, overPayload);
    }

    private static void CheckSize(int keyLength, int valueLength)
    {
        if ((long)keyLength + valueLength > WalOptions.MaxPayloadBytes)
        {
            throw new ArgumentException($"A record of {(long)keyLength + valueLength} bytes exceeds the limit of {WalOptions.MaxPayloadBytes}.");
        }
    }

    // Sequence numbers are given under the lock, in queue order, so the file holds them in order.
    private PendingWrite Enqueue(Encoding encoding, bool forceSync, int appends)
    {
        lock (_gate)
        {
            ThrowIfUnusable();
            var bytes = encoding.Materialise(ref _nextSequence, out var lastSequence);
            var pending = new PendingWrite(bytes, lastSequence, forceSync, appends);
            _queue.Add(pending);
            if (!_leading)
            {
                _leading = true;
                pending.BecomeLeader();
            }

            return pending;
        }
    }

    // The first writer to find no leader leads at once; the others wait to be told "written" or "lead now".
    private void Complete(PendingWrite pending)
    {
        if (pending.IsLeader || !pending.Signal.Task.GetAwaiter().GetResult())
        {
            Lead(pending);
        }
    }

    // One round: take the queue (the leader's own write is in it), write it in one go, fsync if any write
    // needs it, complete the others, hand over. Throws to the leader when the round failed.
    private void Lead(PendingWrite leader)
    {
        List<PendingWrite> round;
        lock (_gate)
        {
            round = new List<PendingWrite>(_queue);
            _queue.Clear();
        }

        Exception? failure = null;
        try
        {
            WriteRound(round);
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        lock (_gate)
        {
            if (failure is not null)
            {
                _poison ??= new IOException("The write-ahead log failed to write or fsync and accepts no more writes.", failure);
                foreach (var pending in round)
                {
                    pending.Signal.TrySetException(_poison);
                }

                foreach (var pending in _queue)
                {
                    pending.Signal.TrySetException(_poison);
                }

                _queue.Clear();
            }
            else
            {
                foreach (var pending in round)
                {
                    pending.Signal.TrySetResult(true);
                }
            }

            if (_queue.Count > 0)
            {
                // Hand over before waking anyone else: the next writer leads the next round at once.
                _queue[0].BecomeLeader();
                _queue[0].Signal.TrySetResult(false);
            }
            else
            {
                _leading = false;
                Monitor.PulseAll(_gate);
            }
        }

        if (failure is not null && round.Contains(leader))
        {
            throw _poison!;
        }
    }

    private void WriteRound(List<PendingWrite> round)
    {
        var total = 0;
        var needsSync = false;
        foreach (var pending in round)
        {
            total += pending.Bytes.Length;
            needsSync |= pending.ForceSync;
        }

        var buffer = round.Count == 1 ? round[0].Bytes : new byte[total];
        if (round.Count > 1)
        {
            var offset = 0;
            foreach (var pending in round)
            {
                pending.Bytes.CopyTo(buffer, offset);
                offset += pending.Bytes.Length;
            }
        }

        _active.Append(buffer);
        foreach (var pending in round)
        {
            _appendsSinceSync += pending.Appends;
        }

        needsSync |= _options.SyncMode switch
        {
            SyncMode.Sync => true,
            SyncMode.Batch => _appendsSinceSync >= _options.BatchSyncCount,
            _ => false,
        };
        if (needsSync)
        {
            SyncActive();
        }

        if (_active.Length >= _options.SegmentBytes)
        {
            Rotate(round[^1].LastSequence + 1);
        }
    }

    // The only place the log fsyncs a segment: the batch count always restarts with it.
    private void SyncActive()
    {
        _active.Sync();
        FsyncCount++;
        _appendsSinceSync = 0;
    }

    private void Rotate(long nextFirstSequence)
    {
        SyncActive();
        var next = CreateSegment(_storage, nextFirstSequence);
        _active.Dispose();
        _active = next;
        lock (_gate)
        {
            _segments.Add(WalFormat.SegmentName(nextFirstSequence));
        }
    }

    private static IWalSegmentFile CreateSegment(IWalStorage storage, long firstSequence)
    {
        var segment = storage.Create(WalFormat.SegmentName(firstSequence));
        segment.Append(WalFormat.SegmentHeader(firstSequence));
        segment.Sync();
        storage.SyncDirectory();
        return segment;
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_poison is not null)
        {
            throw _poison;
        }
    }

    /// <summary>Records encoded once, given their sequence numbers when queued.</summary>
    private readonly struct Encoding
    {
        // Every frame laid out (types, lengths, keys, values; for a large payload the CRC with the sequence left zero)
        // before the lock is taken; under it each frame only gets its sequence number and its CRC (WalFormat.SealFrame).
        private readonly byte[] _bytes;
        private readonly int[]? _frameStarts;
        private readonly uint[]? _overPayloads;
        private readonly uint _singleOverPayload;

        private Encoding(byte[] bytes, int[]? frameStarts, uint[]? overPayloads, uint singleOverPayload)
        {
            _bytes = bytes;
            _frameStarts = frameStarts;
            _overPayloads = overPayloads;
            _singleOverPayload = singleOverPayload;
        }

        // One record, the common case: no array for its one sealing operator.
        public static Encoding Single(byte[] frame, uint overPayload) => new(frame, null, null, overPayload);

        /// <summary>The batch's data frames and its COMMIT frame (holding the record count), laid out in one buffer.</summary>
        public static Encoding Batch(IReadOnlyList<(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value)> batch, int bytes)
        {
            var buffer = new byte[bytes];
            var starts = new int[batch.Count + 1];
            var overPayloads = new uint[batch.Count + 1];
            var offset = 0;
            for (var index = 0; index < batch.Count; index++)
            {
                var (key, value) = batch[index];
                var length = WalFormat.FrameBytes(key.Length, value.Length);
                overPayloads[index] = WalFormat.LayOutFrame(buffer.AsSpan(offset, length), WalRecordType.BatchData, key.Span, value.Span);
                starts[index] = offset;
                offset += length;
            }

            Span<byte> count = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(count, batch.Count);
            overPayloads[batch.Count] = WalFormat.LayOutFrame(buffer.AsSpan(offset), WalRecordType.Commit, ReadOnlySpan<byte>.Empty, count);
            starts[batch.Count] = offset;
            return new Encoding(buffer, starts, overPayloads, 0);
        }

        // Called under the lock: the sequence numbers are given in queue order, so the file holds them in order.
        public byte[] Materialise(ref long nextSequence, out long lastSequence)
        {
            if (_frameStarts is null)
            {
                lastSequence = nextSequence++;
                WalFormat.SealFrame(_bytes, lastSequence, _singleOverPayload);
                return _bytes;
            }

            lastSequence = nextSequence;
            for (var index = 0; index < _frameStarts.Length; index++)
            {
                var end = index + 1 < _frameStarts.Length ? _frameStarts[index + 1] : _bytes.Length;
                lastSequence = nextSequence++;
                WalFormat.SealFrame(_bytes.AsSpan(_frameStarts[index], end - _frameStarts[index]), lastSequence, _overPayloads![index]);
            }

            return _bytes;
        }
    }

    /// <summary>
    /// A caller's queued write. <see cref="Signal"/> completes with true when another leader wrote (and synced) it,
    /// false when this caller must lead the next round, or with the log's failure.
    /// </summary>
    private sealed class PendingWrite
    {
        public PendingWrite(byte[] bytes, long lastSequence, bool forceSync, int appends)
        {
            Bytes = bytes;
            LastSequence = lastSequence;
            ForceSync = forceSync;
            Appends = appends;
        }

        public byte[] Bytes { get; }
        public long LastSequence { get; }
        public bool ForceSync { get; }
        public int Appends { get; }
        public bool IsLeader { get; private set; }
        public TaskCompletionSource<bool> Signal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void BecomeLeader() => IsLeader = true;
    }
}
