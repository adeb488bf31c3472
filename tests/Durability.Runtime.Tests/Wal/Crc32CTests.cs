using System;
using System.Buffers.Binary;
using System.Linq;
using System.Text;
using Durability.Runtime.Wal;

namespace Durability.Runtime.Tests.Wal;

/// <summary>CRC-32C against published test vectors (RFC 3720 appendix B.4, and the "123456789" check value).</summary>
public sealed class Crc32CTests
{
    [Fact]
    public void Check_value_of_123456789() => Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void Rfc3720_32_bytes_of_zeros() => Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));

    [Fact]
    public void Rfc3720_32_bytes_of_ones() => Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));

    [Fact]
    public void Rfc3720_32_incrementing_bytes() => Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));

    [Fact]
    public void Rfc3720_32_decrementing_bytes() => Assert.Equal(0x113FDB5Cu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray()));

    [Fact]
    public void Empty_input() => Assert.Equal(0u, Crc32C.Compute(ReadOnlySpan<byte>.Empty));

    [Fact]
    public void Every_length_agrees_with_a_bytewise_reference()
    {
        var data = Enumerable.Range(0, 100).Select(i => (byte)(i * 37 + 11)).ToArray();
        for (var length = 0; length <= data.Length; length++)
        {
            Assert.Equal(Reference(data.AsSpan(0, length)), Crc32C.Compute(data.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Correcting_a_checksum_for_eight_bytes_filled_in_later_gives_the_checksum_of_the_whole()
    {
        // What the log does: checksum a frame with its sequence number zero outside the lock, fill the number in and
        // correct the checksum under it. Every position of the eight bytes, lengths after them across chunk edges.
        var random = new Random(20261130);
        for (var before = 0; before <= 9; before++)
        {
            foreach (var after in new[] { 0, 1, 7, 8, 9, 63, 64, 65, 1000, 65_537 })
            {
                var data = new byte[before + 8 + after];
                random.NextBytes(data);
                data.AsSpan(before, 8).Clear();
                var withZeros = Crc32C.Compute(data);
                var value = (ulong)random.NextInt64();
                BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(before), value);

                var corrected = withZeros ^ Crc32C.ChangeForEightBytes(value, Crc32C.ZeroBytesOperator(after));

                Assert.Equal(Crc32C.Compute(data), corrected);
            }
        }
    }

    [Fact]
    public void The_change_for_eight_bytes_is_their_register_carried_over_the_zero_bytes_after_them()
    {
        foreach (var after in new[] { 0, 1, 2, 3, 8, 100, 4096, 1 << 20 })
        {
            const ulong value = 0x0123456789ABCDEF;
            var data = new byte[8 + after];
            BinaryPrimitives.WriteUInt64LittleEndian(data, value);

            // From a zero register, with no final inversion: the linear part of the CRC alone.
            Assert.Equal(Crc32C.Append(0u, data), Crc32C.ChangeForEightBytes(value, Crc32C.ZeroBytesOperator(after)));
        }
    }

    // The textbook bitwise algorithm with the reflected Castagnoli polynomial.
    private static uint Reference(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }
}
