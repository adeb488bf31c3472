using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// Library calls that create or empty a file at a path, write it whole and close it with no fsync, as
/// <c>File.WriteAll*</c> does: <c>XDocument.Save(path)</c>, <c>XElement.Save(path)</c>, <c>XmlDocument.Save(path)</c>
/// (a settings or records file kept as XML), and the destination of <c>File.Copy</c> and <c>FileInfo.CopyTo</c>.
/// </summary>
internal static class WholeFileSaves
{
    /// <summary>True for an XML document's <c>Save</c> to a file path.</summary>
    public static bool IsXmlSaveToPath(IMethodSymbol method) =>
        method.Name == "Save" && method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_String &&
        method.ContainingType is { } type &&
        (type.Name is "XDocument" or "XElement" or "XStreamingElement" && IsNamespace(type.ContainingNamespace, "Linq", "Xml") ||
         type.Name == "XmlDocument" && IsNamespace(type.ContainingNamespace, "Xml", "System"));

    /// <summary>True for a call that writes a whole file at a path and cannot fsync it: an XML save or a copy.</summary>
    public static bool IsWholeFileSave(Call call, FileApiModel files) =>
        IsXmlSaveToPath(call.Method) || CopiesThenDeletes.IsCopy(call, files);

    // System.Xml.Linq: namespace Linq inside Xml inside System; System.Xml: Xml inside System.
    private static bool IsNamespace(INamespaceSymbol? space, string name, string parent) =>
        space is not null && space.Name == name && space.ContainingNamespace is { } outer && outer.Name == parent &&
        (parent == "System" ? outer.ContainingNamespace is { IsGlobalNamespace: true } : outer.ContainingNamespace is { Name: "System" });
}
