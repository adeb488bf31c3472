using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Durability.Runtime.Wal;
using static Durability.Runtime.Tests.Wal.WalTestData;

namespace Durability.Runtime.Tests.Wal;

/// <summary>The log's contract: order, sequence numbers, batches, checkpoints, sync modes, errors.</summary>
public sealed class WriteAheadLogTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Appends_replay_in_order_with_increasing_sequences_across_reopen()
    {
        var options = new WalOptions(_directory.Path);
        using (var log = WriteAheadLog.Open(options))
        {
            Assert.Equal(1, log.Append(Key(1), Value(1)));
            Assert.Equal(2, await log.AppendAsync(Key(2), Value(2)));
        }

        using (var log = WriteAheadLog.Open(options))
        {
            Assert.Equal(3, log.Append(Key(3), Value(3)));
        }

        var replay = WriteAheadLog.Replay(_directory.Path);
        Assert.Equal(WalStopReason.None, replay.StopReason);
        Assert.Equal(
            new[] { "1:Data:key-1=value-1-b", "2:Data:key-2=value-2-cc", "3:Data:key-3=value-3-ddd" },
            Describe(replay.Records));
    }

    [Fact]
    public void Records_on_both_sides_of_the_corrected_checksum_size_replay_intact()
    {
        // Payloads under 1 KiB are checksummed under the lock; larger ones outside it, then corrected for their
        // sequence number. Both, singly and in batches, must replay byte for byte with valid checksums.
        var random = new Random(1130);
        var written = new List<(byte[] Key, byte[] Value)>();
        using (var log = WriteAheadLog.Open(new WalOptions(_directory.Path)))
        {
            foreach (var valueLength in new[] { 0, 1, 1010, 1011, 1012, 1013, 1014, 4096, 65_536, 1_000_003 })
            {
                var key = new byte[7];
                var value = new byte[valueLength];
                random.NextBytes(key);
                random.NextBytes(value);
                log.Append(key, value);
                written.Add((key, value));
            }

            var batch = written.Select(r => ((ReadOnlyMemory<byte>)r.Key, (ReadOnlyMemory<byte>)r.Value)).ToList();
            log.AppendBatch(batch);
            written.AddRange(written.ToList());
        }

        var replay = WriteAheadLog.Replay(_directory.Path);
        Assert.Equal(WalStopReason.None, replay.StopReason);
        var data = replay.Records.Where(r => r.Type is WalRecordType.Data or WalRecordType.BatchData).ToList();
        Assert.Equal(written.Count, data.Count);
        for (var i = 0; i < written.Count; i++)
        {
            Assert.True(written[i].Key.AsSpan().SequenceEqual(data[i].Key.Span), $"key of record {i}");
            Assert.True(written[i].Value.AsSpan().SequenceEqual(data[i].Value.Span), $"value of record {i}");
        }
    }

    [Fact]
    public void Atomic_batch_and_checkpoint_replay_with_their_records()
    {
        using (var log = WriteAheadLog.Open(new WalOptions(_directory.Path)))
        {
            log.Append(Key(1), Value(1));
            Assert.Equal(5, log.AppendBatch(Batch(10, 3))); // records 2, 3, 4 and the COMMIT 5
            Assert.Equal(6, log.Checkpoint("state"u8));
        }

        Assert.Equal(
            new[] { "1:Data:key-1=value-1-b", "2:BatchData:key-10=value-10-kkkkkkkkkk", "3:BatchData:key-11=value-11-lllllllllll", "4:BatchData:key-12=value-12-mmmmmmmmmmmm", "6:Checkpoint:=state" },
            Describe(WriteAheadLog.Replay(_directory.Path).Records));
    }

    [Fact]
    public void Streaming_replay_delivers_what_list_replay_returns_across_segments_batches_and_a_torn_tail()
    {
        var options = new WalOptions(_directory.Path) { SegmentBytes = 4096 };
        using (var log = WriteAheadLog.Open(options))
        {
            for (var i = 0; i < 400; i++)
            {
                if (i % 10 == 9)
                {
                    log.AppendBatch(Batch(i * 100, 3));
                }
                else
                {
                    log.Append(Key(i), Value(i));
                }
            }
        }

        var last = Directory.GetFiles(_directory.Path, "*.wal").OrderBy(f => f, StringComparer.Ordinal).Last();
        using (var file = new FileStream(last, FileMode.Open))
        {
            file.SetLength(file.Length - 3);
        }

        var listed = WriteAheadLog.Replay(_directory.Path);
        var streamed = new List<string>();
        var summary = WriteAheadLog.Replay(_directory.Path, (in WalRecordView r) =>
            streamed.Add($"{r.Sequence}:{r.Type}:{Encoding.ASCII.GetString(r.Key)}={Encoding.ASCII.GetString(r.Value)}"));

        Assert.True(Directory.GetFiles(_directory.Path, "*.wal").Length > 3);
        Assert.Equal(Describe(listed.Records), streamed);
        Assert.Equal(listed.Records.Count, summary.RecordCount);
        Assert.Empty(summary.Records);
        Assert.Equal(WalStopReason.TornRecord, summary.StopReason);
        Assert.Equal(listed.StopOffset, summary.StopOffset);
        Assert.Equal(listed.StopSegment, summary.StopSegment);
    }

    [Fact]
    public void Batch_mode_counts_fsyncs_exactly_and_every_fsync_restarts_the_count()
    {
        var disk = new SimulatedDisk();
        using var log = WriteAheadLog.Open(Options(SyncMode.Batch, batchSyncCount: 100), disk);
        var before = log.FsyncCount;
        for (var i = 0; i < 50; i++)
        {
            log.Append(Key(i), Value(i));
        }

        log.AppendBatch(Batch(1000, 2));
        for (var i = 0; i < 50; i++)
        {
            log.Append(Key(i), Value(i));
        }

        Assert.Equal(1, log.FsyncCount - before); // the batch, not a second one after 50 more appends

        log.Checkpoint("c"u8);
        for (var i = 0; i < 99; i++)
        {
            log.Append(Key(i), Value(i));
        }

        Assert.Equal(2, log.FsyncCount - before);
        log.Append(Key(0), Value(0)); // the 100th since the checkpoint
        Assert.Equal(3, log.FsyncCount - before);
    }

    [Fact]
    public void Rotation_fsyncs_the_old_segment_syncs_the_directory_and_restarts_the_count()
    {
        var disk = new SimulatedDisk();
        using var log = WriteAheadLog.Open(Options(SyncMode.Batch, batchSyncCount: 50, segmentBytes: 4096), disk);
        var fsyncs = log.FsyncCount;
        var directorySyncs = disk.DirectorySyncs;
        var appends = 0;
        while (disk.ListSegments().Count == 1)
        {
            log.Append(Key(appends), new byte[100]);
            appends++;
        }

        Assert.InRange(appends, 21, 49); // rotation came before the batch count
        Assert.Equal(fsyncs + 1, log.FsyncCount);
        Assert.Equal(directorySyncs + 1, disk.DirectorySyncs);

        // Had rotation left the count at its value, these would reach 50 and fsync.
        for (var i = 0; i < 30; i++)
        {
            log.Append(Key(i), new byte[100]);
        }

        Assert.Equal(2, disk.ListSegments().Count);
        Assert.Equal(fsyncs + 1, log.FsyncCount);
    }

    [Fact]
    public void Sync_mode_fsyncs_every_append_and_None_mode_never()
    {
        var syncDisk = new SimulatedDisk();
        using (var log = WriteAheadLog.Open(Options(SyncMode.Sync), syncDisk))
        {
            var before = log.FsyncCount;
            for (var i = 0; i < 10; i++)
            {
                log.Append(Key(i), Value(i));
            }

            Assert.Equal(10, log.FsyncCount - before);
        }

        var noneDisk = new SimulatedDisk();
        using (var log = WriteAheadLog.Open(Options(SyncMode.None), noneDisk))
        {
            var before = log.FsyncCount;
            for (var i = 0; i < 10; i++)
            {
                log.Append(Key(i), Value(i));
            }

            Assert.Equal(0, log.FsyncCount - before);
            log.AppendBatch(Batch(0, 2));
            Assert.Equal(1, log.FsyncCount - before);
        }
    }

    [Fact]
    public async Task Concurrent_appenders_share_fsyncs_and_every_record_is_present_once()
    {
        var disk = new SimulatedDisk();
        const int Writers = 16, PerWriter = 200;
        var log = WriteAheadLog.Open(Options(SyncMode.Sync), disk);
        var before = log.FsyncCount;
        var sequences = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var mine = new List<long>();
            for (var i = 0; i < PerWriter; i++)
            {
                mine.Add(i % 2 == 0 ? log.Append(Key(w * 1000 + i), Value(i)) : await log.AppendAsync(Key(w * 1000 + i), Value(i)));
            }

            return mine;
        })));
        var fsyncs = log.FsyncCount - before;
        log.Dispose();

        var all = sequences.SelectMany(s => s).OrderBy(s => s).ToList();
        Assert.Equal(Enumerable.Range(1, Writers * PerWriter).Select(i => (long)i), all);
        Assert.True(fsyncs <= Writers * PerWriter, $"{fsyncs} fsyncs");
        var replay = WalReader.Read(disk);
        Assert.Equal(all, replay.Records.Select(r => r.Sequence));
    }

    [Fact]
    public void Opening_a_large_log_reads_it_without_keeping_it_in_memory()
    {
        var disk = new SimulatedDisk();
        var options = Options(SyncMode.None, segmentBytes: 64 * 1024);
        using (var log = WriteAheadLog.Open(options, disk))
        {
            for (var i = 1; i <= 4_000; i++)
            {
                log.Append(Key(i), new byte[1000]);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var reopened = WriteAheadLog.Open(options, disk))
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            // About 4 MB of records in 64 KiB segments: a copy of the log would allocate megabytes, one reused buffer a little.
            Assert.True(allocated < 1_000_000, $"opening allocated {allocated:N0} bytes");
            Assert.Equal(4_001, reopened.Append(Key(4_001), Value(4_001)));
        }
    }

    [Fact]
    public void A_failed_fsync_poisons_the_log()
    {
        var disk = new SimulatedDisk();
        var log = WriteAheadLog.Open(Options(SyncMode.Sync), disk);
        log.Append(Key(1), Value(1));
        disk.FailNextFileSync = true;

        var first = Assert.Throws<IOException>(() => log.Append(Key(2), Value(2)));
        Assert.Contains("accepts no more writes", first.Message);
        Assert.Equal("simulated EIO from fsync", first.InnerException!.Message);
        Assert.Same(first, Assert.Throws<IOException>(() => log.Append(Key(3), Value(3))));
        Assert.Throws<IOException>(() => log.Checkpoint("x"u8));
        log.Dispose();
        log.Dispose();
    }

    [Fact]
    public void Oversized_or_empty_input_is_rejected_before_anything_is_written()
    {
        var disk = new SimulatedDisk();
        using var log = WriteAheadLog.Open(Options(), disk);
        var huge = new byte[WalOptions.MaxPayloadBytes];
        Assert.Throws<ArgumentException>(() => log.Append(new byte[1], huge));
        Assert.Throws<ArgumentException>(() => log.AppendBatch(Array.Empty<(ReadOnlyMemory<byte>, ReadOnlyMemory<byte>)>()));
        Assert.Throws<ArgumentException>(() => log.AppendBatch(new[] { ((ReadOnlyMemory<byte>)huge, ReadOnlyMemory<byte>.Empty), ((ReadOnlyMemory<byte>)new byte[1], ReadOnlyMemory<byte>.Empty) }));
        Assert.Empty(WalReader.Read(disk).Records);
        Assert.Equal(1, log.Append(Key(1), Value(1)));
    }

    [Fact]
    public void Dispose_is_idempotent_makes_data_durable_and_later_use_throws()
    {
        var disk = new SimulatedDisk();
        var log = WriteAheadLog.Open(Options(SyncMode.Batch), disk);
        log.Append(Key(1), Value(1));
        log.Dispose();
        log.Dispose();
        Assert.Throws<ObjectDisposedException>(() => log.Append(Key(2), Value(2)));
        disk.LosePower();
        Assert.Single(WalReader.Read(disk).Records);
    }

    [Fact]
    public void Truncation_removes_segments_before_a_checkpoint_and_syncs_the_directory()
    {
        var disk = new SimulatedDisk();
        using var log = WriteAheadLog.Open(Options(segmentBytes: 4096), disk);
        for (var i = 0; i < 200; i++)
        {
            log.Append(Key(i), new byte[100]);
        }

        var checkpoint = log.Checkpoint("applied up to 200"u8);
        var segments = disk.ListSegments().Count;
        var directorySyncs = disk.DirectorySyncs;
        var removed = log.TruncateBefore(checkpoint);

        Assert.Equal(segments - 1, removed);
        Assert.Equal(directorySyncs + 1, disk.DirectorySyncs);
        disk.LosePower();
        var replay = WalReader.Read(disk);
        Assert.Equal(WalStopReason.None, replay.StopReason);
        Assert.Equal(checkpoint, replay.Records[^1].Sequence);
        Assert.All(replay.Records.SkipLast(1), r => Assert.True(r.Sequence < checkpoint));
    }

    [Fact]
    public void A_corrupt_length_field_stops_replay_without_a_huge_allocation()
    {
        var disk = new SimulatedDisk();
        using (var log = WriteAheadLog.Open(Options(), disk))
        {
            log.Append(Key(1), Value(1));
            log.Append(Key(2), Value(2));
        }

        var name = disk.ListSegments().Single();
        var bytes = disk.ReadAll(name);
        var second = WalFormat.SegmentHeaderBytes + WalFormat.FrameBytes(Key(1).Length, Value(1).Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(second + 4), int.MaxValue);
        var damaged = new SimulatedDisk();
        using (var file = damaged.Create(name))
        {
            file.Append(bytes);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var replay = WalReader.Read(damaged);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(WalStopReason.CorruptRecord, replay.StopReason);
        Assert.Equal(second, replay.StopOffset);
        Assert.Equal($"impossible payload length {int.MaxValue}", replay.StopDetail);
        Assert.Single(replay.Records);
        Assert.True(allocated < 1 << 20, $"replay allocated {allocated} bytes");
    }

    [Fact]
    public void Damage_before_the_last_segment_refuses_to_open_with_a_clear_message()
    {
        var disk = new SimulatedDisk();
        using (var log = WriteAheadLog.Open(Options(segmentBytes: 4096), disk))
        {
            for (var i = 0; i < 100; i++)
            {
                log.Append(Key(i), new byte[100]);
            }
        }

        var first = disk.ListSegments().OrderBy(n => n, StringComparer.Ordinal).First();
        var bytes = disk.ReadAll(first);
        bytes[WalFormat.SegmentHeaderBytes + 20] ^= 0x40;
        disk.Delete(first);
        using (var file = disk.Create(first))
        {
            file.Append(bytes);
        }

        var error = Assert.Throws<WalCorruptedException>(() => WriteAheadLog.Open(Options(), disk));
        Assert.Contains($"segment {first} at offset {WalFormat.SegmentHeaderBytes}: CRC mismatch", error.Message);
    }
}
