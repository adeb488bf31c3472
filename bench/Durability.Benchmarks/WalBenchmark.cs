using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Durability.Runtime.Wal;

namespace Durability.Benchmarks;

/// <summary>Durable appends per second and p50 / p99 latency for every appender at 1, 4, 16 and 64 writers, all in one run.</summary>
internal static class WalBenchmark
{
    public sealed record Cell(string Appender, int Writers, double AppendsPerSecond, double P50Ms, double P99Ms);

    private static readonly int[] WriterCounts = { 1, 4, 16, 64 };

    public static async Task<List<Cell>> RunAsync(TimeSpan duration, string root)
    {
        var cells = new List<Cell>();
        var record = new byte[100];
        Random.Shared.NextBytes(record);

        cells.Add(await MeasureAsync("write + fdatasync (device limit)", 1, duration, root, d => new RawFdatasyncAppender(d), record));
        foreach (var writers in WriterCounts)
        {
            cells.Add(await MeasureAsync("FileStream + Flush(true) under a lock", writers, duration, root, d => new LockedFlushAppender(d), record));
            cells.Add(await MeasureAsync("Durability.Runtime, Sync (group commit)", writers, duration, root, d => new RuntimeWalAppender(d, SyncMode.Sync), record));
            cells.Add(await MeasureAsync("Durability.Runtime, Batch (N = 100)", writers, duration, root, d => new RuntimeWalAppender(d, SyncMode.Batch), record));
            cells.Add(await MeasureAsync("FasterLog, FastCommitMode", writers, duration, root, d => new FasterLogAppender(d), record));
        }

        return cells;
    }

    private static async Task<Cell> MeasureAsync(string name, int writers, TimeSpan duration, string root, Func<string, IDurableAppender> create, byte[] record)
    {
        var directory = Path.Combine(root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var appender = create(directory);
            var recorders = Enumerable.Range(0, writers).Select(_ => new LatencyRecorder()).ToArray();
            using var stop = new CancellationTokenSource();
            var started = Stopwatch.StartNew();
            var tasks = recorders.Select(recorder => Task.Factory.StartNew(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var before = Stopwatch.GetTimestamp();
                    await appender.AppendAsync(record).ConfigureAwait(false);
                    recorder.Record(Stopwatch.GetTimestamp() - before);
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToArray();
            await Task.Delay(duration);
            stop.Cancel();
            await Task.WhenAll(tasks);
            var elapsed = started.Elapsed.TotalSeconds;
            var (p50, p99) = LatencyRecorder.Percentiles(recorders);
            var cell = new Cell(name, writers, recorders.Sum(r => r.Count) / elapsed, p50, p99);
            Console.Error.WriteLine($"  {cell.Appender,-42} {writers,3} writers: {cell.AppendsPerSecond,10:N0}/s  p50 {p50:F3} ms  p99 {p99:F3} ms");
            return cell;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
