namespace Durability.Runtime.Wal;

/// <summary>The kind of a record in the log. The values are part of the on-disk format.</summary>
public enum WalRecordType : byte
{
    /// <summary>A single appended key and value.</summary>
    Data = 1,

    /// <summary>A key and value of an atomic batch; valid only when the batch's COMMIT follows.</summary>
    BatchData = 2,

    /// <summary>Closes an atomic batch; its value holds the batch's record count.</summary>
    Commit = 3,

    /// <summary>A checkpoint; its value holds the caller's state.</summary>
    Checkpoint = 4,
}
