using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// P/Invoke declarations, read one way for every rule: a static extern method with [DllImport], or a static partial
/// method with [LibraryImport] (either part of it), and the native function it names (EntryPoint, else its own name).
/// </summary>
internal static class NativeImports
{
    /// <summary>The native function <paramref name="method"/> imports, or null when it is not an import.</summary>
    public static string? EntryPointOf(IMethodSymbol method)
    {
        // Only extern and partial methods can be imports; their attributes are read only then.
        if (!method.IsStatic || !(method.IsExtern || method.IsPartialDefinition || method.PartialDefinitionPart is not null))
        {
            return null;
        }

        var declaration = method.PartialDefinitionPart ?? method;
        string? entryPoint = null;
        foreach (var attribute in declaration.GetAttributes())
        {
            if (!IsImportAttribute(attribute.AttributeClass))
            {
                continue;
            }

            entryPoint = declaration.Name;
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "EntryPoint" && named.Value.Value is string name)
                {
                    entryPoint = name;
                }
            }
        }

        return entryPoint;
    }

    // [DllImport] or [LibraryImport] of System.Runtime.InteropServices, not a project's attribute of the same name.
    private static bool IsImportAttribute(INamedTypeSymbol? attribute) =>
        attribute is { Name: "DllImportAttribute" or "LibraryImportAttribute" } &&
        attribute.ContainingNamespace is { Name: "InteropServices", ContainingNamespace: { Name: "Runtime", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };
}
