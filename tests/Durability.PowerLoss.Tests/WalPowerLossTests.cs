using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Durability.Runtime.Wal;
using Xunit.Abstractions;

namespace Durability.PowerLoss.Tests;

/// <summary>
/// The log on a real file system that loses unsynced data: a writer with four threads (appends, AppendAsync, atomic
/// batches, checkpoints with truncation; small segments, so it rotates) is killed at a random moment, then the
/// power is cut. Replay must hold every acknowledged record in Sync mode; in Batch mode only a suffix of at most
/// one batch of single appends may be missing. Batches are all or nothing, and the log reopens and appends.
/// </summary>
public sealed class WalPowerLossTests
{
    private const int Rounds = 20;
    private const int BatchSyncCount = 16;

    private readonly ITestOutputHelper _output;

    public WalPowerLossTests(ITestOutputHelper output) => _output = output;

    [SkippableTheory]
    [InlineData(SyncMode.Sync)]
    [InlineData(SyncMode.Batch)]
    public void A_power_cut_after_a_kill_loses_nothing_acknowledged(SyncMode mode)
    {
        using var lazyFs = LazyFs.MountOrSkip();
        var random = new Random(20261130 + (int)mode);
        var lostInBatchMode = 0;
        var acknowledgedInAll = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var directory = Path.Combine(lazyFs.MountPath, $"wal-{mode}-{round}");
            var lines = KilledWriter.RunAndKill(
                TimeSpan.FromMilliseconds(random.Next(20, 400)),
                "wal", directory, mode == SyncMode.Batch ? "batch" : "sync", BatchSyncCount.ToString(CultureInfo.InvariantCulture));
            lazyFs.PowerCut();

            var writes = WriterLines.Parse(lines);
            acknowledgedInAll += writes.Acknowledged.Count;
            var replay = WriteAheadLog.Replay(directory);
            Assert.NotEqual(WalStopReason.CorruptRecord, replay.StopReason);
            var replayed = replay.Records
                .Where(record => record.Type is WalRecordType.Data or WalRecordType.BatchData)
                .Select(record => (record.Sequence, Key: Encoding.ASCII.GetString(record.Key.Span)))
                .ToList();

            // In order and once.
            var sequences = replay.Records.Select(record => record.Sequence).ToList();
            Assert.Equal(sequences.Distinct().OrderBy(s => s), sequences);
            Assert.Equal(replayed.Count, replayed.Select(r => r.Key).Distinct().Count());

            // Batches are all or nothing, acknowledged or not.
            foreach (var batch in replayed.Where(r => r.Key.StartsWith("b/", StringComparison.Ordinal)).GroupBy(r => r.Key[..r.Key.LastIndexOf('/')]))
            {
                Assert.True(batch.Count() == 3, $"round {round}: batch {batch.Key} has {batch.Count()} of its 3 records");
            }

            // Records before a truncation that started may be gone with their segment; everything else acknowledged must be there.
            var present = replayed.ToHashSet();
            var missing = writes.Acknowledged.Where(ack => ack.Sequence >= writes.TruncatedBefore && !present.Contains(ack)).ToList();
            if (mode == SyncMode.Sync)
            {
                Assert.True(missing.Count == 0, $"round {round}: {missing.Count} acknowledged records lost, first {missing.FirstOrDefault()}; replay stopped with {replay.StopReason} after {replay.Records.Count} records");
            }
            else
            {
                // Forced fsyncs (batches, checkpoints) make everything before them durable; what is lost is a suffix of single appends.
                Assert.True(missing.Count <= BatchSyncCount, $"round {round}: {missing.Count} acknowledged records lost, more than a batch of {BatchSyncCount}");
                Assert.All(missing, lost => Assert.False(lost.Key.StartsWith("b/", StringComparison.Ordinal), $"round {round}: batch record {lost} lost"));
                Assert.All(missing, lost => Assert.True(lost.Sequence > writes.LastForcedFsync, $"round {round}: {lost} lost although fsync {writes.LastForcedFsync} came after it"));
                var lastPresent = replayed.Count == 0 ? 0 : replayed.Max(r => r.Sequence);
                Assert.All(missing, lost => Assert.True(lost.Sequence > lastPresent || !sequences.Contains(lost.Sequence), $"round {round}: {lost} lost but later records survived"));
                lostInBatchMode += missing.Count;
            }

            // The log reopens after the cut and appends after what survived.
            using (var log = WriteAheadLog.Open(new WalOptions(directory) { SyncMode = SyncMode.Sync, SegmentBytes = 8192 }))
            {
                var next = log.Append("after"u8, "power cut"u8);
                Assert.True(next > (sequences.Count == 0 ? 0 : sequences.Max()), $"round {round}: reopened log appended at {next}");
            }

            Assert.Contains(WriteAheadLog.Replay(directory).Records, record => Encoding.ASCII.GetString(record.Key.Span) == "after");
        }

        _output.WriteLine($"{mode}: {Rounds} rounds, {acknowledgedInAll} acknowledged records, {lostInBatchMode} lost (allowed in Batch mode only, at most {BatchSyncCount} per round)");
    }
}
