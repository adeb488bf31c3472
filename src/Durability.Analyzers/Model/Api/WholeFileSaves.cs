using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// Library calls that create or empty a file at a path, write it whole and close it with no fsync, as
/// <c>File.WriteAll*</c> does: <c>XDocument.Save(path)</c>, <c>XElement.Save(path)</c>, <c>XmlDocument.Save(path)</c>
/// (a settings or records file kept as XML), <c>DataSet.WriteXml(path)</c>, <c>ZipArchiveEntry.ExtractToFile(path)</c>, and the destination of
/// <c>File.Copy</c> and <c>FileInfo.CopyTo</c>.
/// </summary>
internal static class WholeFileSaves
{
    /// <summary>True for an XML document's <c>Save</c> to a file path.</summary>
    public static bool IsXmlSaveToPath(IMethodSymbol method) =>
        method.Name == "Save" && method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_String &&
        IsXmlDocument(method.ContainingType);

    /// <summary>True for the XML document types that save to and load from a path: XDocument, XElement, XStreamingElement, XmlDocument.</summary>
    public static bool IsXmlDocument(INamedTypeSymbol? type) =>
        type is not null &&
        (type.Name is "XDocument" or "XElement" or "XStreamingElement" && IsNamespace(type.ContainingNamespace, "Linq", "Xml") ||
         type.Name == "XmlDocument" && IsNamespace(type.ContainingNamespace, "Xml", "System"));

    /// <summary>
    /// True for <c>DataSet.WriteXml(path)</c> and <c>DataTable.WriteXml(path)</c> (and their schema writes): an ADO.NET
    /// table kept as an XML file (a server's user or domain table), written whole and closed with no fsync.
    /// </summary>
    public static bool IsDataSetWriteXmlToPath(IMethodSymbol method) =>
        method.Name is "WriteXml" or "WriteXmlSchema" && method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_String &&
        method.ContainingType is { Name: "DataSet" or "DataTable" } type && IsNamespace(type.ContainingNamespace, "Data", "System");

    /// <summary>True for a document saved whole to the path in its first parameter: an XML document's Save, a data set's WriteXml.</summary>
    public static bool IsDocumentSaveToPath(IMethodSymbol method) => IsXmlSaveToPath(method) || IsDataSetWriteXmlToPath(method);

    /// <summary>
    /// True for <c>entry.ExtractToFile(path)</c>: a zip entry written out to a file and closed with no fsync (a restore of
    /// settings or a library from a backup archive). Its path is the second parameter, after the entry.
    /// </summary>
    public static bool IsZipExtractToFile(IMethodSymbol method) =>
        method.Name == "ExtractToFile" && method.ContainingType is { Name: "ZipFileExtensions" } type &&
        IsNamespace(type.ContainingNamespace, "Compression", "IO");

    /// <summary>True for a call that writes a whole file at a path and cannot fsync it: an XML save, a zip entry extracted, or a copy.</summary>
    public static bool IsWholeFileSave(Call call, FileApiModel files) =>
        IsDocumentSaveToPath(call.Method) || IsZipExtractToFile(call.Method) || CopiesThenDeletes.IsCopy(call, files);

    // System.Xml.Linq: namespace Linq inside Xml inside System; System.Xml: Xml inside System; System.IO.Compression.
    internal static bool IsNamespace(INamespaceSymbol? space, string name, string parent) =>
        space is not null && space.Name == name && space.ContainingNamespace is { } outer && outer.Name == parent &&
        (parent == "System" ? outer.ContainingNamespace is { IsGlobalNamespace: true } : outer.ContainingNamespace is { Name: "System" });
}
