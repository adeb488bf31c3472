using System;
using System.Diagnostics;
using Durability.Runtime.Wal;

namespace Durability.Benchmarks;

/// <summary>
/// CRC32C throughput with the CPU's CRC32 instructions, beside a table-driven software CRC32C; and the work the log
/// does under its lock per record, once the sequence number is known: checksum the whole frame, or correct the checksum
/// computed outside the lock.
/// </summary>
internal static class CrcBenchmark
{
    public sealed record Result(double HardwareGBps, double SoftwareGBps, (int FrameBytes, double WholeNs, double CorrectionNs, double OperatorNs)[] UnderLock);

    private static readonly int[] FrameSizes = { 128, 4096, 65536 };

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
        return new Result(bytes * rounds * 8 / 1e9 / hardware.Elapsed.TotalSeconds, bytes * rounds / 1e9 / software.Elapsed.TotalSeconds, UnderLock(data, rounds));
    }

    // Per frame size, nanoseconds per record of each way, measured one after the other on the same frame.
    private static (int, double, double, double)[] UnderLock(byte[] data, int rounds)
    {
        var results = new (int, double, double, double)[FrameSizes.Length];
        for (var index = 0; index < FrameSizes.Length; index++)
        {
            var frame = data.AsSpan(0, FrameSizes[index]);
            var iterations = rounds * (256 << 20) / FrameSizes[index] / 8;
            var overPayload = Crc32C.ZeroBytesOperator(frame.Length - 13);
            var sink = 0u;
            var outside = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                sink ^= Crc32C.ZeroBytesOperator(frame.Length - 13 - (i & 7));
            }

            outside.Stop();
            var whole = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                sink ^= Crc32C.Compute(frame[4..]);
            }

            whole.Stop();
            var correction = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                sink ^= Crc32C.ChangeForEightBytes((ulong)i, overPayload);
            }

            correction.Stop();
            GC.KeepAlive(sink);
            results[index] = (FrameSizes[index], whole.Elapsed.TotalMilliseconds * 1e6 / iterations, correction.Elapsed.TotalMilliseconds * 1e6 / iterations,
                outside.Elapsed.TotalMilliseconds * 1e6 / iterations);
        }

        return results;
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
