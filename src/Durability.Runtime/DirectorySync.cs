using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Durability.Runtime;

/// <summary>
/// fsync of a directory, which no .NET API offers: open(path, O_RDONLY) through libc, then
/// <see cref="NativeFileSync.FlushToDisk"/> on the descriptor (fsync on Linux, F_FULLFSYNC on macOS).
/// O_DIRECTORY is not passed because its value differs between x86-64, arm64 and macOS; the path
/// is checked to be a directory instead.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0; // O_RDONLY is 0 on Linux and macOS.

    // O_CLOEXEC keeps a concurrently started child process from inheriting the descriptor; its value differs.
    private static readonly int CloseOnExec = Platform.IsLinux ? 0x80000 : Platform.IsMacOS ? 0x1000000 : 0;

    public static void Sync(string directory)
    {
        if (Platform.IsWindows)
        {
            // No documented directory flush exists; NTFS journals metadata. See Fsync.Directory.
            if (!System.IO.Directory.Exists(directory))
            {
                throw new DirectoryNotFoundException($"Cannot fsync directory '{directory}': it does not exist.");
            }

            return;
        }

        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Cannot fsync directory '{directory}': it does not exist.");
        }

        int descriptor;
        do
        {
            descriptor = Open(directory, ReadOnly | CloseOnExec);
        }
        while (descriptor < 0 && NativeErrors.Last() == NativeErrors.Interrupted);

        if (descriptor < 0)
        {
            var errno = NativeErrors.Last();
            throw new IOException($"Cannot open directory '{directory}' to fsync it: {NativeErrors.Describe(errno)} (errno {errno}).", errno);
        }

        using var handle = new SafeFileHandle((IntPtr)descriptor, ownsHandle: true);
        try
        {
            NativeFileSync.FlushToDisk(handle);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"fsync of directory '{directory}' failed: {exception.Message}", exception);
        }
    }

    // open is variadic in C; only the fixed arguments are declared, so no mode is passed on the stack.
#if NET7_0_OR_GREATER
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);
#else
    private static int Open(string path, int flags) => Open(NativePaths.Utf8(path), flags);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);
#endif
}
