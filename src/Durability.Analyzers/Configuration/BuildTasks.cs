using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Configuration;

/// <summary>
/// MSBuild tasks (<c>Microsoft.Build.Framework.ITask</c>, or a class deriving from MSBuild's <c>Task</c> or <c>ToolTask</c>):
/// what they write is build output, which the next build makes again, like a report. A task that fsyncs still shows intent.
/// </summary>
internal static class BuildTasks
{
    public static bool Is(INamedTypeSymbol type)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.Name == "ITask" && IsMSBuildNamespace(implemented.ContainingNamespace))
            {
                return true;
            }
        }

        // A base type the build cannot resolve is told by its name: TaskExtension and ToolTaskExtension are MSBuild's own.
        for (var current = type.BaseType; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (current.Name is "Task" or "ToolTask" or "TaskExtension" or "ToolTaskExtension" &&
                (current.TypeKind == TypeKind.Error || IsMSBuildNamespace(current.ContainingNamespace)))
            {
                return true;
            }
        }

        return false;
    }

    // Microsoft.Build or any namespace under it.
    private static bool IsMSBuildNamespace(INamespaceSymbol? space)
    {
        for (var current = space; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            if (current.Name == "Build" && current.ContainingNamespace is { Name: "Microsoft", ContainingNamespace.IsGlobalNamespace: true })
            {
                return true;
            }
        }

        return false;
    }
}
