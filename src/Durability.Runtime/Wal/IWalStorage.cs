using System;
using System.Collections.Generic;

namespace Durability.Runtime.Wal;

/// <summary>
/// The file layer under the log: one folder of segment files. It exists so tests can put a simulated disk
/// underneath that loses, on "power loss", everything not fsynced and every directory entry not made durable.
/// </summary>
internal interface IWalStorage
{
    /// <summary>The segment files' names, in no particular order.</summary>
    IReadOnlyList<string> ListSegments();

    /// <summary>Creates a new, empty segment; fails if it exists.</summary>
    IWalSegmentFile Create(string name);

    /// <summary>Opens an existing segment to append to it.</summary>
    IWalSegmentFile OpenForAppend(string name);

    /// <summary>Reads a whole segment into <paramref name="buffer"/>, growing it when too small; returns the segment's length.</summary>
    int ReadInto(string name, ref byte[] buffer);

    void Delete(string name);

    /// <summary>Makes creations and deletions of segments durable (a directory fsync).</summary>
    void SyncDirectory();
}

/// <summary>A segment open for appending.</summary>
internal interface IWalSegmentFile : IDisposable
{
    long Length { get; }

    /// <summary>Writes at the end, to the OS (no buffering in the process).</summary>
    void Append(ReadOnlySpan<byte> bytes);

    /// <summary>fsync.</summary>
    void Sync();

    /// <summary>Cuts the file to <paramref name="length"/> bytes (a torn tail).</summary>
    void Truncate(long length);
}
