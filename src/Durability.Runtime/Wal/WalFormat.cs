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
    public const int SequenceOffset = 4 + 4 + 1;

    /// <summary>
    /// Payloads from this size up are checksummed outside the log's lock and corrected under it; smaller ones are
    /// checksummed whole under it, which costs less than finding the correction (docs/performance.md, CRC32C).
    /// </summary>
    public const int CorrectedChecksumMinPayload = 1024;

    // What LayOutFrame returns for a frame that SealFrame checksums whole: no correction operator is ever zero.
    private const uint ChecksumWhenSealed = 0;
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
    public static void WriteFrame(Span<byte> destination, WalRecordType type, long sequence, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) =>
        SealFrame(destination, sequence, LayOutFrame(destination, type, key, value));

    /// <summary>
    /// Writes a whole frame with its sequence number left zero, and for a large payload the CRC of that: all the work
    /// that can be done before the record's place in the log is known, outside the log's lock. Returns what
    /// <see cref="SealFrame"/> needs to correct that CRC for the sequence number in constant time.
    /// </summary>
    public static uint LayOutFrame(Span<byte> destination, WalRecordType type, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var payloadLength = 4 + key.Length + value.Length;
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], payloadLength);
        destination[8] = (byte)type;
        destination[SequenceOffset..FrameHeaderBytes].Clear();
        BinaryPrimitives.WriteInt32LittleEndian(destination[FrameHeaderBytes..], key.Length);
        key.CopyTo(destination[(FrameHeaderBytes + 4)..]);
        value.CopyTo(destination[(FrameHeaderBytes + 4 + key.Length)..]);
        if (payloadLength < CorrectedChecksumMinPayload)
        {
            return ChecksumWhenSealed;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(destination, Crc32C.Compute(destination[4..(FrameHeaderBytes + payloadLength)]));

        // The sequence number is the last field of the header: the whole payload follows it under the CRC.
        return Crc32C.ZeroBytesOperator(payloadLength);
    }

    /// <summary>
    /// Gives a laid-out frame its sequence number and its CRC, with what <see cref="LayOutFrame"/> returned: the CRC
    /// computed there corrected for the number, or for a small payload the CRC of the whole frame. Either way a bounded
    /// amount of work under the log's lock, whatever the record's size.
    /// </summary>
    public static void SealFrame(Span<byte> frame, long sequence, uint overPayload)
    {
        BinaryPrimitives.WriteInt64LittleEndian(frame[SequenceOffset..], sequence);
        var crc = overPayload == ChecksumWhenSealed
            ? Crc32C.Compute(frame[4..(FrameHeaderBytes + BinaryPrimitives.ReadInt32LittleEndian(frame[4..]))])
            : BinaryPrimitives.ReadUInt32LittleEndian(frame) ^ Crc32C.ChangeForEightBytes((ulong)sequence, overPayload);
        BinaryPrimitives.WriteUInt32LittleEndian(frame, crc);
    }
}
