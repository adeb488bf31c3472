using System;

namespace Durability.Runtime;

/// <summary>Argument checks on every target framework (ArgumentNullException.ThrowIfNull is .NET 6+).</summary>
internal static class Guard
{
    public static void NotNull(object? value, string name)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name);
        }
    }

    public static void NotNullOrEmpty(string? value, string name)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name);
        }

        if (value.Length == 0)
        {
            throw new ArgumentException("The value cannot be an empty string.", name);
        }
    }
}
