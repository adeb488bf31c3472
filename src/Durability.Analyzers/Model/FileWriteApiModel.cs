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

    /// <summary>True for File.WriteAll* and File.AppendAll*, sync and async.</summary>
    public bool IsWholeFileWrite(IMethodSymbol method) =>
        Is(method.ContainingType, _files.File) &&
        (method.Name.StartsWith("WriteAll", System.StringComparison.Ordinal) || method.Name.StartsWith("AppendAll", System.StringComparison.Ordinal));

    /// <summary>The write <paramref name="operation"/> makes, if it opens a file for writing or writes one whole.</summary>
    public FileWrite? ClassifyWrite(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation invocation when IsWholeFileWrite(invocation.TargetMethod):
                return FileApiModel.ArgumentFor(invocation, 0) is { } written
                    ? new FileWrite(FileWriteKind.WholeFile, invocation, written, durable: false)
                    : null;
            case IInvocationOperation or IObjectCreationOperation:
                return OpenedPath(operation, out var writes) is { } path && writes
                    ? new FileWrite(FileWriteKind.Stream, operation, path, durable: operation is IObjectCreationOperation creation && _files.ClassifyValue(creation).Kind == StreamOriginKind.WriteThroughFile)
                    : null;
            default:
                return null;
        }
    }

    /// <summary>The path a stream or handle is opened on (for reading or writing), or null when the operation opens none.</summary>
    public IOperation? OpenedPath(IOperation operation, out bool writes)
    {
        writes = false;
        switch (operation)
        {
            case IObjectCreationOperation { Constructor: { } constructor } creation
                when constructor.Parameters.Length > 0 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String:
                if (_files.IsFileStream(creation.Type))
                {
                    writes = OpensForWriting(creation, constructor);
                    return FileApiModel.ArgumentFor(creation, 0);
                }

                if (FileApiModel.DerivesFrom(creation.Type, _streamWriter))
                {
                    writes = true;
                    return FileApiModel.ArgumentFor(creation, 0);
                }

                return null;
            case IInvocationOperation invocation when Is(invocation.TargetMethod.ContainingType, _files.File):
                return invocation.TargetMethod.Name switch
                {
                    "Create" or "CreateText" or "AppendText" or "OpenWrite" => Writing(FileApiModel.ArgumentFor(invocation, 0), out writes),
                    "Open" or "OpenHandle" => Opening(invocation, FileApiModel.ArgumentFor(invocation, 0), out writes),
                    _ => null,
                };
            case IInvocationOperation { Instance: { } info } invocation when Is(invocation.TargetMethod.ContainingType, _files.FileInfo):
                return invocation.TargetMethod.Name switch
                {
                    "Create" or "CreateText" or "AppendText" or "OpenWrite" => Writing(info, out writes),
                    "Open" => Opening(invocation, info, out writes),
                    _ => null,
                };
            default:
                return null;
        }
    }

    private static IOperation? Writing(IOperation? path, out bool writes)
    {
        writes = path is not null;
        return path;
    }

    private IOperation? Opening(IInvocationOperation invocation, IOperation? path, out bool writes)
    {
        writes = OpensForWriting(invocation, invocation.TargetMethod);
        return path;
    }

    // An explicit FileAccess decides; without one, a mode that creates, truncates or appends writes.
    // new FileStream(path, FileStreamOptions) is taken for a write unless its Access is Read.
    private bool OpensForWriting(IOperation call, IMethodSymbol method)
    {
        int? mode = null;
        int? access = null;
        foreach (var parameter in method.Parameters)
        {
            var argument = FileApiModel.ArgumentFor(call, parameter.Ordinal);
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
                return !OptionsReadOnly(argument);
            }
        }

        if (access is { } knownAccess)
        {
            return knownAccess > 0 && FileAccesses.Writes(knownAccess);
        }

        return mode is { } knownMode && FileModes.Writes(knownMode);
    }

    private static bool OptionsReadOnly(IOperation? options)
    {
        if (FileApiModel.StripConversions(options) is not IObjectCreationOperation { Initializer: { } initializer })
        {
            return false;
        }

        foreach (var member in initializer.Initializers)
        {
            if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Access" } } assignment &&
                assignment.Value.ConstantValue is { HasValue: true, Value: int access })
            {
                return !FileAccesses.Writes(access);
            }
        }

        return false;
    }

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
}
