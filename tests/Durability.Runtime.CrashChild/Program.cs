using System;
using System.Text;
using Durability.Runtime.Wal;

// Usage: CrashChild <log directory> <writer id>
// Appends "writer-id/n" records in Sync mode, batches now and then, and prints "ack <sequence> <key>"
// only after each append has returned, so every printed line is an acknowledged, durable record.
var directory = args[0];
var writer = args[1];
using var log = WriteAheadLog.Open(new WalOptions(directory) { SyncMode = SyncMode.Sync, SegmentBytes = 16 * 1024 });
var output = Console.Out;
for (var n = 0; ; n++)
{
    var key = $"{writer}/{n}";
    if (n % 7 == 6)
    {
        var first = Encoding.ASCII.GetBytes(key + "a");
        var second = Encoding.ASCII.GetBytes(key + "b");
        var commit = log.AppendBatch(new (ReadOnlyMemory<byte>, ReadOnlyMemory<byte>)[] { (first, new byte[64]), (second, new byte[64]) });
        output.WriteLine($"ack {commit - 2} {key}a");
        output.WriteLine($"ack {commit - 1} {key}b");
    }
    else
    {
        var sequence = log.Append(Encoding.ASCII.GetBytes(key), new byte[100]);
        output.WriteLine($"ack {sequence} {key}");
    }

    output.Flush();
}
