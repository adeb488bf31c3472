namespace Durability.Runtime.Wal;

/// <summary>When a <see cref="WriteAheadLog"/> fsyncs.</summary>
public enum SyncMode
{
    /// <summary>
    /// Every append is durable when it returns. Concurrent appenders share fsyncs (group commit): one
    /// leader writes and fsyncs everything queued behind it. The default.
    /// </summary>
    Sync,

    /// <summary>
    /// fsync after every <see cref="WalOptions.BatchSyncCount"/> appends. On power loss up to
    /// BatchSyncCount - 1 acknowledged appends can be lost; a process crash loses nothing acknowledged.
    /// Atomic batches, checkpoints, rotations and truncations always fsync, and every fsync restarts the count.
    /// </summary>
    Batch,

    /// <summary>
    /// Never fsync on append. Acknowledged appends survive a process crash (they reached the OS), not a
    /// power loss. Atomic batches and checkpoints still fsync.
    /// </summary>
    None,
}
