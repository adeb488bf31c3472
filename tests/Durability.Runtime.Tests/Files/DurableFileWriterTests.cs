using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Durability.Runtime.Files;

namespace Durability.Runtime.Tests.Files;

/// <summary>
/// DurableFile's protocols on a file system that can show every state a power cut leaves: after a cut at any step,
/// and with any prefix of the unsynced directory changes on disk, a replaced file is all old or all new, and an
/// append is all there or not at all. The same harness catches the temp-then-rename without fsync.
/// </summary>
public sealed class DurableFileWriterTests
{
    private static readonly string Directory = Path.GetFullPath("/data");
    private static readonly string Target = Path.Combine(Directory, "MANIFEST");
    private static readonly byte[] Old = Encoding.ASCII.GetBytes("old manifest, version 1");
    private static readonly byte[] New = Encoding.ASCII.GetBytes("new manifest, version 2, longer than the old one");

    [Fact]
    public void A_power_cut_at_any_step_of_a_replace_leaves_the_old_or_the_new_contents()
    {
        var disk = Disk();
        var outcomes = Record(disk, () => new DurableFileWriter(disk).Replace(Target, stream => stream.Write(New)));

        Assert.All(outcomes, contents => Assert.True(IsOld(contents) || IsNew(contents), Describe(contents)));
        Assert.Contains(outcomes, IsOld);
        Assert.Contains(outcomes, IsNew);
        Assert.Equal(New, disk.Read(Target));
        Assert.All(disk.AfterPowerCut(Target), contents => Assert.Equal(New, contents));
        Assert.Equal(new[] { Target }, disk.Paths);
        Assert.Equal(new[] { "CreateNew", "Fsync", "Replace", "SyncDirectory" }, disk.Calls);
    }

    [Fact]
    public async Task A_power_cut_at_any_step_of_an_async_replace_leaves_the_old_or_the_new_contents()
    {
        var disk = Disk();
        var outcomes = new List<byte[]?>();
        disk.Stepped += () => outcomes.AddRange(disk.AfterPowerCut(Target));

        await new DurableFileWriter(disk).ReplaceAsync(Target, (stream, ct) => stream.WriteAsync(New, ct).AsTask(), CancellationToken.None);

        Assert.All(outcomes, contents => Assert.True(IsOld(contents) || IsNew(contents), Describe(contents)));
        Assert.All(disk.AfterPowerCut(Target), contents => Assert.Equal(New, contents));
        Assert.Equal(new[] { Target }, disk.Paths);
    }

    [Fact]
    public void The_harness_finds_the_empty_file_that_a_rename_without_fsync_can_leave()
    {
        var disk = Disk();
        var outcomes = Record(disk, () =>
        {
            var temp = Target + ".tmp";
            using (var stream = disk.CreateNew(temp))
            {
                stream.Write(New);
            }

            disk.Replace(temp, Target);
            disk.SyncDirectory(Directory);
        });

        Assert.Contains(outcomes, contents => contents is { Length: 0 });
    }

    [Theory]
    [InlineData("CreateNew")]
    [InlineData("Fsync")]
    [InlineData("Replace")]
    public void A_replace_that_fails_before_the_rename_leaves_the_old_file_and_no_temp_file(string failingCall)
    {
        var disk = Disk();
        disk.FailingCall = failingCall;

        var error = Assert.Throws<IOException>(() => new DurableFileWriter(disk).Replace(Target, stream => stream.Write(New)));

        Assert.Contains(failingCall, error.Message);
        Assert.Equal(Old, disk.Read(Target));
        Assert.Equal(new[] { Target }, disk.Paths);
    }

    [Fact]
    public void A_replace_whose_writer_throws_leaves_the_old_file_and_no_temp_file()
    {
        var disk = Disk();

        Assert.Throws<InvalidOperationException>(() => new DurableFileWriter(disk).Replace(Target, _ => throw new InvalidOperationException("serializer failed")));

        Assert.Equal(Old, disk.Read(Target));
        Assert.Equal(new[] { Target }, disk.Paths);
    }

    [Fact]
    public async Task A_cancelled_async_replace_leaves_the_old_file_and_no_temp_file()
    {
        var disk = Disk();
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DurableFileWriter(disk).ReplaceAsync(
            Target,
            async (stream, ct) =>
            {
                await stream.WriteAsync(New, ct);
                cancellation.Cancel();
                ct.ThrowIfCancellationRequested();
            },
            cancellation.Token));

        Assert.Equal(Old, disk.Read(Target));
        Assert.Equal(new[] { Target }, disk.Paths);
    }

    [Fact]
    public void A_power_cut_at_any_step_of_an_append_leaves_all_of_it_or_none()
    {
        var disk = Disk();
        var outcomes = Record(disk, () => new DurableFileWriter(disk).Append(Target, stream => stream.Write(New)));

        var appended = Old.Concat(New).ToArray();
        Assert.All(outcomes, contents => Assert.True(IsOld(contents) || (contents is not null && contents.SequenceEqual(appended)), Describe(contents)));
        Assert.All(disk.AfterPowerCut(Target), contents => Assert.Equal(appended, contents));
    }

    [Fact]
    public void An_append_that_creates_the_file_makes_its_entry_durable()
    {
        var disk = new PowerCutFileSystem();
        var outcomes = Record(disk, () => new DurableFileWriter(disk).Append(Target, stream => stream.Write(New)));

        Assert.All(outcomes, contents => Assert.True(contents is null || contents.Length == 0 || IsNew(contents), Describe(contents)));
        Assert.All(disk.AfterPowerCut(Target), contents => Assert.Equal(New, contents));
        Assert.Equal("SyncDirectory", disk.Calls.Last());
    }

    private static PowerCutFileSystem Disk()
    {
        var disk = new PowerCutFileSystem();
        disk.AddDurableFile(Target, Old);
        return disk;
    }

    // Every contents the target can have after a power cut before the first step, between any two, and after the last.
    private static List<byte[]?> Record(PowerCutFileSystem disk, Action run)
    {
        var outcomes = new List<byte[]?>(disk.AfterPowerCut(Target));
        disk.Stepped += () => outcomes.AddRange(disk.AfterPowerCut(Target));
        run();
        return outcomes;
    }

    private static bool IsOld(byte[]? contents) => contents is not null && contents.SequenceEqual(Old);

    private static bool IsNew(byte[]? contents) => contents is not null && contents.SequenceEqual(New);

    private static string Describe(byte[]? contents) => contents is null ? "missing" : $"'{Encoding.ASCII.GetString(contents)}'";
}
