using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Durability.Benchmarks;

/// <summary>The results as Markdown, with the ratios the targets are stated in.</summary>
internal sealed class Report
{
    private readonly StringBuilder _text = new();

    public Report(string mode)
    {
        _text.AppendLine(CultureInfo.InvariantCulture, $"Run: {mode} mode, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}.");
        _text.AppendLine();
    }

    public void Wal(List<WalBenchmark.Cell> cells)
    {
        _text.AppendLine("### WAL: durable 100-byte appends");
        _text.AppendLine();
        _text.AppendLine("| Appender | Writers | Appends/s | p50 ms | p99 ms |");
        _text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var cell in cells)
        {
            _text.AppendLine(CultureInfo.InvariantCulture, $"| {cell.Appender} | {cell.Writers} | {cell.AppendsPerSecond:N0} | {cell.P50Ms:F3} | {cell.P99Ms:F3} |");
        }

        double Rate(string prefix, int writers) => cells.First(c => c.Appender.StartsWith(prefix, StringComparison.Ordinal) && c.Writers == writers).AppendsPerSecond;
        var device = Rate("write + fdatasync", 1);
        var sync1 = Rate("Durability.Runtime, Sync", 1);
        var sync64 = Rate("Durability.Runtime, Sync", 64);
        var faster64 = Rate("FasterLog", 64);
        var batch1 = Rate("Durability.Runtime, Batch", 1);
        var p99Sync64 = cells.First(c => c.Appender.StartsWith("Durability.Runtime, Sync", StringComparison.Ordinal) && c.Writers == 64).P99Ms;
        var p99Faster64 = cells.First(c => c.Appender.StartsWith("FasterLog", StringComparison.Ordinal) && c.Writers == 64).P99Ms;
        _text.AppendLine();
        _text.AppendLine("| Ratio | Measured | Target |");
        _text.AppendLine("|---|---:|---:|");
        _text.AppendLine(CultureInfo.InvariantCulture, $"| Sync, 1 writer / device limit | {sync1 / device:F2}x | >= 0.9x |");
        _text.AppendLine(CultureInfo.InvariantCulture, $"| Sync, 64 writers / Sync, 1 writer | {sync64 / sync1:F1}x | >= 20x |");
        _text.AppendLine(CultureInfo.InvariantCulture, $"| Sync, 64 writers / FasterLog, 64 writers | {sync64 / faster64:F2}x | >= 1x |");
        _text.AppendLine(CultureInfo.InvariantCulture, $"| p99 Sync 64 / p99 FasterLog 64 | {p99Sync64 / p99Faster64:F2}x | <= 1x |");
        _text.AppendLine(CultureInfo.InvariantCulture, $"| Batch (N = 100), 1 writer / Sync, 1 writer | {batch1 / sync1:F1}x | >= 40x |");
        _text.AppendLine();
    }

    public void Replay(ReplayBenchmark.Result result)
    {
        _text.AppendLine("### Replay from the page cache");
        _text.AppendLine();
        _text.AppendLine(CultureInfo.InvariantCulture, $"{result.Bytes / (1 << 20):N0} MiB, {result.Records:N0} records of 100 bytes. Target: >= 1,000 MB/s.");
        _text.AppendLine();
        _text.AppendLine("| Reader | MB/s | / plain read |");
        _text.AppendLine("|---|---:|---:|");
        _text.AppendLine(CultureInfo.InvariantCulture, $"| File.ReadAllBytes of the segments (baseline) | {result.RawReadMBps:N0} | 1.00x |");
        _text.AppendLine(CultureInfo.InvariantCulture, $"| WriteAheadLog.Replay(directory): a list of records | {result.ReplayMBps:N0} | {result.ReplayMBps / result.RawReadMBps:F2}x |");
        _text.AppendLine(CultureInfo.InvariantCulture, $"| WriteAheadLog.Replay(directory, handler): streaming | {result.StreamingMBps:N0} | {result.StreamingMBps / result.RawReadMBps:F2}x |");
        _text.AppendLine();
    }

    public void Crc(CrcBenchmark.Result result)
    {
        _text.AppendLine("### CRC32C");
        _text.AppendLine();
        _text.AppendLine(CultureInfo.InvariantCulture, $"Hardware (BitOperations.Crc32C, 8 bytes a step): {result.HardwareGBps:F2} GB/s; table-driven software: {result.SoftwareGBps:F2} GB/s ({result.HardwareGBps / result.SoftwareGBps:F1}x).");
        _text.AppendLine();
        _text.AppendLine("Work under the log's lock per record once its sequence number is known: checksum the whole frame, or correct the");
        _text.AppendLine("checksum computed outside the lock with the sequence left zero. WriteAheadLog does the first for payloads under 1 KiB");
        _text.AppendLine("and the second from 1 KiB up, so the work under its lock stays bounded whatever a record's size.");
        _text.AppendLine();
        _text.AppendLine("| Frame bytes | Whole CRC, ns | Correction, ns | Whole / correction | Its operator, outside the lock, ns |");
        _text.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var (frameBytes, wholeNs, correctionNs, operatorNs) in result.UnderLock)
        {
            _text.AppendLine(CultureInfo.InvariantCulture, $"| {frameBytes:N0} | {wholeNs:F1} | {correctionNs:F1} | {wholeNs / correctionNs:F1}x | {operatorNs:F1} |");
        }

        _text.AppendLine();
    }

    public void Analyzers(AnalyzerCostBenchmark.Result result)
    {
        _text.AppendLine("### Analyzer cost");
        _text.AppendLine();
        _text.AppendLine(result.Detail);
        _text.AppendLine();
    }

    public string ToMarkdown() => _text.ToString();
}
