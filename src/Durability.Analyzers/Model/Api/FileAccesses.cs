namespace Durability.Analyzers.Model;

/// <summary>The values of System.IO.FileAccess, as constants reach the analyzers.</summary>
internal static class FileAccesses
{
    public const int Read = 1;
    public const int Write = 2;

    /// <summary>True when <paramref name="access"/> allows writing.</summary>
    public static bool Writes(int access) => (access & Write) != 0;
}
