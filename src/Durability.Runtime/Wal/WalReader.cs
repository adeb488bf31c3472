using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Durability.Runtime.Wal;

/// <summary>
/// Replays a log: returns intact records in order, leaves out batches without an intact COMMIT, and stops
/// at the first torn or corrupt record, saying where and why. It never allocates more than a record's
/// checked length, and never throws on damaged content.
/// </summary>
internal static class WalReader
{
    /// <summary>Receives a committed record: its bytes lie in <paramref name="segment"/> at the given offsets.</summary>
    internal delegate void RecordSink(WalRecordType type, long sequence, byte[] segment, int keyOffset, int keyLength, int valueOffset, int valueLength);

    /// <summary>Replays into a list whose records slice each segment's own array (one array per segment, kept alive by the records).</summary>
    public static WalReplayResult Read(IWalStorage storage)
    {
        var records = new List<WalRecord>();
        return Scan(
            storage,
            reuseBuffer: false,
            (type, sequence, segment, keyOffset, keyLength, valueOffset, valueLength) =>
                records.Add(new WalRecord(sequence, type, segment.AsMemory(keyOffset, keyLength), segment.AsMemory(valueOffset, valueLength))),
            records);
    }

    /// <summary>
    /// The replay loop. With <paramref name="reuseBuffer"/>, every segment is read into one buffer, so records
    /// are valid only while <paramref name="sink"/> runs. A batch never spans segments (it is one write, and
    /// rotation happens between writes), so a pending batch is kept as offsets into the current segment.
    /// </summary>
    public static WalReplayResult Scan(IWalStorage storage, bool reuseBuffer, RecordSink sink, IReadOnlyList<WalRecord>? records = null)
    {
        var segments = SortedSegments(storage);
        var pending = new List<Frame>();
        records ??= Array.Empty<WalRecord>();
        long lastSequence = 0;
        long delivered = 0;
        byte[] buffer = Array.Empty<byte>();
        for (var index = 0; index < segments.Count; index++)
        {
            var name = segments[index].Name;
            var isLast = index == segments.Count - 1;
            if (!reuseBuffer)
            {
                buffer = Array.Empty<byte>();
            }

            var length = storage.ReadInto(name, ref buffer);
            var header = CheckHeader(buffer, length, segments[index].FirstSequence);
            if (header is not null)
            {
                var reason = length < WalFormat.SegmentHeaderBytes ? WalStopReason.TornRecord : WalStopReason.CorruptRecord;
                return Stop(records, delivered, reason, name, 0, header, lastSequence, 0, isLast);
            }

            pending.Clear();
            var offset = WalFormat.SegmentHeaderBytes;
            while (offset < length)
            {
                var problem = ReadFrame(buffer, length, offset, lastSequence, out var reason, out var frame);
                if (problem is not null)
                {
                    return Stop(records, delivered, reason, name, offset, problem, lastSequence, offset, isLast);
                }

                lastSequence = frame.Sequence;
                offset += frame.Length;
                delivered += Apply(frame, buffer, pending, sink);
            }

            if (isLast)
            {
                return new WalReplayResult(records, delivered, WalStopReason.None, null, 0, null, lastSequence, offset) { EndSegment = name, StoppedInLastSegment = true };
            }
        }

        return new WalReplayResult(records, delivered, WalStopReason.None, null, 0, null, lastSequence, 0);
    }

    private static WalReplayResult Stop(IReadOnlyList<WalRecord> records, long delivered, WalStopReason reason, string segment, long offset, string detail, long lastSequence, long validEnd, bool isLast) =>
        new(records, delivered, reason, segment, offset, detail, lastSequence, validEnd) { EndSegment = segment, StoppedInLastSegment = isLast };

    // Returns how many records reached the sink.
    private static int Apply(in Frame frame, byte[] segment, List<Frame> pendingBatch, RecordSink sink)
    {
        switch (frame.Type)
        {
            case WalRecordType.BatchData:
                pendingBatch.Add(frame);
                return 0;
            case WalRecordType.Commit:
                var committed = 0;
                if (frame.ValueLength == 4 && BinaryPrimitives.ReadInt32LittleEndian(segment.AsSpan(frame.ValueOffset)) == pendingBatch.Count)
                {
                    foreach (var record in pendingBatch)
                    {
                        Deliver(record, segment, sink);
                    }

                    committed = pendingBatch.Count;
                }

                pendingBatch.Clear();
                return committed;
            default:
                // A batch interrupted by anything but its COMMIT never committed.
                pendingBatch.Clear();
                Deliver(frame, segment, sink);
                return 1;
        }
    }

    private static void Deliver(in Frame frame, byte[] segment, RecordSink sink) =>
        sink(frame.Type, frame.Sequence, segment, frame.KeyOffset, frame.KeyLength, frame.ValueOffset, frame.ValueLength);

    /// <summary>Where an intact record lies in its segment.</summary>
    private readonly record struct Frame(WalRecordType Type, long Sequence, int Length, int KeyOffset, int KeyLength, int ValueOffset, int ValueLength);

    /// <summary>Checks one frame at <paramref name="offset"/>; returns null and the record when it is intact, else what is wrong.</summary>
    private static string? ReadFrame(byte[] data, int length, int offset, long previousSequence, out WalStopReason reason, out Frame frame)
    {
        frame = default;
        reason = WalStopReason.TornRecord;
        var remaining = length - offset;
        if (remaining < WalFormat.FrameHeaderBytes)
        {
            return $"only {remaining} bytes remain, fewer than a record header";
        }

        var span = data.AsSpan(offset, remaining);
        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        if (payloadLength < 4 || payloadLength > WalOptions.MaxPayloadBytes + 4)
        {
            reason = WalStopReason.CorruptRecord;
            return $"impossible payload length {payloadLength}";
        }

        if (payloadLength > remaining - WalFormat.FrameHeaderBytes)
        {
            return $"the record claims {payloadLength} payload bytes but only {remaining - WalFormat.FrameHeaderBytes} remain";
        }

        var frameLength = WalFormat.FrameHeaderBytes + payloadLength;
        reason = WalStopReason.CorruptRecord;
        var expected = BinaryPrimitives.ReadUInt32LittleEndian(span);
        var actual = Crc32C.Compute(span[4..frameLength]);
        if (expected != actual)
        {
            return $"CRC mismatch (stored 0x{expected:X8}, computed 0x{actual:X8})";
        }

        var type = (WalRecordType)span[8];
        if (type is < WalRecordType.Data or > WalRecordType.Checkpoint)
        {
            return $"unknown record type {span[8]}";
        }

        var sequence = BinaryPrimitives.ReadInt64LittleEndian(span[9..]);
        if (sequence <= previousSequence)
        {
            return $"sequence {sequence} does not follow {previousSequence}";
        }

        var keyLength = BinaryPrimitives.ReadInt32LittleEndian(span[WalFormat.FrameHeaderBytes..]);
        if (keyLength < 0 || keyLength > payloadLength - 4)
        {
            return $"impossible key length {keyLength}";
        }

        var keyStart = offset + WalFormat.FrameHeaderBytes + 4;
        frame = new Frame(type, sequence, frameLength, keyStart, keyLength, keyStart + keyLength, payloadLength - 4 - keyLength);
        return null;
    }

    private static string? CheckHeader(byte[] data, int length, long firstSequence)
    {
        if (length < WalFormat.SegmentHeaderBytes)
        {
            return $"the segment header is cut short ({length} of {WalFormat.SegmentHeaderBytes} bytes)";
        }

        if (!data.AsSpan(0, 4).SequenceEqual(WalFormat.Magic))
        {
            return "the segment does not start with the DWAL magic";
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(4));
        if (version != WalFormat.Version)
        {
            return $"unsupported format version {version}";
        }

        var headerSequence = BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(8));
        return headerSequence == firstSequence ? null : $"the header's first sequence {headerSequence} does not match the file name";
    }

    internal static List<(string Name, long FirstSequence)> SortedSegments(IWalStorage storage)
    {
        var segments = new List<(string Name, long FirstSequence)>();
        foreach (var name in storage.ListSegments())
        {
            if (WalFormat.TryParseSegmentName(name, out var first))
            {
                segments.Add((name, first));
            }
        }

        segments.Sort((a, b) => a.FirstSequence.CompareTo(b.FirstSequence));
        return segments;
    }
}
