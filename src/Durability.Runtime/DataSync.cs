using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Durability.Runtime;

/// <summary>fdatasync(2) through libc on Linux: .NET itself never calls it.</summary>
internal static partial class DataSync
{
    public static void Sync(SafeFileHandle handle) => UnixDescriptorCall.Run(handle, FDataSync, "fdatasync");

#if NET7_0_OR_GREATER
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FDataSync(int descriptor);
#else
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static extern int FDataSync(int descriptor);
#endif
}
