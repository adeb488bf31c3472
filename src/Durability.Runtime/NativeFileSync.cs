using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Durability.Runtime;

/// <summary>
/// fsync of an open handle. On .NET 8 and later, RandomAccess.FlushToDisk (fsync on Linux, F_FULLFSYNC on macOS,
/// FlushFileBuffers on Windows). Where the runtime is older (netstandard2.0 on .NET Framework or .NET Core), the same
/// calls through P/Invoke; FileStream.Flush(true) there skips read-only streams and on macOS stops short of F_FULLFSYNC.
/// </summary>
internal static class NativeFileSync
{
    private const int FullFsync = 51; // F_FULLFSYNC on macOS.

    public static void FlushToDisk(SafeFileHandle handle)
    {
#if NET8_0_OR_GREATER
        RandomAccess.FlushToDisk(handle);
#else
        if (Platform.IsWindows)
        {
            if (!FlushFileBuffers(handle))
            {
                var error = NativeErrors.Last();
                throw new IOException($"FlushFileBuffers failed: {NativeErrors.Describe(error)} (error {error}).", error);
            }

            return;
        }

        // macOS's fsync stops at the drive's cache; F_FULLFSYNC asks the drive to write it out.
        UnixDescriptorCall.Run(handle, descriptor => Platform.IsMacOS ? Fcntl(descriptor, FullFsync) : Fsync(descriptor), "fsync");
#endif
    }

#if !NET8_0_OR_GREATER
    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int descriptor, int command);

    [DllImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool FlushFileBuffers(SafeFileHandle handle);
#endif
}
