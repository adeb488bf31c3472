namespace Durability.Runtime.Wal;

/// <summary>Why replay stopped before the end of the log.</summary>
public enum WalStopReason
{
    /// <summary>It read the whole log.</summary>
    None,

    /// <summary>The last record is incomplete: a write cut short by a crash.</summary>
    TornRecord,

    /// <summary>A record failed its checks: CRC mismatch, impossible length, unknown type or out-of-order sequence.</summary>
    CorruptRecord,
}
