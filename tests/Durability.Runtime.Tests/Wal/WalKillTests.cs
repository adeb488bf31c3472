using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Durability.Runtime.Wal;

namespace Durability.Runtime.Tests.Wal;

/// <summary>A writer process killed with SIGKILL at random moments loses nothing it acknowledged.</summary>
public sealed class WalKillTests : IDisposable
{
    private static readonly Regex Ack = new(@"^ack (?<sequence>\d+) (?<key>w\d+/\d+[ab]?)$", RegexOptions.CultureInvariant);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Killed_writers_lose_nothing_they_acknowledged()
    {
        const int Kills = 24;
        var random = new Random(20261123);
        var acknowledged = new List<(long Sequence, string Key)>();
        for (var kill = 0; kill < Kills; kill++)
        {
            var lines = RunAndKill($"w{kill}", TimeSpan.FromMilliseconds(random.Next(0, 200)));
            var acks = lines.Select(line => Ack.Match(line)).Where(m => m.Success).ToList();
            Assert.NotEmpty(acks);
            acknowledged.AddRange(acks.Select(m => (long.Parse(m.Groups["sequence"].Value), m.Groups["key"].Value)));

            var replay = WriteAheadLog.Replay(_directory.Path);
            Assert.NotEqual(WalStopReason.CorruptRecord, replay.StopReason);
            var replayed = replay.Records.Select(r => (r.Sequence, Encoding.ASCII.GetString(r.Key.Span))).ToList();

            // In order and once: sequences strictly increase and no key repeats.
            Assert.Equal(replayed.Select(r => r.Sequence).Distinct().OrderBy(s => s), replayed.Select(r => r.Sequence));
            Assert.Equal(replayed.Count, replayed.Select(r => r.Item2).Distinct().Count());

            // Everything acknowledged is there, under the sequence number it was acknowledged with.
            var missing = acknowledged.Except(replayed).ToList();
            Assert.True(missing.Count == 0, $"after kill {kill}, {missing.Count} acknowledged records are missing, first {missing.FirstOrDefault()}");
        }
    }

    private List<string> RunAndKill(string writer, TimeSpan delayAfterFirstAck)
    {
        var child = Path.Combine(AppContext.BaseDirectory, "Durability.Runtime.CrashChild.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { child, _directory.Path, writer })
        {
            start.ArgumentList.Add(argument);
        }

        var lines = new List<string>();
        using var firstAck = new ManualResetEventSlim();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(e.Data);
            }

            firstAck.Set();
        };
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => errors.AppendLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!firstAck.Wait(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The writer acknowledged nothing in 30 s. Its errors: {errors}");
        }

        Thread.Sleep(delayAfterFirstAck);
        process.Kill(entireProcessTree: true); // SIGKILL on Linux: no finally blocks, no Dispose.
        process.WaitForExit();
        lock (lines)
        {
            return new List<string>(lines);
        }
    }
}
