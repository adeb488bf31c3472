using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Durability.Runtime;

/// <summary>The error code a P/Invoke declared with SetLastError left (errno on Unix), and its text.</summary>
internal static class NativeErrors
{
    public const int Interrupted = 4; // EINTR on Linux and macOS.

    public static int Last() =>
#if NET6_0_OR_GREATER
        Marshal.GetLastPInvokeError();
#else
        Marshal.GetLastWin32Error();
#endif

    public static string Describe(int error) =>
#if NET7_0_OR_GREATER
        Marshal.GetPInvokeErrorMessage(error);
#else
        new Win32Exception(error).Message;
#endif
}
