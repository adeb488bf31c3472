namespace Durability.Analyzers.Rules;

/// <summary>The diagnostic IDs of every Durability rule, in one place.</summary>
public static class RuleIdentifiers
{
    /// <summary>A flush that stops at the OS page cache where durability is intended.</summary>
    public const string FlushWithoutFsync = "DUR001";

    /// <summary>A file creation, rename or deletion whose directory entry is never fsynced.</summary>
    public const string UnsyncedDirectoryEntry = "DUR002";

    /// <summary>An fsync that leaves a batch-sync counter stale, or a reset of it without an fsync.</summary>
    public const string StaleBatchCounter = "DUR003";

    /// <summary>File contents published by a rename, or written whole, without ever being fsynced.</summary>
    public const string UnsyncedFileContents = "DUR004";

    /// <summary>An fsync whose failure is swallowed, retried or never checked.</summary>
    public const string LostFsyncFailure = "DUR005";
}
