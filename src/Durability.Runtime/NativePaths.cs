#if !NET7_0_OR_GREATER
using System.Text;

namespace Durability.Runtime;

/// <summary>Paths as Unix system calls take them: UTF-8, NUL-terminated (netstandard2.0 has no UTF-8 string marshalling).</summary>
internal static class NativePaths
{
    public static byte[] Utf8(string path) => Encoding.UTF8.GetBytes(path + "\0");
}
#endif
