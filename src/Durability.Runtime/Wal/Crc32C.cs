using System;
using System.Buffers.Binary;
using System.Numerics;

namespace Durability.Runtime.Wal;

/// <summary>
/// CRC-32C (Castagnoli), as used by iSCSI, ext4 and LevelDB, computed with the processor's CRC32
/// instructions through <see cref="BitOperations.Crc32C(uint, ulong)"/>.
/// </summary>
public static class Crc32C
{
    // The Castagnoli polynomial, bit-reversed as the CRC register holds it: bit 31 is the coefficient of x^0.
    private const uint ReflectedPolynomial = 0x82F63B78;

    // x^8 in the register's bit order: the operator that carries a register over one zero byte.
    private const uint OneZeroByte = 1u << (31 - 8);

    // The operators over 2^k zero bytes, k = 0..31: each the square of the one before.
    private static readonly uint[] ZeroBytePowers = SquaresOf(OneZeroByte);

    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Append(uint.MaxValue, data);

    /// <summary>Continues a running CRC (start with <see cref="uint.MaxValue"/>, finish with bitwise not).</summary>
    internal static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }

    /// <summary>
    /// The operator that carries a CRC register over <paramref name="count"/> zero bytes (x^(8·count) mod P), for
    /// <see cref="ChangeForEightBytes"/>: one multiplication per bit set in <paramref name="count"/>.
    /// </summary>
    internal static uint ZeroBytesOperator(int count)
    {
        var result = 1u << 31;
        var remaining = (uint)count;
        for (var power = 0; remaining != 0; power++, remaining >>= 1)
        {
            if ((remaining & 1) != 0)
            {
                result = MultiplyModP(result, ZeroBytePowers[power]);
            }
        }

        return result;
    }

    /// <summary>
    /// How the CRC-32C of some data changes when eight bytes of it that were zero become <paramref name="value"/>
    /// (little-endian), given <paramref name="overFollowingBytes"/>, the <see cref="ZeroBytesOperator"/> of the bytes
    /// after them. CRC is linear over GF(2), so a checksum computed with a field left zero is corrected by XOR-ing this
    /// in: constant time, whatever the data's length.
    /// </summary>
    internal static uint ChangeForEightBytes(ulong value, uint overFollowingBytes) =>
        MultiplyModP(BitOperations.Crc32C(0u, value), overFollowingBytes);

    private static uint[] SquaresOf(uint first)
    {
        var powers = new uint[32];
        powers[0] = first;
        for (var k = 1; k < powers.Length; k++)
        {
            powers[k] = MultiplyModP(powers[k - 1], powers[k - 1]);
        }

        return powers;
    }

    // a·b mod P, both in the register's bit order: for each coefficient of a (x^0 first), add b·x^i, reducing as b grows.
    // Branch-free (masks instead of ifs): the coefficients are data, and mispredicted branches would triple the cost.
    private static uint MultiplyModP(uint a, uint b)
    {
        var product = 0u;
        for (var shift = 31; shift >= 0; shift--)
        {
            product ^= b & (0u - ((a >> shift) & 1));
            b = (b >> 1) ^ (ReflectedPolynomial & (0u - (b & 1)));
        }

        return product;
    }
}
