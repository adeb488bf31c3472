using System.Runtime.InteropServices;

namespace Durability.Runtime;

/// <summary>Which operating system this is, on every target framework (OperatingSystem.IsLinux is .NET 5+).</summary>
internal static class Platform
{
    public static bool IsWindows { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    public static bool IsLinux { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

    public static bool IsMacOS { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
}
