using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// The project's own method a path comes from (<c>GetBackupSavePath(name, 0)</c>, or a local declared with its call): the
/// files it names form one family, as a load trying each numbered backup in turn reads the backup a save moved its file to.
/// </summary>
internal static class PathMethods
{
    /// <summary>The source method whose call gives <paramref name="path"/>, directly or through a local's declaration; else null.</summary>
    public static IMethodSymbol? Of(IOperation path) =>
        ValueOf(path) is IInvocationOperation { TargetMethod: { DeclaringSyntaxReferences.IsEmpty: false, ReturnType.SpecialType: SpecialType.System_String } method }
            ? method.OriginalDefinition
            : null;

    /// <summary>What <paramref name="path"/> holds: a local declared with its value (<c>var next = Slot(name, i + 1)</c>) is that value.</summary>
    public static IOperation ValueOf(IOperation path) =>
        PassedParameters.ThroughLocals(path, SourceBodies.RootOf(path), locals: 1) ?? path;
}
