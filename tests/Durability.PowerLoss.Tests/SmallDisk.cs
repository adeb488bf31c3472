using System;
using System.Diagnostics;
using System.IO;

namespace Durability.PowerLoss.Tests;

/// <summary>A tmpfs of a few hundred KiB in a fresh temp folder, for running out of space; unmounted and deleted on Dispose.</summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path, int kibibytes)
    {
        MountPath = path;
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={kibibytes}k", "tmpfs", path);
    }

    public string MountPath { get; }

    /// <summary>Mounts the disk; skips without root, or fails when CI=true.</summary>
    public static SmallDisk MountOrSkip(int kibibytes)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            const string Reason = "Mounting a small tmpfs needs Linux and root.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("CI=true, so the disk-full test must run, but: " + Reason);
            }

            Skip.If(true, Reason);
        }

        return new SmallDisk(Path.Combine(Path.GetTempPath(), "small-disk-" + Guid.NewGuid().ToString("N")), kibibytes);
    }

    public void Dispose()
    {
        Run("umount", "-l", MountPath);
        Directory.Delete(MountPath);
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {error}");
        }
    }
}
