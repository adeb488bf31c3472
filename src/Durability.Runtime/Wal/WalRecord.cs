using System;

namespace Durability.Runtime.Wal;

/// <summary>A record returned by replay.</summary>
/// <param name="Sequence">Its sequence number: strictly increasing through the log.</param>
/// <param name="Type"><see cref="WalRecordType.Data"/>, <see cref="WalRecordType.BatchData"/> (of a committed batch) or <see cref="WalRecordType.Checkpoint"/>.</param>
/// <param name="Key">The key; empty for a checkpoint.</param>
/// <param name="Value">The value, or a checkpoint's state.</param>
public sealed record WalRecord(long Sequence, WalRecordType Type, ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value);
