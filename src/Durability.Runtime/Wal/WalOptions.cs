using System;

namespace Durability.Runtime.Wal;

/// <summary>How a <see cref="WriteAheadLog"/> is laid out and synced.</summary>
public sealed record WalOptions
{
    /// <summary>The largest key, value or checkpoint state accepted, and so the largest length replay will believe.</summary>
    public const int MaxPayloadBytes = 64 << 20;

    /// <param name="directory">The folder that holds the log's segments; created when missing.</param>
    public WalOptions(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
    }

    /// <summary>The folder that holds the log's segment files.</summary>
    public string Directory { get; }

    /// <summary>When appends are fsynced. Default <see cref="SyncMode.Sync"/>.</summary>
    public SyncMode SyncMode { get; init; } = SyncMode.Sync;

    /// <summary>In <see cref="SyncMode.Batch"/>, the number of appends per fsync. Default 100.</summary>
    public int BatchSyncCount { get; init; } = 100;

    /// <summary>A segment that reaches this size is fsynced and closed, and the next one begins. Default 64 MiB.</summary>
    public long SegmentBytes { get; init; } = 64L << 20;

    internal void Validate()
    {
        if (BatchSyncCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSyncCount), BatchSyncCount, "BatchSyncCount must be at least 1.");
        }

        if (SegmentBytes < 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(SegmentBytes), SegmentBytes, "SegmentBytes must be at least 4096.");
        }

        if (!Enum.IsDefined(SyncMode))
        {
            throw new ArgumentOutOfRangeException(nameof(SyncMode), SyncMode, "Unknown sync mode.");
        }
    }
}
