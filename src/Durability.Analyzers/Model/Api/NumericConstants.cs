using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// Reads compile-time constants as numbers without ever throwing: a constant can be a string, a char,
/// a bool, null, or a value of an unresolved type in code that does not compile yet.
/// </summary>
internal static class NumericConstants
{
    /// <summary>True when <paramref name="operation"/> is a numeric constant equal to zero (0, 0L, 0u, 0.0, '\0' excluded).</summary>
    public static bool IsZero(IOperation operation)
    {
        var constant = operation.ConstantValue;
        if (!constant.HasValue)
        {
            return false;
        }

        return constant.Value switch
        {
            int value => value == 0,
            long value => value == 0,
            uint value => value == 0,
            ulong value => value == 0,
            short value => value == 0,
            ushort value => value == 0,
            byte value => value == 0,
            sbyte value => value == 0,
            float value => value == 0,
            double value => value == 0,
            decimal value => value == 0,
            _ => false,
        };
    }
}
