using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// The System.IO types the rules know by name (Path, File, FileInfo, Directory, DirectoryInfo), told apart from a
/// project's own types of the same name by their namespace, without building its name.
/// </summary>
internal static class SystemIO
{
    /// <summary>True when <paramref name="type"/> is System.IO.<paramref name="name"/>.</summary>
    public static bool Is(ITypeSymbol? type, string name) =>
        type is not null && type.Name == name && IsSystemIONamespace(type.ContainingNamespace);

    /// <summary>True when <paramref name="type"/> is declared in System.IO.</summary>
    public static bool Declares(ITypeSymbol? type) => type is not null && IsSystemIONamespace(type.ContainingNamespace);

    /// <summary>True when <paramref name="method"/> is a method of System.IO.Path.</summary>
    public static bool IsPathMethod(IMethodSymbol? method) => method is not null && Is(method.ContainingType, "Path");

    /// <summary>True when <paramref name="method"/> is System.IO.Path.<paramref name="name"/>.</summary>
    public static bool IsPathMethod(IMethodSymbol? method, string name) => method is not null && method.Name == name && Is(method.ContainingType, "Path");

    private static bool IsSystemIONamespace(INamespaceSymbol? space) =>
        space is { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
}
