using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Durability.Runtime.Wal;
using FASTER.core;

namespace Durability.Benchmarks;

/// <summary>One way of making a 100-byte record durable; each benchmark cell measures one.</summary>
internal interface IDurableAppender : IAsyncDisposable
{
    ValueTask AppendAsync(byte[] record);
}

/// <summary>The device limit: write + fdatasync on one file, one writer (P/Invoke; .NET never calls fdatasync).</summary>
internal sealed partial class RawFdatasyncAppender : IDurableAppender
{
    private readonly FileStream _file;

    public RawFdatasyncAppender(string directory) =>
        _file = new FileStream(Path.Combine(directory, "raw.log"), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);

    public ValueTask AppendAsync(byte[] record)
    {
        _file.Write(record);
        if (FDataSync((int)_file.SafeFileHandle.DangerousGetHandle()) != 0)
        {
            throw new IOException("fdatasync failed: errno " + Marshal.GetLastPInvokeError());
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FDataSync(int descriptor);
}

/// <summary>What people write first: FileStream.Write + Flush(true) under a lock.</summary>
internal sealed class LockedFlushAppender : IDurableAppender
{
    private readonly FileStream _file;
    private readonly object _gate = new();

    public LockedFlushAppender(string directory) =>
        _file = new FileStream(Path.Combine(directory, "naive.log"), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 4096);

    public ValueTask AppendAsync(byte[] record)
    {
        lock (_gate)
        {
            _file.Write(record);
            _file.Flush(flushToDisk: true);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}

/// <summary>Durability.Runtime's WriteAheadLog in a given mode (Sync: group commit; Batch: every N appends).</summary>
internal sealed class RuntimeWalAppender : IDurableAppender
{
    private readonly WriteAheadLog _log;
    private static readonly byte[] Key = "k"u8.ToArray();

    public RuntimeWalAppender(string directory, SyncMode mode) =>
        _log = WriteAheadLog.Open(new WalOptions(directory) { SyncMode = mode, BatchSyncCount = 100, SegmentBytes = 1L << 30 });

    public long FsyncCount => _log.FsyncCount;

    public ValueTask AppendAsync(byte[] record)
    {
        _log.Append(Key, record);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _log.DisposeAsync();
}

/// <summary>
/// FasterLog 2.6.5 on a local disk device: FastCommitMode (which needs per-entry checksums) and AutoCommit,
/// each writer awaiting EnqueueAndWaitForCommitAsync, the fastest commit path its documentation describes.
/// </summary>
internal sealed class FasterLogAppender : IDurableAppender
{
    private readonly IDevice _device;
    private readonly FasterLog _log;

    public FasterLogAppender(string directory)
    {
        _device = Devices.CreateLogDevice(Path.Combine(directory, "faster.log"));
        _log = new FasterLog(new FasterLogSettings
        {
            LogDevice = _device,
            LogCommitDir = Path.Combine(directory, "commits"),
            FastCommitMode = true,
            LogChecksum = LogChecksumType.PerEntry,
            AutoCommit = true,
            MemorySize = 1L << 26,
            PageSize = 1L << 20,
            SegmentSize = 1L << 30,
        });
    }

    public async ValueTask AppendAsync(byte[] record) => await _log.EnqueueAndWaitForCommitAsync(record).ConfigureAwait(false);

    public ValueTask DisposeAsync()
    {
        _log.Dispose();
        _device.Dispose();
        return ValueTask.CompletedTask;
    }
}
