using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// System.IO.Abstractions' <c>IFileSystem</c> mirrors System.IO: <c>fileSystem.File.Move(a, b)</c> is <c>File.Move(a, b)</c>
/// and <c>fileSystem.Directory.CreateDirectory(d)</c> is <c>Directory.CreateDirectory(d)</c>, with the same parameters.
/// The models read such a call as the System.IO method it mirrors: by symbol when the package is referenced
/// (IFile, IDirectory, FileBase, DirectoryBase), and by its spelling, <c>x.File.M(...)</c> or <c>x.Directory.M(...)</c>, when
/// the receiver's type is unknown because the project was compiled without the package.
/// </summary>
internal static class FileSystemAbstractions
{
    private const string Namespace = "System.IO.Abstractions";

    /// <summary>The System.IO.File or Directory method that <paramref name="method"/> of System.IO.Abstractions mirrors, or null.</summary>
    public static IMethodSymbol? SystemIOEquivalent(IMethodSymbol method, Compilation compilation)
    {
        var mirrored = method.ContainingType?.Name switch
        {
            "IFile" or "FileBase" or "FileWrapper" => "System.IO.File",
            "IDirectory" or "DirectoryBase" or "DirectoryWrapper" => "System.IO.Directory",
            _ => null,
        };
        if (mirrored is null || method.IsStatic || method.ContainingType!.ContainingNamespace?.ToDisplayString() != Namespace ||
            compilation.GetTypeByMetadataName(mirrored) is not { } type)
        {
            return null;
        }

        foreach (var member in type.GetMembers(method.Name))
        {
            if (member is IMethodSymbol { IsStatic: true } candidate && SameParameters(candidate, method))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// For an unbound <c>x.File.M(...)</c> or <c>x.Directory.M(...)</c> whose <c>x</c> has no known type: System.IO's File or
    /// Directory, whose methods named M are the call's candidates. Null for any other call.
    /// </summary>
    public static INamedTypeSymbol? MirroredTypeOfUnbound(IInvalidOperation call)
    {
        if (call.SemanticModel is not { } model ||
            call.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: MemberAccessExpressionSyntax accessor } } ||
            accessor.Name.Identifier.ValueText is not ("File" or "Directory") ||
            model.GetTypeInfo(accessor).Type is { TypeKind: not TypeKind.Error })
        {
            return null;
        }

        return model.Compilation.GetTypeByMetadataName("System.IO." + accessor.Name.Identifier.ValueText);
    }

    private static bool SameParameters(IMethodSymbol left, IMethodSymbol right)
    {
        if (left.Parameters.Length != right.Parameters.Length)
        {
            return false;
        }

        for (var ordinal = 0; ordinal < left.Parameters.Length; ordinal++)
        {
            if (!SymbolEqualityComparer.Default.Equals(left.Parameters[ordinal].Type, right.Parameters[ordinal].Type))
            {
                return false;
            }
        }

        return true;
    }
}
