using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using Durability.Testing;

namespace Durability.PowerLoss.Tests;

/// <summary>
/// A LazyFS mount in a fresh temp folder: built once per machine with ../shared/tools/lazyfs/build.sh, mounted on
/// creation, unmounted and deleted on Dispose whatever happened. <see cref="PowerCut"/> drops every byte not fsynced.
/// LazyFS loses file data only, not directory entries.
/// </summary>
internal sealed class LazyFs : IDisposable
{
    private static readonly Lazy<string> Binary = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _home;
    private readonly string _fifo;
    private readonly string _log;
    private readonly Process _process;
    private int _cuts;

    private LazyFs()
    {
        _home = Path.Combine(Path.GetTempPath(), "lazyfs-" + Guid.NewGuid().ToString("N"));
        MountPath = Path.Combine(_home, "mnt");
        var backing = Path.Combine(_home, "root");
        _fifo = Path.Combine(_home, "faults.fifo");
        _log = Path.Combine(_home, "out.log");
        Directory.CreateDirectory(MountPath);
        Directory.CreateDirectory(backing);
        var config = Path.Combine(_home, "config.toml");
        File.WriteAllText(config, $"""
            [faults]
            fifo_path="{_fifo}"
            [cache]
            apply_eviction=false
            [cache.simple]
            custom_size="512mb"
            blocks_per_page=1
            [filesystem]
            log_all_operations=false
            logfile="{Path.Combine(_home, "lazyfs.log")}"
            """);

        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec '{Binary.Value}' '{MountPath}' --config-path '{config}' -o allow_other -o modules=subdir -o subdir='{backing}' -f > '{_log}' 2>&1");
        _process = Process.Start(start)!;
        if (!WaitUntil(IsMounted, TimeSpan.FromSeconds(20)))
        {
            Dispose();
            throw new InvalidOperationException($"LazyFS did not mount in 20 s: {ReadLog()}");
        }
    }

    /// <summary>The folder whose files live in LazyFS's cache until fsynced.</summary>
    public string MountPath { get; }

    /// <summary>Why LazyFS cannot run here, or null when it can.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "LazyFS needs Linux.";
        }

        if (Environment.UserName != "root")
        {
            return "LazyFS needs root to mount FUSE with allow_other.";
        }

        if (!File.Exists("/dev/fuse"))
        {
            return "LazyFS needs /dev/fuse.";
        }

        return File.Exists(BuildScript) ? null : $"LazyFS's build script is missing: {BuildScript}.";
    }

    /// <summary>Mounts a fresh LazyFS; skips the test when it cannot run, or fails it when CI=true.</summary>
    public static LazyFs MountOrSkip()
    {
        if (Unavailable() is { } reason)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("CI=true, so the power-loss tests must run, but " + reason);
            }

            Skip.If(true, reason);
        }

        return new LazyFs();
    }

    /// <summary>A power cut: everything not fsynced is dropped from LazyFS's cache.</summary>
    public void PowerCut()
    {
        _cuts++;
        File.WriteAllText(_fifo, "lazyfs::clear-cache\n");
        if (!WaitUntil(() => CountInLog("cache is cleared") >= _cuts, TimeSpan.FromSeconds(20)))
        {
            throw new InvalidOperationException($"LazyFS did not clear its cache in 20 s: {ReadLog()}");
        }
    }

    public void Dispose()
    {
        if (IsMounted())
        {
            Run("umount", "-l", MountPath);
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string BuildScript => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "tools", "lazyfs", "build.sh"));

    private static string Build()
    {
        // Test assemblies run in parallel, and on a fresh machine each would start the build and delete the other's
        // half-built tree: one build at a time, the later one finding the binary built.
        // The script prints the binary's path last on its standard output; what apt-get and the compiler say on a fresh
        // machine goes to its standard error, and must not be taken for the path.
        var (status, output, errors) = File.Exists("/usr/bin/flock")
            ? RunApart("/usr/bin/flock", Path.Combine(Path.GetTempPath(), "lazyfs-build.lock"), "/bin/bash", BuildScript)
            : RunApart("/bin/bash", BuildScript);
        var binary = output.Trim().Split('\n')[^1].Trim();
        if (status != 0 || !File.Exists(binary))
        {
            throw new InvalidOperationException($"Building LazyFS failed ({status}): {output}{errors}");
        }

        return binary;
    }

    private bool IsMounted() => File.ReadAllText("/proc/mounts").Contains(" " + MountPath + " ", StringComparison.Ordinal);

    private int CountInLog(string text)
    {
        var log = ReadLog();
        var count = 0;
        for (var at = log.IndexOf(text, StringComparison.Ordinal); at >= 0; at = log.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private string ReadLog()
    {
        try
        {
            using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return condition();
    }

    private static (int Status, string Output) Run(string program, params string[] arguments)
    {
        var (status, output, errors) = RunApart(program, arguments);
        return (status, output + errors);
    }

    private static (int Status, string Output, string Errors) RunApart(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
