using System;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace Durability.Runtime;

/// <summary>
/// A libc call on the descriptor of a handle, the way every fsync here needs it: the handle kept alive for the
/// call, the call retried when a signal interrupts it (EINTR), and a failure thrown as an IOException with errno.
/// </summary>
internal static class UnixDescriptorCall
{
    /// <param name="handle">The open file.</param>
    /// <param name="call">The call on the descriptor; 0 is success, anything else failure with errno set.</param>
    /// <param name="name">The call's name, for the error message.</param>
    public static void Run(SafeFileHandle handle, Func<int, int> call, string name)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var descriptor = (int)handle.DangerousGetHandle();
            int result;
            do
            {
                result = call(descriptor);
            }
            while (result != 0 && NativeErrors.Last() == NativeErrors.Interrupted);

            if (result != 0)
            {
                var errno = NativeErrors.Last();
                throw new IOException($"{name} failed: {NativeErrors.Describe(errno)} (errno {errno}).", errno);
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
}
