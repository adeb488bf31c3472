using System;

namespace Durability.Analyzers.Model;

/// <summary>
/// The names of the calls that fsync, in one place: the runtime's <c>Fsync</c> methods, <c>RandomAccess.FlushToDisk</c>
/// and the native entry points. The models match symbols against them; the fsync evidence scan searches source text for
/// them before it binds anything.
/// </summary>
internal static class FsyncApiNames
{
    /// <summary><c>RandomAccess.FlushToDisk(handle)</c>, and <c>FileStream.Flush(flushToDisk: true)</c>'s parameter.</summary>
    public const string FlushToDisk = "FlushToDisk";

    /// <summary>Durability.Runtime's <c>Fsync</c> methods that fsync a file.</summary>
    public static bool IsRuntimeFileFsync(string name) => name is "File" or "FileAsync" or "FileData";

    /// <summary>Durability.Runtime's <c>Fsync</c> methods that fsync a directory.</summary>
    public static bool IsRuntimeDirectoryFsync(string name) => name is "Directory" or "ParentDirectory" or "ParentDirectoryEntry";

    /// <summary>Entry points of native imports that fsync: <c>fsync</c>, <c>fdatasync</c>, <c>fcntl</c> (F_FULLFSYNC), Windows' <c>FlushFileBuffers</c>.</summary>
    public static bool IsNativeEntryPoint(string? entryPoint) =>
        entryPoint is "fsync" or "fdatasync" or "fcntl" or "FlushFileBuffers" or "SystemNative_FSync";

    /// <summary>
    /// True when a call spelled <paramref name="name"/> may be an fsync, to be confirmed by binding: the exact API names,
    /// and native imports a project named like fsync (<c>NativeFsync</c>); "...Async" is not among them.
    /// </summary>
    public static bool MayNameFsync(string name) =>
        name is "Flush" or FlushToDisk or "fcntl" or "FlushFileBuffers" || IsRuntimeFileFsync(name) || IsRuntimeDirectoryFsync(name) ||
        name.EndsWith("fsync", StringComparison.OrdinalIgnoreCase) || name.EndsWith("fdatasync", StringComparison.OrdinalIgnoreCase);
}
