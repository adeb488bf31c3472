using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// System.Xml's writers opened on a path: <c>new XmlTextWriter(path, encoding)</c> and <c>XmlWriter.Create(path, settings)</c>
/// create or empty the file, as <c>new StreamWriter(path)</c> does, and close it with no fsync when they are disposed. They
/// do not expose their stream: Durability.Runtime's <c>Fsync.File(writer, path)</c> flushes one and fsyncs its file by path.
/// </summary>
internal static class XmlWriters
{
    /// <summary>True for System.Xml.XmlTextWriter or a subclass.</summary>
    public static bool IsTextWriter(ITypeSymbol? type) => IsOrDerivesFrom(type, "XmlTextWriter");

    /// <summary>True for System.Xml.XmlWriter or a subclass: what <c>Fsync.File(writer, path)</c> takes.</summary>
    public static bool IsWriter(ITypeSymbol? type) => IsOrDerivesFrom(type, "XmlWriter");

    /// <summary>True for XmlWriter.Create(string outputFileName, ...).</summary>
    public static bool IsCreateOnPath(IMethodSymbol method) =>
        method is { Name: "Create", IsStatic: true, ContainingType: { Name: "XmlWriter" } owner } &&
        method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_String &&
        WholeFileSaves.IsNamespace(owner.ContainingNamespace, "Xml", "System");

    private static bool IsOrDerivesFrom(ITypeSymbol? type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == name && WholeFileSaves.IsNamespace(current.ContainingNamespace, "Xml", "System"))
            {
                return true;
            }
        }

        return false;
    }
}
