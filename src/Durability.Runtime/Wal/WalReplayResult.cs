using System.Collections.Generic;

namespace Durability.Runtime.Wal;

/// <summary>What replay found: the intact records in order, and where and why it stopped.</summary>
public sealed class WalReplayResult
{
    internal WalReplayResult(IReadOnlyList<WalRecord> records, long recordCount, WalStopReason stopReason, string? stopSegment, long stopOffset, string? stopDetail, long lastSequence, long validEnd)
    {
        Records = records;
        RecordCount = recordCount;
        StopReason = stopReason;
        StopSegment = stopSegment;
        StopOffset = stopOffset;
        StopDetail = stopDetail;
        LastSequence = lastSequence;
        ValidEnd = validEnd;
    }

    /// <summary>
    /// Single records, records of committed batches, and checkpoints, in sequence order. Batches without an intact
    /// COMMIT are left out. Empty when the records went to a <see cref="WalRecordHandler"/> instead.
    /// </summary>
    public IReadOnlyList<WalRecord> Records { get; }

    /// <summary>How many records replay returned: the length of <see cref="Records"/>, or the number handed to a <see cref="WalRecordHandler"/>.</summary>
    public long RecordCount { get; }

    /// <summary>Why replay stopped, or <see cref="WalStopReason.None"/> when it read the whole log.</summary>
    public WalStopReason StopReason { get; }

    /// <summary>The segment file where replay stopped, or null when it read everything.</summary>
    public string? StopSegment { get; }

    /// <summary>The byte offset in <see cref="StopSegment"/> of the first record not returned.</summary>
    public long StopOffset { get; }

    /// <summary>What was wrong there, in words.</summary>
    public string? StopDetail { get; }

    /// <summary>The highest sequence number of any intact record, committed or not; 0 for an empty log.</summary>
    public long LastSequence { get; }

    /// <summary>The end of the last intact record in the segment replay ended in.</summary>
    internal long ValidEnd { get; }

    /// <summary>The segment replay ended in (the stop segment, or the last segment).</summary>
    internal string? EndSegment { get; init; }

    /// <summary>True when the stop lies in the last segment, so cutting the tail there loses nothing intact after it.</summary>
    internal bool StoppedInLastSegment { get; init; }
}
