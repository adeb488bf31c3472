using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Durability.Runtime.Wal;

namespace Durability.Runtime.Tests.Wal;

internal static class WalTestData
{
    public static byte[] Key(long i) => Encoding.ASCII.GetBytes($"key-{i}");

    public static byte[] Value(long i) => Encoding.ASCII.GetBytes($"value-{i}-" + new string((char)('a' + (int)(i % 26)), (int)(i % 40)));

    public static (ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value)[] Batch(long first, int count) =>
        Enumerable.Range(0, count).Select(i => ((ReadOnlyMemory<byte>)Key(first + i), (ReadOnlyMemory<byte>)Value(first + i))).ToArray();

    public static string Describe(WalRecord record) =>
        $"{record.Sequence}:{record.Type}:{Encoding.ASCII.GetString(record.Key.Span)}={Encoding.ASCII.GetString(record.Value.Span)}";

    public static List<string> Describe(IEnumerable<WalRecord> records) => records.Select(Describe).ToList();

    public static WalOptions Options(SyncMode mode = SyncMode.Sync, int batchSyncCount = 100, long segmentBytes = 64L << 20) =>
        new("simulated") { SyncMode = mode, BatchSyncCount = batchSyncCount, SegmentBytes = segmentBytes };
}
