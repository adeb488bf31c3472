using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Durability.Runtime.Wal;
using Xunit.Abstractions;

namespace Durability.PowerLoss.Tests;

/// <summary>
/// The log on a disk that fills up mid-append: the caller gets a clear exception, the log is poisoned, nothing
/// acknowledged is lost, and once space is freed the log reopens, replays everything acknowledged and appends again.
/// </summary>
public sealed class DiskFullTests
{
    private readonly ITestOutputHelper _output;

    public DiskFullTests(ITestOutputHelper output) => _output = output;

    [SkippableFact]
    public void Running_out_of_space_poisons_the_log_and_loses_nothing_acknowledged()
    {
        using var disk = SmallDisk.MountOrSkip(kibibytes: 512);
        var ballast = Path.Combine(disk.MountPath, "ballast");
        File.WriteAllBytes(ballast, new byte[128 * 1024]);
        var directory = Path.Combine(disk.MountPath, "wal");
        var options = new WalOptions(directory) { SyncMode = SyncMode.Sync, SegmentBytes = 64 * 1024 };
        var acknowledged = new List<long>();
        var value = new byte[1000];

        IOException? failure = null;
        var log = WriteAheadLog.Open(options);
        for (var n = 0; n < 10_000 && failure is null; n++)
        {
            try
            {
                acknowledged.Add(log.Append(Encoding.ASCII.GetBytes($"k{n}"), value));
            }
            catch (IOException e)
            {
                failure = e;
            }
        }

        Assert.NotNull(failure);
        _output.WriteLine($"{acknowledged.Count} records acknowledged before: {failure.Message} / {failure.InnerException?.Message}");
        Assert.Contains("accepts no more writes", failure.Message);
        Assert.NotNull(failure.InnerException);
        Assert.Same(failure, Assert.Throws<IOException>(() => log.Append("later"u8, value)));
        Assert.Same(failure, Assert.Throws<IOException>(() => log.Checkpoint("state"u8)));
        log.Dispose();

        // Free space, reopen: everything acknowledged is replayed, in order, and the log takes appends again.
        File.Delete(ballast);
        using (var reopened = WriteAheadLog.Open(options))
        {
            Assert.Equal(acknowledged.Max() + 1, reopened.Append("after"u8, "space freed"u8));
        }

        var replay = WriteAheadLog.Replay(directory);
        var data = replay.Records.Where(r => r.Type == WalRecordType.Data).Select(r => r.Sequence).ToList();
        Assert.Equal(acknowledged.Append(acknowledged.Max() + 1), data);
    }
}
