namespace Durability.Analyzers.Model;

/// <summary>What a call named Flush or FlushAsync does to durability.</summary>
internal enum FlushKind
{
    /// <summary>Not a flush of a stream or writer.</summary>
    None,

    /// <summary>Moves buffered bytes to the OS page cache only: Flush(), Flush(false), writer flushes.</summary>
    ToPageCache,

    /// <summary>FlushAsync: never fsyncs, on any stream.</summary>
    AsyncToPageCache,

    /// <summary>Flush(true), or Flush(flag) with a flag not known at compile time: an fsync, possibly conditional.</summary>
    ToDisk,
}
