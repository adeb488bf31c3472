using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// A name for "the file this expression denotes", to match a write, a reopen, an fsync helper and a rename of
/// one file within a method: a FileInfo stands for its path, and FullName, new FileInfo(p) and
/// Path.GetFullPath(p) all name the file p names.
/// </summary>
internal static class FilePathKey
{
    private const int MaxDepth = 4;

    public static string Of(IOperation path)
    {
        var current = FileApiModel.StripConversions(path) ?? path;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            var inner = current switch
            {
                IPropertyReferenceOperation { Property.Name: "FullName", Instance: { } info } when IsFileInfo(info.Type) => info,
                IObjectCreationOperation { Arguments.Length: 1 } creation when IsFileInfo(creation.Type) => creation.Arguments[0].Value,
                IInvocationOperation { TargetMethod.Name: "GetFullPath", TargetMethod.ContainingType.Name: "Path", Arguments.Length: 1 } full => full.Arguments[0].Value,
                _ => null,
            };

            if (inner is null)
            {
                break;
            }

            current = FileApiModel.StripConversions(inner) ?? inner;
        }

        return DirectoryKeys.Normalize(current);
    }

    /// <summary>The key a path parameter of a summarised helper has inside the helper.</summary>
    public static string OfParameter(IParameterSymbol parameter) => DirectoryKeys.KeyOfVariable(parameter)!;

    /// <summary>True when <paramref name="method"/> takes a path (a string or a FileInfo).</summary>
    public static bool HasPathParameter(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (IsPathType(parameter.Type))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsPathType(ITypeSymbol? type) =>
        type is not null && (type.SpecialType == SpecialType.System_String || IsFileInfo(type));

    private static bool IsFileInfo(ITypeSymbol? type) =>
        type?.Name == "FileInfo" && type.ContainingNamespace?.ToDisplayString() == "System.IO";
}
