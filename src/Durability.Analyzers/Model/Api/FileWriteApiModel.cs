using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Which .NET calls write a file's contents, and on which path: FileStream and StreamWriter constructors,
/// File.Create/CreateText/AppendText/OpenWrite/Open/OpenHandle, the FileInfo equivalents, and
/// File.WriteAll*/AppendAll*, which write and close the file and so can never fsync it.
/// A mode or access not known at compile time is not taken for a write.
/// </summary>
internal sealed class FileWriteApiModel
{
    private readonly FileApiModel _files;
    private readonly INamedTypeSymbol? _streamWriter;
    private readonly INamedTypeSymbol? _fileAccess;

    public FileWriteApiModel(Compilation compilation, FileApiModel files)
    {
        _files = files;
        _streamWriter = compilation.GetTypeByMetadataName("System.IO.StreamWriter");
        _fileAccess = compilation.GetTypeByMetadataName("System.IO.FileAccess");
    }

    public FileApiModel Files => _files;

    /// <summary>Words a whole-file write or a rename of a file spells: a body without them has neither.</summary>
    public static readonly string[] WholeWriteOrRenameWords = { "WriteAll", "AppendAll", "Move", "Replace" };

    /// <summary>
    /// Words an opening for writing spells: one that empties a file (File.Create, FileMode.Create, FileMode.Truncate, new
    /// StreamWriter), appends (FileMode.Append, File.AppendText), or writes in place (File.OpenWrite, FileMode.OpenOrCreate).
    /// </summary>
    public static readonly string[] RewriteWords = { "Create", "Truncate", "StreamWriter", "Append", "OpenWrite", "FileMode", "FileStreamOptions", "XmlTextWriter" };

    /// <summary>True for File.WriteAll* and File.AppendAll*, sync and async.</summary>
    public bool IsWholeFileWrite(IMethodSymbol method) =>
        Is(method.ContainingType, _files.File) &&
        (method.Name.StartsWith("WriteAll", System.StringComparison.Ordinal) || method.Name.StartsWith("AppendAll", System.StringComparison.Ordinal));

    /// <summary>The write <paramref name="operation"/> makes, if it opens a file for writing or writes one whole.</summary>
    public FileWrite? ClassifyWrite(IOperation operation)
    {
        if (!ReadOpening(operation, out var call))
        {
            return null;
        }

        if (IsWholeFileWrite(call.Method))
        {
            return call.ArgumentFor(0) is { } written
                ? new FileWrite(FileWriteKind.WholeFile, operation, written, durable: false)
                : null;
        }

        // File.Copy(source, destination) and source.CopyTo(destination) write the destination and close it with no fsync,
        // as File.WriteAll* does.
        if (Is(call.Method.ContainingType, _files.File) && call.Method.Name == "Copy")
        {
            return call.ArgumentFor(1) is { } destination
                ? new FileWrite(FileWriteKind.Library, operation, destination, durable: false)
                : null;
        }

        if (Is(call.Method.ContainingType, _files.FileInfo) && call.Method.Name == "CopyTo")
        {
            return call.ArgumentFor(0) is { Type.SpecialType: SpecialType.System_String } copy
                ? new FileWrite(FileWriteKind.Library, operation, copy, durable: false)
                : null;
        }

        return OpenedPath(call, out var writes) is { } path && writes
            ? new FileWrite(FileWriteKind.Stream, operation, path, durable: operation is IObjectCreationOperation or IInvocationOperation && _files.ClassifyValue(operation).Kind == StreamOriginKind.WriteThroughFile)
            : null;
    }

    /// <summary>
    /// How <paramref name="operation"/> empties the file it opens, as the code says it (<c>FileMode.Create</c>,
    /// <c>File.CreateText</c>, <c>new StreamWriter(path)</c>...); null when it opens none, or keeps the contents
    /// (Append, Open, OpenOrCreate, OpenWrite), or takes a mode not known at compile time.
    /// </summary>
    public string? TruncatingOpening(IOperation operation)
    {
        if (!ReadOpening(operation, out var call))
        {
            return null;
        }

        var method = call.Method;
        if (call.CreatedType is { } created)
        {
            if (method.Parameters.Length == 0 || method.Parameters[0].Type.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            if (_files.IsFileStream(created))
            {
                return TruncatingMode(call);
            }

            if (XmlWriters.IsTextWriter(created))
            {
                return "new XmlTextWriter(path)";
            }

            // new StreamWriter(path) and new StreamWriter(path, append: false) empty the file; other overloads are not read.
            if (FileApiModel.DerivesFrom(created, _streamWriter))
            {
                foreach (var parameter in method.Parameters)
                {
                    if (parameter.Ordinal > 0 && parameter.Type.SpecialType != SpecialType.System_Boolean &&
                        !(parameter.Type.SpecialType is SpecialType.System_Int32 || parameter.Type.Name == "Encoding"))
                    {
                        return null;
                    }

                    if (parameter.Type.SpecialType == SpecialType.System_Boolean &&
                        call.ArgumentFor(parameter.Ordinal)?.ConstantValue is not { HasValue: true, Value: false })
                    {
                        return null;
                    }
                }

                return "new " + created.Name + "(path)";
            }

            return null;
        }

        if (XmlWriters.IsCreateOnPath(method))
        {
            return "XmlWriter.Create(path)";
        }

        if (Is(method.ContainingType, _files.File) || Is(method.ContainingType, _files.FileInfo))
        {
            var owner = method.ContainingType!.Name;
            return method.Name switch
            {
                "Create" or "CreateText" => owner + "." + method.Name,
                "Open" => TruncatingMode(call),
                _ => null,
            };
        }

        return null;
    }

    // FileMode.Create or FileMode.Truncate, as a constant argument.
    private string? TruncatingMode(Call call) =>
        call.ArgumentOfType(_files.FileMode, out _)?.ConstantValue is { HasValue: true, Value: int mode }
            ? mode switch
            {
                FileModes.Create => "FileMode.Create",
                FileModes.Truncate => "FileMode.Truncate",
                _ => null,
            }
            : null;

    /// <summary>The path a stream or handle is opened on (for reading or writing), or null when the operation opens none.</summary>
    public IOperation? OpenedPath(IOperation operation, out bool writes)
    {
        writes = false;
        return ReadOpening(operation, out var call) ? OpenedPath(call, out writes) : null;
    }

    // A call to the project's method that opens a file and returns it is read as the opening; any other call as it is.
    private static bool ReadOpening(IOperation operation, out Call call) =>
        Call.TryReadOpening(operation, out call) || Call.TryRead(operation, out call);

    private IOperation? OpenedPath(Call call, out bool writes)
    {
        writes = false;
        var method = call.Method;
        if (call.CreatedType is { } created)
        {
            if (method.Parameters.Length == 0 || method.Parameters[0].Type.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            if (_files.IsFileStream(created))
            {
                writes = OpensForWriting(call);
                return call.ArgumentFor(0);
            }

            if (FileApiModel.DerivesFrom(created, _streamWriter) || XmlWriters.IsTextWriter(created))
            {
                writes = true;
                return call.ArgumentFor(0);
            }

            return null;
        }

        if (XmlWriters.IsCreateOnPath(method))
        {
            return Writing(call.ArgumentFor(0), out writes);
        }

        if (Is(method.ContainingType, _files.File))
        {
            return method.Name switch
            {
                "Create" or "CreateText" or "AppendText" or "OpenWrite" => Writing(call.ArgumentFor(0), out writes),
                "Open" or "OpenHandle" => Opening(call, call.ArgumentFor(0), out writes),
                _ => null,
            };
        }

        if (FileApiModel.IsIsolatedStorageOpening(method))
        {
            return method.Name == "CreateFile" ? Writing(call.ArgumentFor(0), out writes) : Opening(call, call.ArgumentFor(0), out writes);
        }

        if (Is(method.ContainingType, _files.FileInfo) && call.Instance is { } info)
        {
            return method.Name switch
            {
                "Create" or "CreateText" or "AppendText" or "OpenWrite" => Writing(info, out writes),
                "Open" => Opening(call, info, out writes),
                _ => null,
            };
        }

        return null;
    }

    private static IOperation? Writing(IOperation? path, out bool writes)
    {
        writes = path is not null;
        return path;
    }

    private IOperation? Opening(Call call, IOperation? path, out bool writes)
    {
        writes = OpensForWriting(call);
        return path;
    }

    // An explicit FileAccess decides; without one, a mode that creates, truncates or appends writes.
    // new FileStream(path, FileStreamOptions) is taken for a write unless its Access is Read.
    private bool OpensForWriting(Call call)
    {
        int? mode = null;
        int? access = null;
        foreach (var parameter in call.Method.Parameters)
        {
            var argument = call.ArgumentFor(parameter.Ordinal);
            if (Is(parameter.Type, _files.FileMode))
            {
                mode = argument?.ConstantValue is { HasValue: true, Value: int value } ? value : -1;
            }
            else if (Is(parameter.Type, _fileAccess))
            {
                access = argument?.ConstantValue is { HasValue: true, Value: int value } ? value : -1;
            }
            else if (Is(parameter.Type, _files.FileStreamOptions))
            {
                return !FileApiModel.OptionsReadOnly(argument);
            }
        }

        if (access is { } knownAccess)
        {
            return knownAccess > 0 && FileAccesses.Writes(knownAccess);
        }

        // new FileStream(path, FileMode.Open) opens read-write: a page written in place (Seek, then Write) is a write.
        return mode is { } knownMode && (FileModes.Writes(knownMode) || knownMode == FileModes.Open);
    }

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
}
