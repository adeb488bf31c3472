using System;
using System.Diagnostics;
using Durability.Runtime.Wal;

namespace Durability.Benchmarks;

/// <summary>CRC32C throughput with the CPU's CRC32 instructions, beside a table-driven software CRC32C.</summary>
internal static class CrcBenchmark
{
    public sealed record Result(double HardwareGBps, double SoftwareGBps);

    private static readonly uint[] Table = BuildTable();

    public static Result Run(int rounds)
    {
        var data = new byte[64 << 20];
        new Random(1).NextBytes(data);
        if (Crc32C.Compute(data) != Software(data))
        {
            throw new InvalidOperationException("Hardware and software CRC32C disagree.");
        }

        var hardware = Stopwatch.StartNew();
        for (var i = 0; i < rounds * 8; i++)
        {
            Crc32C.Compute(data);
        }

        hardware.Stop();
        var software = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            Software(data);
        }

        software.Stop();
        double bytes = data.Length;
        return new Result(bytes * rounds * 8 / 1e9 / hardware.Elapsed.TotalSeconds, bytes * rounds / 1e9 / software.Elapsed.TotalSeconds);
    }

    private static uint Software(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var crc = i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }

            table[i] = crc;
        }

        return table;
    }
}
