using System.IO;

namespace Durability.Runtime.Wal;

/// <summary>The log is damaged before its last segment, so it cannot be opened for appending without losing what follows the damage.</summary>
public sealed class WalCorruptedException : IOException
{
    internal WalCorruptedException(string message)
        : base(message)
    {
    }
}
