using System;
using System.IO;
using System.Reflection;
using System.Runtime.Versioning;
using System.Text;
using Durability.PowerLoss.Tests;

namespace Durability.Runtime.NetStandard.Tests;

/// <summary>
/// These tests run the netstandard2.0 build, whose fsyncs go through P/Invoke (fsync, F_FULLFSYNC, FlushFileBuffers,
/// rename, MoveFileEx) instead of .NET 8's APIs; on LazyFS they show the fsyncs reach the disk.
/// </summary>
public sealed class NetStandardBuildTests
{
    [Fact]
    public void The_runtime_under_test_is_the_netstandard_build()
    {
        var framework = typeof(Fsync).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
        Assert.Equal(".NETStandard,Version=v2.0", framework);
        Assert.Null(typeof(Fsync).Assembly.GetType("Durability.Runtime.Wal.WriteAheadLog"));
    }

    [SkippableFact]
    public void Fsynced_fsynced_by_path_and_durably_replaced_files_survive_a_power_cut_and_flushed_ones_do_not()
    {
        using var lazyFs = LazyFs.MountOrSkip();
        var fsynced = Path.Combine(lazyFs.MountPath, "fsynced");
        var flushed = Path.Combine(lazyFs.MountPath, "flushed");
        var replaced = Path.Combine(lazyFs.MountPath, "replaced");
        var payload = Encoding.ASCII.GetBytes(new string('x', 10_000));

        using (var stream = new FileStream(fsynced, FileMode.Create, FileAccess.Write))
        {
            stream.Write(payload, 0, payload.Length);
            Fsync.File(stream);
        }

        using (var stream = new FileStream(flushed, FileMode.Create, FileAccess.Write))
        {
            stream.Write(payload, 0, payload.Length);
            stream.Flush();
        }

        var written = Path.Combine(lazyFs.MountPath, "written");
        File.WriteAllText(written, "whole");
        Fsync.File(written);

        DurableFile.WriteAllText(replaced, "version 1");
        DurableFile.WriteAllText(replaced, "version 2");
        Fsync.Directory(lazyFs.MountPath);

        lazyFs.PowerCut();

        Assert.Equal(payload, File.ReadAllBytes(fsynced));
        Assert.Equal("version 2", File.ReadAllText(replaced));
        Assert.Equal("whole", File.ReadAllText(written));
        Assert.NotEqual(payload.Length, new FileInfo(flushed).Length);
    }
}
