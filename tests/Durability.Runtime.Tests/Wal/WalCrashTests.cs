using System;
using System.Collections.Generic;
using System.Linq;
using Durability.Runtime.Wal;
using static Durability.Runtime.Tests.Wal.WalTestData;

namespace Durability.Runtime.Tests.Wal;

/// <summary>Torn tails, flipped bits, missing COMMITs and power loss: replay returns the intact prefix and nothing else.</summary>
public sealed class WalCrashTests
{
    [Fact]
    public void Cutting_the_tail_at_every_byte_offset_replays_exactly_the_intact_prefix()
    {
        var (name, bytes, frameEnds, expected) = WriteLog(records: 6);
        var tailStart = frameEnds[2];
        for (var cut = tailStart; cut <= bytes.Length; cut++)
        {
            var disk = DiskWith(name, bytes.AsSpan(0, cut));
            var replay = WalReader.Read(disk);

            var intact = frameEnds.Count(end => end <= cut) - 1;
            Assert.Equal(expected.Take(intact), Describe(replay.Records));
            Assert.Equal(cut == frameEnds[intact] ? WalStopReason.None : WalStopReason.TornRecord, replay.StopReason);

            // Reopening cuts the torn tail; a new append is readable after the intact prefix.
            using (var log = WriteAheadLog.Open(Options(), disk))
            {
                Assert.Equal(intact + 1, log.Append(Key(99), Value(99)));
            }

            var reopened = WalReader.Read(disk);
            Assert.Equal(WalStopReason.None, reopened.StopReason);
            Assert.Equal(expected.Take(intact).Append($"{intact + 1}:Data:key-99={System.Text.Encoding.ASCII.GetString(Value(99))}"), Describe(reopened.Records));
        }
    }

    [Fact]
    public void A_segment_header_cut_short_by_a_crash_is_started_again()
    {
        var (name, bytes, _, _) = WriteLog(records: 1);
        for (var cut = 0; cut < WalFormat.SegmentHeaderBytes; cut++)
        {
            var disk = DiskWith(name, bytes.AsSpan(0, cut));
            var replay = WalReader.Read(disk);
            Assert.Empty(replay.Records);
            Assert.Equal(WalStopReason.TornRecord, replay.StopReason);

            using (var log = WriteAheadLog.Open(Options(), disk))
            {
                Assert.Equal(1, log.Append(Key(7), Value(7)));
            }

            var reopened = WalReader.Read(disk);
            Assert.Equal(WalStopReason.None, reopened.StopReason);
            Assert.Equal(new[] { $"1:Data:key-7={System.Text.Encoding.ASCII.GetString(Value(7))}" }, Describe(reopened.Records));
        }
    }

    [Fact]
    public void A_flipped_bit_anywhere_in_the_tail_stops_replay_at_the_damaged_record()
    {
        var (name, bytes, frameEnds, expected) = WriteLog(records: 4);
        var tailStart = frameEnds[1];
        for (var position = tailStart; position < bytes.Length; position++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var damaged = bytes.ToArray();
                damaged[position] ^= (byte)(1 << bit);
                var replay = WalReader.Read(DiskWith(name, damaged));

                var intactBefore = frameEnds.Count(end => end <= position) - 1;
                Assert.Equal(expected.Take(intactBefore), Describe(replay.Records));
                Assert.NotEqual(WalStopReason.None, replay.StopReason);
                Assert.Equal(frameEnds[intactBefore], replay.StopOffset);
            }
        }
    }

    [Fact]
    public void A_batch_without_its_commit_is_skipped_at_the_tail_and_in_the_middle()
    {
        var disk = new SimulatedDisk();
        using (var log = WriteAheadLog.Open(Options(), disk))
        {
            log.Append(Key(1), Value(1));
            log.AppendBatch(Batch(10, 2)); // sequences 2, 3, COMMIT 4
            log.Append(Key(5), Value(5));
        }

        var name = disk.ListSegments().Single();
        var bytes = disk.ReadAll(name);
        var frames = FrameEnds(bytes);

        // Drop the COMMIT (the third frame of the batch) from the middle: the batch is skipped, replay goes on.
        var middle = bytes[..frames[3]].Concat(bytes[frames[4]..]).ToArray();
        Assert.Equal(new long[] { 1, 5 }, WalReader.Read(DiskWith(name, middle)).Records.Select(r => r.Sequence));

        // Cut the log inside the batch, before its COMMIT: the batch is skipped at the tail.
        var tail = bytes[..frames[3]];
        var replay = WalReader.Read(DiskWith(name, tail));
        Assert.Equal(new long[] { 1 }, replay.Records.Select(r => r.Sequence));
        Assert.Equal(WalStopReason.None, replay.StopReason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Power_loss_keeps_every_acknowledged_record_and_no_half_batch(int seed)
    {
        var random = new Random(seed);
        var disk = new SimulatedDisk();
        var acknowledged = new List<string>();
        for (var cycle = 0; cycle < 30; cycle++)
        {
            // The log is never disposed: power fails under it, as in a real crash.
            var log = WriteAheadLog.Open(Options(SyncMode.Sync, segmentBytes: 4096), disk);
            {
                var operations = random.Next(1, 40);
                for (var op = 0; op < operations; op++)
                {
                    var choice = random.Next(10);
                    if (choice < 6)
                    {
                        var sequence = log.Append(Key(op), new byte[random.Next(0, 300)]);
                        acknowledged.Add($"{sequence}:Data");
                    }
                    else if (choice < 8)
                    {
                        var batch = Batch(op * 100, random.Next(1, 5));
                        var commit = log.AppendBatch(batch);
                        acknowledged.AddRange(Enumerable.Range(0, batch.Length).Select(i => $"{commit - batch.Length + i}:BatchData"));
                    }
                    else if (choice < 9)
                    {
                        acknowledged.Add($"{log.Checkpoint("state"u8)}:Checkpoint");
                    }
                    else
                    {
                        var replayed = WalReader.Read(disk).Records;
                        var cutoff = replayed.Count > 0 ? replayed[replayed.Count / 2].Sequence : 0;
                        log.TruncateBefore(cutoff);
                        acknowledged.RemoveAll(a => long.Parse(a.Split(':')[0]) < FirstSequenceOnDisk(disk));
                    }
                }

                // Sometimes an append right before the power fails: acknowledged, so it must survive.
                if (random.Next(2) == 0)
                {
                    log.Append(Key(-1), new byte[50]);
                    acknowledged.Add($"{WalReader.Read(disk).LastSequence}:Data");
                }
            }

            disk.LosePower();
            var replay = WalReader.Read(disk);
            Assert.Equal(WalStopReason.None, replay.StopReason);
            Assert.Equal(acknowledged, replay.Records.Select(r => $"{r.Sequence}:{r.Type}"));
        }
    }

    private static long FirstSequenceOnDisk(SimulatedDisk disk) =>
        WalReader.SortedSegments(disk).First().FirstSequence;

    private static (string Name, byte[] Bytes, int[] FrameEnds, List<string> Expected) WriteLog(int records)
    {
        var disk = new SimulatedDisk();
        using (var log = WriteAheadLog.Open(Options(), disk))
        {
            for (var i = 1; i <= records; i++)
            {
                log.Append(Key(i), Value(i));
            }
        }

        var name = disk.ListSegments().Single();
        var bytes = disk.ReadAll(name);
        return (name, bytes, FrameEnds(bytes), Describe(WalReader.Read(disk).Records));
    }

    // frameEnds[0] is the end of the segment header; frameEnds[i] the end of the i-th record.
    private static int[] FrameEnds(byte[] bytes)
    {
        var ends = new List<int> { WalFormat.SegmentHeaderBytes };
        while (ends[^1] < bytes.Length)
        {
            ends.Add(ends[^1] + WalFormat.FrameHeaderBytes + BitConverter.ToInt32(bytes, ends[^1] + 4));
        }

        return ends.ToArray();
    }

    private static SimulatedDisk DiskWith(string name, ReadOnlySpan<byte> bytes)
    {
        var disk = new SimulatedDisk();
        using (var file = disk.Create(name))
        {
            file.Append(bytes);
            file.Sync();
        }

        disk.SyncDirectory();
        return disk;
    }
}
