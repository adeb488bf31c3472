namespace Durability.Analyzers.Model;

/// <summary>How a call puts contents into a file.</summary>
internal enum FileWriteKind
{
    /// <summary>Opens the file for writing: a FileStream, a StreamWriter over a path, File.Create, FileInfo.OpenWrite...</summary>
    Stream,

    /// <summary>File.WriteAll* or File.AppendAll*: writes and closes the file, and cannot fsync it.</summary>
    WholeFile,

    /// <summary>A method declared in source that writes the file whose path it is given.</summary>
    Helper,

    /// <summary>
    /// A method with no body to read (a library's, an interface's) given the path, named for writing to it
    /// (WriteTo, Save, Download, Extract, Export, CopyTo...): taken to write it, and not to fsync it.
    /// </summary>
    Library,
}
