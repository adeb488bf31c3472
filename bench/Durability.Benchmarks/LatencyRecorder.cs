using System;
using System.Collections.Generic;

namespace Durability.Benchmarks;

/// <summary>Append-to-durable latencies of one writer, merged at the end into percentiles.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<long> _ticks = new(1 << 16);

    public int Count => _ticks.Count;

    public void Record(long stopwatchTicks) => _ticks.Add(stopwatchTicks);

    public static (double P50Ms, double P99Ms) Percentiles(IEnumerable<LatencyRecorder> recorders)
    {
        var all = new List<long>();
        foreach (var recorder in recorders)
        {
            all.AddRange(recorder._ticks);
        }

        if (all.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        all.Sort();
        return (ToMs(all[(int)(all.Count * 0.50)]), ToMs(all[Math.Min(all.Count - 1, (int)(all.Count * 0.99))]));
    }

    private static double ToMs(long ticks) => ticks * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
}
