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
    public static WalReplayResult Read(IWalStorage storage)
    {
        var segments = SortedSegments(storage);
        var records = new List<WalRecord>();
        var pendingBatch = new List<WalRecord>();
        long lastSequence = 0;
        for (var index = 0; index < segments.Count; index++)
        {
            var name = segments[index].Name;
            var isLast = index == segments.Count - 1;
            var data = storage.ReadAll(name);
            var header = CheckHeader(data, segments[index].FirstSequence);
            if (header is not null)
            {
                var reason = data.Length < WalFormat.SegmentHeaderBytes ? WalStopReason.TornRecord : WalStopReason.CorruptRecord;
                return Stop(records, reason, name, 0, header, lastSequence, 0, isLast);
            }

            var offset = WalFormat.SegmentHeaderBytes;
            while (offset < data.Length)
            {
                var problem = ReadFrame(data, offset, lastSequence, out var reason, out var frameLength, out var record);
                if (problem is not null)
                {
                    return Stop(records, reason, name, offset, problem, lastSequence, offset, isLast);
                }

                lastSequence = record!.Sequence;
                offset += frameLength;
                Apply(record, records, pendingBatch);
            }

            if (isLast)
            {
                return new WalReplayResult(records, WalStopReason.None, null, 0, null, lastSequence, offset) { EndSegment = name, StoppedInLastSegment = true };
            }
        }

        return new WalReplayResult(records, WalStopReason.None, null, 0, null, lastSequence, 0);
    }

    private static WalReplayResult Stop(List<WalRecord> records, WalStopReason reason, string segment, long offset, string detail, long lastSequence, long validEnd, bool isLast) =>
        new(records, reason, segment, offset, detail, lastSequence, validEnd) { EndSegment = segment, StoppedInLastSegment = isLast };

    private static void Apply(WalRecord record, List<WalRecord> records, List<WalRecord> pendingBatch)
    {
        switch (record.Type)
        {
            case WalRecordType.BatchData:
                pendingBatch.Add(record);
                break;
            case WalRecordType.Commit:
                if (record.Value.Length == 4 && BinaryPrimitives.ReadInt32LittleEndian(record.Value.Span) == pendingBatch.Count)
                {
                    records.AddRange(pendingBatch);
                }

                pendingBatch.Clear();
                break;
            default:
                // A batch interrupted by anything but its COMMIT never committed.
                pendingBatch.Clear();
                records.Add(record);
                break;
        }
    }

    /// <summary>Checks one frame at <paramref name="offset"/>; returns null and the record when it is intact, else what is wrong.</summary>
    private static string? ReadFrame(byte[] data, int offset, long previousSequence, out WalStopReason reason, out int frameLength, out WalRecord? record)
    {
        record = null;
        frameLength = 0;
        reason = WalStopReason.TornRecord;
        var remaining = data.Length - offset;
        if (remaining < WalFormat.FrameHeaderBytes)
        {
            return $"only {remaining} bytes remain, fewer than a record header";
        }

        var span = data.AsSpan(offset);
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

        frameLength = WalFormat.FrameHeaderBytes + payloadLength;
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
        record = new WalRecord(
            sequence,
            type,
            data.AsMemory(keyStart, keyLength),
            data.AsMemory(keyStart + keyLength, payloadLength - 4 - keyLength));
        return null;
    }

    private static string? CheckHeader(byte[] data, long firstSequence)
    {
        if (data.Length < WalFormat.SegmentHeaderBytes)
        {
            return $"the segment header is cut short ({data.Length} of {WalFormat.SegmentHeaderBytes} bytes)";
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
