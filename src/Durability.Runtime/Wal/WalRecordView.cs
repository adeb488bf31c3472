using System;

namespace Durability.Runtime.Wal;

/// <summary>A record handed to a <see cref="WalRecordHandler"/>: its bytes are valid only during the call.</summary>
public readonly ref struct WalRecordView
{
    internal WalRecordView(long sequence, WalRecordType type, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        Sequence = sequence;
        Type = type;
        Key = key;
        Value = value;
    }

    /// <summary>The record's sequence number.</summary>
    public long Sequence { get; }

    /// <summary>Data, BatchData (of a committed batch) or Checkpoint.</summary>
    public WalRecordType Type { get; }

    /// <summary>The key; copy it to keep it.</summary>
    public ReadOnlySpan<byte> Key { get; }

    /// <summary>The value; copy it to keep it.</summary>
    public ReadOnlySpan<byte> Value { get; }
}

/// <summary>Receives each replayed record in order; see <see cref="WriteAheadLog.Replay(string, WalRecordHandler)"/>.</summary>
public delegate void WalRecordHandler(in WalRecordView record);
