using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// One file as code names it, to tell when a write, a reopen, an fsync and a rename are of the same file: a FileInfo
/// stands for its path, and <c>info.FullName</c>, <c>new FileInfo(p)</c> and <c>Path.GetFullPath(p)</c> name the file
/// <c>p</c> names. A variable is known by its symbol's kind and name, a constant by its value, anything else by its code.
/// The directory a file lies in is <see cref="PathResolver.ParentOf"/>'s question, which follows the body's locals.
/// </summary>
internal readonly struct FileIdentity : IEquatable<FileIdentity>
{
    private const int MaxDepth = 4;

    private readonly string _key;

    private FileIdentity(string key) => _key = key;

    /// <summary>The file <paramref name="path"/> (a string or a FileInfo) names.</summary>
    public static FileIdentity Of(IOperation path)
    {
        var current = FileApiModel.StripConversions(path) ?? path;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            var inner = current switch
            {
                IPropertyReferenceOperation { Property.Name: "FullName", Instance: { } info } when IsFileInfo(info.Type) => info,
                IObjectCreationOperation { Arguments.Length: 1 } creation when IsFileInfo(creation.Type) => creation.Arguments[0].Value,
                IInvocationOperation { Arguments.Length: 1 } full when SystemIO.IsPathMethod(full.TargetMethod, "GetFullPath") => full.Arguments[0].Value,
                _ => null,
            };

            if (inner is null && current is ILocalReferenceOperation { Local: var local } reference && IsFileInfo(local.Type) &&
                KeyOfInfoLocal(local, reference) is { } infoKey)
            {
                return new FileIdentity(infoKey);
            }

            if (inner is null)
            {
                break;
            }

            current = FileApiModel.StripConversions(inner) ?? inner;
        }

        return new FileIdentity(PathKeys.Of(current));
    }

    // Asked for every comparison of a path: a FileInfo local's initializer is bound once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ILocalSymbol, System.Runtime.CompilerServices.StrongBox<string?>> InfoLocalKeys = new();

    // var newFile = new FileInfo(newPath); ... newFile.MoveTo(path): the local names the file its one initializer names.
    private static string? KeyOfInfoLocal(ILocalSymbol local, IOperation reference)
    {
        if (InfoLocalKeys.TryGetValue(local, out var known))
        {
            return known.Value;
        }

        var computed = new System.Runtime.CompilerServices.StrongBox<string?>(PathOfInfoLocal(local, reference) is { } path ? Of(path)._key : null);
        return InfoLocalKeys.GetValue(local, _ => computed).Value;
    }

    private static IOperation? PathOfInfoLocal(ILocalSymbol local, IOperation reference)
    {
        if (local.DeclaringSyntaxReferences.Length != 1 || reference.SemanticModel is not { } model ||
            local.DeclaringSyntaxReferences[0].GetSyntax() is not Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: var initial } declarator ||
            declarator.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        return model.GetOperation(initial) is { } value && (FileApiModel.StripConversions(value) ?? value) is IObjectCreationOperation { Arguments.Length: 1 } creation &&
               IsFileInfo(creation.Type)
            ? creation.Arguments[0].Value
            : null;
    }

    /// <summary>The file a path parameter of a summarised helper names inside the helper.</summary>
    public static FileIdentity OfParameter(IParameterSymbol parameter) => new(PathKeys.OfVariable(parameter)!);

    /// <summary>The file a local, parameter, field or property holding a path names; null for other symbols.</summary>
    public static FileIdentity? OfVariable(ISymbol variable) => PathKeys.OfVariable(variable) is { } key ? new FileIdentity(key) : null;

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

    /// <summary>True for the types a path is passed as: string and FileInfo.</summary>
    public static bool IsPathType(ITypeSymbol? type) =>
        type is not null && (type.SpecialType == SpecialType.System_String || IsFileInfo(type));

    public static bool operator ==(FileIdentity left, FileIdentity right) => left.Equals(right);

    public static bool operator !=(FileIdentity left, FileIdentity right) => !left.Equals(right);

    /// <summary>True when both name the same file.</summary>
    public bool Equals(FileIdentity other) => string.Equals(_key, other._key, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FileIdentity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _key is null ? 0 : StringComparer.Ordinal.GetHashCode(_key);

    /// <inheritdoc />
    public override string ToString() => _key;

    private static bool IsFileInfo(ITypeSymbol? type) =>
        SystemIO.Is(type, "FileInfo");
}
