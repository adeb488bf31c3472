using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Durability.Analyzers.Model;

/// <summary>The simple name a type is spelled with, however it is qualified: what a syntax-only reading compares.</summary>
internal static class TypeSyntaxNames
{
    /// <summary><c>FileStream</c> for <c>FileStream</c>, <c>System.IO.FileStream</c> and <c>global::System.IO.FileStream</c>; null for an array, a tuple or a pointer.</summary>
    public static SimpleNameSyntax? Rightmost(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right,
        AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name,
        SimpleNameSyntax simple => simple,
        _ => null,
    };
}
