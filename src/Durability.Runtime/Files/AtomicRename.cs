#if !NET8_0_OR_GREATER
using System.IO;
using System.Runtime.InteropServices;

namespace Durability.Runtime.Files;

/// <summary>
/// A rename that replaces its destination in one step, for runtimes whose File.Move cannot overwrite (netstandard2.0):
/// rename(2) on Unix, MoveFileEx with MOVEFILE_REPLACE_EXISTING on Windows. Deleting the destination first would
/// leave a moment with no file at all.
/// </summary>
internal static class AtomicRename
{
    private const int ReplaceExisting = 0x1;
    private const int WriteThrough = 0x8;

    public static void Replace(string source, string destination)
    {
        if (Platform.IsWindows)
        {
            if (!MoveFileEx(source, destination, ReplaceExisting | WriteThrough))
            {
                var error = NativeErrors.Last();
                throw new IOException($"Cannot rename '{source}' to '{destination}': {NativeErrors.Describe(error)} (error {error}).", error);
            }

            return;
        }

        int result;
        do
        {
            result = Rename(NativePaths.Utf8(source), NativePaths.Utf8(destination));
        }
        while (result != 0 && NativeErrors.Last() == NativeErrors.Interrupted);

        if (result != 0)
        {
            var errno = NativeErrors.Last();
            throw new IOException($"Cannot rename '{source}' to '{destination}': {NativeErrors.Describe(errno)} (errno {errno}).", errno);
        }
    }

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(byte[] source, byte[] destination);

    [DllImport("kernel32", EntryPoint = "MoveFileExW", SetLastError = true, CharSet = CharSet.Unicode)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool MoveFileEx(string source, string destination, int flags);
}
#endif
