using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Durability.Runtime;

/// <summary>fdatasync(2) through libc on Linux: .NET itself never calls it.</summary>
internal static partial class DataSync
{

    public static void Sync(SafeFileHandle handle)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var descriptor = (int)handle.DangerousGetHandle();
            int result;
            do
            {
                result = FDataSync(descriptor);
            }
            while (result != 0 && NativeErrors.Last() == NativeErrors.Interrupted);

            if (result != 0)
            {
                var errno = NativeErrors.Last();
                throw new IOException($"fdatasync failed: {NativeErrors.Describe(errno)} (errno {errno}).", errno);
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

#if NET7_0_OR_GREATER
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FDataSync(int descriptor);
#else
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static extern int FDataSync(int descriptor);
#endif
}
