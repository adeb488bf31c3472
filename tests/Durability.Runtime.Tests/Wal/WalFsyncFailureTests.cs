using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Durability.Runtime.Wal;
using static Durability.Runtime.Tests.Wal.WalTestData;

namespace Durability.Runtime.Tests.Wal;

/// <summary>
/// What DUR005 asks of user code, the log does itself: after a failed fsync it never retries and never
/// acknowledges again, since the kernel may have dropped the data the fsync failed to write.
/// </summary>
public sealed class WalFsyncFailureTests
{
    [Theory]
    [InlineData(SyncMode.Sync)]
    [InlineData(SyncMode.Batch)]
    public async Task After_a_failed_fsync_nothing_is_acknowledged_and_nothing_is_fsynced_again(SyncMode mode)
    {
        var disk = new SimulatedDisk();
        var log = WriteAheadLog.Open(Options(mode, batchSyncCount: 2), disk);
        var acknowledged = new[] { log.Append(Key(1), Value(1)), log.Append(Key(2), Value(2)), log.Checkpoint("state"u8) };
        var syncsBeforeFailure = disk.FileSyncs;

        disk.FailNextFileSync = true;
        var failure = Assert.Throws<IOException>(() => log.AppendBatch(Batch(3, 2)));

        // Every later call fails with the same poison, sync or async, and none of them fsyncs.
        Assert.Same(failure, Assert.Throws<IOException>(() => log.Append(Key(5), Value(5))));
        Assert.Same(failure, await Assert.ThrowsAsync<IOException>(() => log.AppendAsync(Key(6), Value(6))));
        Assert.Same(failure, Assert.Throws<IOException>(() => log.AppendBatch(Batch(7, 2))));
        Assert.Same(failure, Assert.Throws<IOException>(() => log.Checkpoint("later"u8)));
        Assert.Same(failure, Assert.Throws<IOException>(() => log.TruncateBefore(2)));
        Assert.Equal(syncsBeforeFailure, disk.FileSyncs);
        log.Dispose();
        Assert.Equal(syncsBeforeFailure, disk.FileSyncs);

        // After a power cut the log holds what was acknowledged before the failure, and nothing from after it.
        disk.LosePower();
        var replay = WalReader.Read(disk);
        Assert.Equal(acknowledged, replay.Records.Select(record => record.Sequence));
    }
}
