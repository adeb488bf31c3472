using System;
using System.Buffers.Binary;
using System.Globalization;

namespace Durability.Runtime.Wal;

/// <summary>
/// The on-disk format (docs/wal-format.md). A segment starts with a 16-byte header: magic "DWAL", version,
/// reserved, first sequence. Each record is a frame, little-endian:
/// <c>crc32c:u32 | payloadLength:u32 | type:u8 | sequence:u64 | keyLength:u32 | key | value</c>,
/// where the CRC covers every byte after itself, so a torn length, type or sequence is caught too.
/// </summary>
internal static class WalFormat
{
    public const int SegmentHeaderBytes = 16;
    public const int FrameHeaderBytes = 4 + 4 + 1 + 8;
    public const ushort Version = 1;
    public static ReadOnlySpan<byte> Magic => "DWAL"u8;

    public static string SegmentName(long firstSequence) => firstSequence.ToString("D20", CultureInfo.InvariantCulture) + ".wal";

    public static bool TryParseSegmentName(string name, out long firstSequence)
    {
        firstSequence = 0;
        return name.Length == 24 && name.EndsWith(".wal", StringComparison.Ordinal) &&
               long.TryParse(name.AsSpan(0, 20), NumberStyles.None, CultureInfo.InvariantCulture, out firstSequence);
    }

    public static byte[] SegmentHeader(long firstSequence)
    {
        var header = new byte[SegmentHeaderBytes];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), Version);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(8), firstSequence);
        return header;
    }

    public static int FrameBytes(int keyLength, int valueLength) => FrameHeaderBytes + 4 + keyLength + valueLength;

    /// <summary>Writes one frame into <paramref name="destination"/>, which must be exactly <see cref="FrameBytes"/> long.</summary>
    public static void WriteFrame(Span<byte> destination, WalRecordType type, long sequence, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        LayOutFrame(destination, type, key, value);
        SealFrame(destination, sequence);
    }

    /// <summary>
    /// Writes everything of a frame but its sequence number and CRC: the part that can be prepared before the record's
    /// place in the log is known.
    /// </summary>
    public static void LayOutFrame(Span<byte> destination, WalRecordType type, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], 4 + key.Length + value.Length);
        destination[8] = (byte)type;
        BinaryPrimitives.WriteInt32LittleEndian(destination[FrameHeaderBytes..], key.Length);
        key.CopyTo(destination[(FrameHeaderBytes + 4)..]);
        value.CopyTo(destination[(FrameHeaderBytes + 4 + key.Length)..]);
    }

    /// <summary>Gives a laid-out frame its sequence number and the CRC that covers it, once.</summary>
    public static void SealFrame(Span<byte> frame, long sequence)
    {
        BinaryPrimitives.WriteInt64LittleEndian(frame[9..], sequence);
        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(frame[4..]);
        BinaryPrimitives.WriteUInt32LittleEndian(frame, Crc32C.Compute(frame[4..(FrameHeaderBytes + payloadLength)]));
    }
}
