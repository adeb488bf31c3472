using System;
using System.Diagnostics;
using System.IO;
using Durability.Runtime.Wal;

namespace Durability.Benchmarks;

/// <summary>Replay throughput of a log already in the page cache, beside a plain read of the same files.</summary>
internal static class ReplayBenchmark
{
    public sealed record Result(long Bytes, long Records, double ReplayMBps, double StreamingMBps, double RawReadMBps);

    public static Result Run(string root, long targetBytes)
    {
        var directory = Path.Combine(root, "replay");
        var value = new byte[100];
        using (var log = WriteAheadLog.Open(new WalOptions(directory) { SyncMode = SyncMode.None }))
        {
            var written = 0L;
            while (written < targetBytes)
            {
                log.Append("key"u8, value);
                written += 128;
            }
        }

        var files = Directory.GetFiles(directory, "*.wal");
        long bytes = 0;
        var raw = Stopwatch.StartNew();
        foreach (var file in files)
        {
            bytes += File.ReadAllBytes(file).Length;
        }

        raw.Stop();
        var replay = Stopwatch.StartNew();
        var result = WriteAheadLog.Replay(directory);
        replay.Stop();
        var checksum = 0L;
        var streaming = Stopwatch.StartNew();
        var streamed = WriteAheadLog.Replay(directory, (in WalRecordView record) => checksum += record.Value.Length);
        streaming.Stop();
        if (result.StopReason != WalStopReason.None || streamed.RecordCount != result.Records.Count)
        {
            throw new InvalidOperationException("Replay stopped early: " + result.StopDetail);
        }

        Directory.Delete(directory, recursive: true);
        return new Result(bytes, result.Records.Count, bytes / 1e6 / replay.Elapsed.TotalSeconds, bytes / 1e6 / streaming.Elapsed.TotalSeconds, bytes / 1e6 / raw.Elapsed.TotalSeconds);
    }
}
