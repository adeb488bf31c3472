using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// Methods whose bodies the analyzers cannot read (in a referenced library, or an interface's or abstract member) that
/// write a file at the path they are given, told by their names: <c>CopyNupkgFileToAsync(temp)</c>, <c>SaveAs(path)</c>,
/// <c>DownloadToFile(path)</c>. Nothing known to fsync is among them, so the file they write is taken as unsynced
/// when it is renamed into place.
/// </summary>
internal static class LibraryWrites
{
    private static readonly string[] WritingWords = { "Write", "Save", "Download", "Extract", "Export" };

    // How a parameter that takes a path is named: path, fileName, destinationFile, targetLocation, outputDir...
    private static readonly string[] PathParameterWords =
    {
        "Path", "File", "Filename", "Destination", "Dest", "Target", "Location", "Output", "Dir", "Directory", "Folder",
    };

    /// <summary>
    /// True for a method with no readable body whose name says it writes to a path it is given, and that takes a parameter
    /// named for a path: <c>Console.WriteLine(string value)</c> and a logger's <c>Write(string message)</c> write no file.
    /// </summary>
    public static bool WritesItsPath(IMethodSymbol method) =>
        NamedForWriting(method.Name) && !SourceBodies.CanSummarise(method) &&
        !FileApiModel.IsRuntimeMember(method) && !InSystemIO(method.ContainingType) && AnyPathParameter(method);

    /// <summary>True for a parameter of a path type (string, FileInfo) named for a path, or a FileInfo whatever its name.</summary>
    public static bool IsPathParameter(IParameterSymbol parameter) =>
        FileIdentity.IsPathType(parameter.Type) &&
        (parameter.Type.SpecialType != SpecialType.System_String || Configuration.NameWords.HasAnyWord(parameter.Name, PathParameterWords));

    private static bool AnyPathParameter(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (IsPathParameter(parameter))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for a method name that says it writes (Write, Save, Download, Extract, Export, Copy...To); no allocation.</summary>
    public static bool NamedForWriting(string name)
    {
        foreach (var word in WritingWords)
        {
            if (name.IndexOf(word, System.StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        // Copy...To(path) writes the path; Copy...From(path) reads it.
        return name.StartsWith("Copy", System.StringComparison.Ordinal) && name.IndexOf("To", 4, System.StringComparison.Ordinal) >= 0;
    }

    // System.IO's own methods are modelled one by one (FileWriteApiModel, DirectoryApiModel), not by their names.
    private static bool InSystemIO(INamedTypeSymbol? type) =>
        type?.ContainingNamespace is { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
}
