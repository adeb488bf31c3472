using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Code that runs on Windows only: a member or type marked <c>[SupportedOSPlatform("windows")]</c>, or a branch under
/// <c>if (OperatingSystem.IsWindows())</c>. Windows has no directory fsync (NTFS journals its directory entries), so a
/// directory-entry change there needs none.
/// </summary>
internal static class WindowsOnlyCode
{
    /// <summary>True when <paramref name="symbol"/> or a type containing it is marked as supported on Windows only.</summary>
    public static bool IsMarked(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (IsMarkedItself(current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="symbol"/> itself, not its type, is marked as supported on Windows only.</summary>
    public static bool IsMarkedItself(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "SupportedOSPlatformAttribute" } &&
                attribute.ConstructorArguments.Length == 1 &&
                attribute.ConstructorArguments[0].Value is string platform &&
                platform.StartsWith("windows", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="operation"/> runs only where an enclosing <c>if</c> found the OS to be Windows.</summary>
    public static bool IsInWindowsBranch(IOperation operation) => StructuredPaths.IsInBranchWhere(operation, ChecksForWindows);

    // OperatingSystem.IsWindows(), and RuntimeInformation.IsOSPlatform(OSPlatform.Windows).
    private static bool ChecksForWindows(IOperation condition) => condition switch
    {
        IInvocationOperation { TargetMethod: { Name: "IsWindows", ContainingType.Name: "OperatingSystem" } } => true,
        IInvocationOperation { TargetMethod: { Name: "IsOSPlatform", ContainingType.Name: "RuntimeInformation" } } call =>
            call.Arguments.Length == 1 && call.Arguments[0].Value is IPropertyReferenceOperation { Property.Name: "Windows" },
        _ => false,
    };
}
