using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;

namespace Durability.PowerLoss.Tests;

/// <summary>Runs a writer program, collects the lines it prints, and kills it with SIGKILL.</summary>
internal static class KilledWriter
{
    /// <summary>Runs Durability.PowerLoss.Writer with <paramref name="arguments"/>; see <see cref="RunAndKill(string, TimeSpan, string[])"/>.</summary>
    public static List<string> RunAndKill(TimeSpan runFor, params string[] arguments) =>
        RunAndKill(Path.Combine(AppContext.BaseDirectory, "Durability.PowerLoss.Writer.dll"), runFor, arguments);

    /// <summary>Starts the program, lets it run for <paramref name="runFor"/> after its first line, kills it and returns every line it printed.</summary>
    public static List<string> RunAndKill(string writer, TimeSpan runFor, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(writer);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var lines = new List<string>();
        var errors = new StringBuilder();
        using var firstLine = new ManualResetEventSlim();
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

            firstLine.Set();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!firstLine.Wait(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The writer printed nothing in 60 s. Its errors: {errors}");
        }

        Thread.Sleep(runFor);
        process.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no Dispose, no flush.
        process.WaitForExit();
        lock (lines)
        {
            return new List<string>(lines);
        }
    }
}
