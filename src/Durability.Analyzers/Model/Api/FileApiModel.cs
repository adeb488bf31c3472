using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// What the .NET file APIs do, resolved once per compilation: which calls flush, which fsync,
/// which open a file, and which streams wrap others. Rules ask this model and never list API
/// names of their own. The facts are those of shared/guide/PLATFORM.md.
/// </summary>
internal sealed class FileApiModel
{
    /// <summary>The static class of Durability.Runtime whose methods fsync files and directories.</summary>
    public const string RuntimeFsyncTypeName = "Durability.Runtime.Fsync";

    /// <summary>The static class of Durability.Runtime that writes whole files durably.</summary>
    public const string RuntimeDurableFileTypeName = "Durability.Runtime.DurableFile";

    private FileApiModel(Compilation compilation, INamedTypeSymbol stream)
    {
        Stream = stream;
        FileStream = compilation.GetTypeByMetadataName("System.IO.FileStream");
        TextWriter = compilation.GetTypeByMetadataName("System.IO.TextWriter");
        BinaryWriter = compilation.GetTypeByMetadataName("System.IO.BinaryWriter");
        File = compilation.GetTypeByMetadataName("System.IO.File");
        FileInfo = compilation.GetTypeByMetadataName("System.IO.FileInfo");
        RandomAccess = compilation.GetTypeByMetadataName("System.IO.RandomAccess");
        SafeFileHandle = compilation.GetTypeByMetadataName("Microsoft.Win32.SafeHandles.SafeFileHandle");
        RuntimeFsync = compilation.GetTypeByMetadataName(RuntimeFsyncTypeName);
        RuntimeDurableFile = compilation.GetTypeByMetadataName(RuntimeDurableFileTypeName);
        FileOptions = compilation.GetTypeByMetadataName("System.IO.FileOptions");
        FileMode = compilation.GetTypeByMetadataName("System.IO.FileMode");
        FileStreamOptions = compilation.GetTypeByMetadataName("System.IO.FileStreamOptions");
        _fsyncingOverrides = new FsyncingFlushOverrides(compilation);
        _assembly = compilation.Assembly;
    }

    private readonly IAssemblySymbol _assembly;

    /// <summary>
    /// True for a symbol declared in this compilation's own source, not in a referenced project's: only its bodies can be
    /// read. Compares assemblies, which allocates nothing, unlike a source symbol's Locations or DeclaringSyntaxReferences.
    /// </summary>
    public bool IsDeclaredHere(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _assembly);

    private readonly FsyncingFlushOverrides _fsyncingOverrides;

    public INamedTypeSymbol? FileOptions { get; }
    public INamedTypeSymbol? FileMode { get; }
    public INamedTypeSymbol? FileStreamOptions { get; }

    public bool IsFileOptions(ITypeSymbol? type) => FileOptions is not null && SymbolEqualityComparer.Default.Equals(type, FileOptions);

    /// <summary>True for any method of Durability.Runtime's Fsync class: each one fsyncs a file or a directory.</summary>
    public bool IsRuntimeFsync(IMethodSymbol method) =>
        RuntimeFsync is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, RuntimeFsync);

    public INamedTypeSymbol Stream { get; }
    public INamedTypeSymbol? FileStream { get; }
    public INamedTypeSymbol? TextWriter { get; }
    public INamedTypeSymbol? BinaryWriter { get; }
    public INamedTypeSymbol? File { get; }
    public INamedTypeSymbol? FileInfo { get; }
    public INamedTypeSymbol? RandomAccess { get; }
    public INamedTypeSymbol? SafeFileHandle { get; }

    /// <summary>Durability.Runtime's DurableFile class, or null when the compilation does not reference a runtime that has it.</summary>
    public INamedTypeSymbol? RuntimeDurableFile { get; }

    /// <summary>
    /// True for DurableFile.WriteAll*: it fsyncs the directory of its path after renaming into it, which makes every
    /// earlier change in that directory durable too. Known by name, so the build (metadata) and the IDE (source of a
    /// referenced runtime project) agree.
    /// </summary>
    public bool IsDurableReplace(IMethodSymbol method) =>
        RuntimeDurableFile is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, RuntimeDurableFile) &&
        method.Name.StartsWith("WriteAll", System.StringComparison.Ordinal);

    /// <summary>
    /// True for members of Durability.Runtime. What they do is known from this model, never read from their source:
    /// a solution that holds the runtime's project would otherwise get other answers in the IDE than in the build.
    /// </summary>
    public static bool IsRuntimeMember(ISymbol symbol)
    {
        for (var ns = symbol.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.Name == "Runtime" && ns.ContainingNamespace is { Name: "Durability", ContainingNamespace.IsGlobalNamespace: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Durability.Runtime's Fsync class, or null when the compilation does not reference the runtime.</summary>
    public INamedTypeSymbol? RuntimeFsync { get; }

    /// <summary>The model for <paramref name="compilation"/>, or null when it has no System.IO.Stream to reason about.</summary>
    public static FileApiModel? Create(Compilation compilation)
    {
        var stream = compilation.GetTypeByMetadataName("System.IO.Stream");
        return stream is null ? null : new FileApiModel(compilation, stream);
    }

    /// <summary>True for streams, writers and file handles: the types whose variables this model tracks.</summary>
    public bool IsTrackedType(ITypeSymbol? type) =>
        type is not null &&
        (DerivesFrom(type, Stream) || DerivesFrom(type, TextWriter) || DerivesFrom(type, BinaryWriter) || DerivesFrom(type, SafeFileHandle));

    public bool IsFileStream(ITypeSymbol? type) => type is not null && DerivesFrom(type, FileStream);

    /// <summary>
    /// True when Durability.Runtime's Fsync.File can reach the file under a value of this static type: a FileStream,
    /// a TextWriter or BinaryWriter, or a Stream the runtime unwraps (BufferedStream and the compression streams).
    /// A plain Stream qualifies too: the runtime unwraps it at run time, and it was seen to be created over a file.
    /// </summary>
    public bool CanRuntimeReachFile(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (IsFileStream(type) || DerivesFrom(type, TextWriter) || DerivesFrom(type, BinaryWriter) || SymbolEqualityComparer.Default.Equals(type, Stream) ||
            DerivesFrom(type, SafeFileHandle))
        {
            return true;
        }

        return (type.ContainingNamespace?.ToDisplayString() is "System.IO" or "System.IO.Compression" &&
                type.Name is "BufferedStream" or "GZipStream" or "DeflateStream" or "BrotliStream" or "ZLibStream") ||
               (type.ContainingNamespace?.ToDisplayString() == "System.Security.Cryptography" && type.Name == "CryptoStream");
    }

    /// <summary>Every flush is a call named Flush or FlushAsync: code that never spells the word has none.</summary>
    public static readonly string[] FlushWords = { "Flush" };

    /// <summary>
    /// Every fsync this model knows spells one of these: Flush(true), FlushToDisk, FlushFileBuffers, fsync,
    /// fdatasync, F_FULLFSYNC and the runtime's Fsync.
    /// </summary>
    public static readonly string[] FsyncWords = { "Flush", "sync", "SYNC" };

    /// <summary>Classifies a call named Flush or FlushAsync on a stream or writer.</summary>
    public FlushKind ClassifyFlush(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.IsStatic || invocation.Instance is null)
        {
            return FlushKind.None;
        }

        var isFlush = method.Name == "Flush";
        if (!isFlush && method.Name != "FlushAsync")
        {
            return FlushKind.None;
        }

        var receiverType = invocation.Instance.Type ?? method.ContainingType;
        if (!(DerivesFrom(receiverType, Stream) || DerivesFrom(receiverType, TextWriter) || DerivesFrom(receiverType, BinaryWriter)))
        {
            return FlushKind.None;
        }

        // A project's stream whose override fsyncs (FlushToDiskFileStream: base.Flush(true)) makes its flush an fsync.
        if (method.Parameters.Length == (isFlush ? 0 : 1) && IsDeclaredHere(method) && _fsyncingOverrides.Fsyncs(method, this))
        {
            return FlushKind.ToDisk;
        }

        if (!isFlush)
        {
            return FlushKind.AsyncToPageCache;
        }

        if (method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean)
        {
            var flushToDisk = invocation.Arguments.Length == 1 ? invocation.Arguments[0].Value.ConstantValue : default;
            return flushToDisk.HasValue && flushToDisk.Value is false ? FlushKind.ToPageCache : FlushKind.ToDisk;
        }

        return method.Parameters.Length == 0 ? FlushKind.ToPageCache : FlushKind.None;
    }

    /// <summary>
    /// True for <c>x.Flush(true)</c> on any type with a <c>Flush(bool)</c>: a project's own file type that mirrors
    /// FileStream (<c>IFileStream.Flush(bool flushToDisk)</c>), whose call says what its implementations do.
    /// </summary>
    public static bool IsFlushWithTrue(IInvocationOperation invocation) =>
        invocation.TargetMethod is { Name: "Flush", Parameters.Length: 1 } flush && flush.Parameters[0].Type.SpecialType == SpecialType.System_Boolean &&
        invocation.Arguments.Length == 1 && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: true };

    /// <summary>
    /// The expression a known fsync API makes durable, or null when the call is not one: Flush(true) on a
    /// FileStream, RandomAccess.FlushToDisk, a P/Invoke of fsync / fdatasync / fcntl / FlushFileBuffers,
    /// and Durability.Runtime's Fsync.File, Fsync.FileAsync and Fsync.FileData.
    /// </summary>
    public IOperation? GetFsyncTarget(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (ClassifyFlush(invocation) == FlushKind.ToDisk)
        {
            return invocation.Instance;
        }

        if (invocation.Arguments.Length == 0)
        {
            return null;
        }

        if (IsRandomAccessFlushToDisk(method))
        {
            return ArgumentFor(invocation, 0);
        }

        if (RuntimeFsync is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, RuntimeFsync) &&
            FsyncApiNames.IsRuntimeFileFsync(method.Name))
        {
            return ArgumentFor(invocation, 0);
        }

        if (IsNativeFsync(method))
        {
            return ArgumentFor(invocation, 0);
        }

        return null;
    }

    /// <summary>
    /// The field, property, local or parameter that holds the stream an expression stands for, seen through
    /// casts, <c>BaseStream</c>, <c>SafeFileHandle</c> and <c>DangerousGetHandle()</c>. Null for anything else,
    /// including fields of other objects.
    /// </summary>
    public static ISymbol? ResolveVariable(IOperation? operation) => ResolveVariable(operation, foreignMember: null);

    /// <summary>
    /// As <see cref="ResolveVariable(IOperation?)"/>, and a field or property of another object (<c>segment.Stream</c>)
    /// whose type <paramref name="foreignMember"/> accepts resolves to that member, whatever the instance.
    /// </summary>
    public static ISymbol? ResolveVariable(IOperation? operation, Func<ITypeSymbol?, bool>? foreignMember)
    {
        while (operation is not null)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                case IAwaitOperation awaited:
                    operation = awaited.Operation;
                    continue;
                case ISimpleAssignmentOperation assignment:
                    // Stream output = _file = File.Open(...): the value of an assignment is what its target now holds.
                    operation = assignment.Target;
                    continue;
                case IConditionalAccessInstanceOperation instance when ConditionalAccessOf(instance) is { } access:
                    // _log?.Flush(): the instance is the value tested for null.
                    operation = access.Operation;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "DangerousGetHandle", Instance: { } handle }:
                    operation = handle;
                    continue;
                case IInvocationOperation { Arguments.Length: 1 } getter when IsHandle(getter.Type) && IsStreamOrHandle(getter.Arguments[0].Value.Type):
                    // GetFileHandle(stream), a delegate or helper that digs out a stream's handle, stands for the stream.
                    operation = getter.Arguments[0].Value;
                    continue;
                case IPropertyReferenceOperation property when IsPassThroughProperty(property.Property.Name) && property.Instance is not null:
                    operation = property.Instance;
                    continue;
                case IPropertyReferenceOperation property when IsOwnMember(property.Instance) && ExposedFields.Of(property.Property) is { } exposed:
                    // Writer => _writer: the property is the field it returns.
                    return exposed;
                case IPropertyReferenceOperation property:
                    return IsOwnMember(property.Instance) || foreignMember?.Invoke(property.Type) == true ? property.Property : null;
                case IFieldReferenceOperation field:
                    return IsOwnMember(field.Instance) || foreignMember?.Invoke(field.Type) == true ? field.Field : null;
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                default:
                    return null;
            }
        }

        return null;
    }

    // The conditional access (a?.b) whose tested value the instance stands for: the nearest one above it.
    private static IConditionalAccessOperation? ConditionalAccessOf(IConditionalAccessInstanceOperation instance)
    {
        for (var current = instance.Parent; current is not null; current = current.Parent)
        {
            if (current is IConditionalAccessOperation access)
            {
                return access;
            }
        }

        return null;
    }

    /// <summary>Where a value assigned to a stream variable comes from.</summary>
    public StreamOrigin ClassifyValue(IOperation? value)
    {
        value = StripConversions(value);
        switch (value)
        {
            case null:
                return default;
            case IObjectCreationOperation creation:
                return ClassifyCreation(creation);
            case IInvocationOperation { TargetMethod.Name: "Created" } created when IsRuntimeFsync(created.TargetMethod) && created.Arguments.Length == 1:
                // Fsync.Created(new FileStream(...)) is the stream it was given.
                return ClassifyValue(created.Arguments[0].Value);
            case IInvocationOperation invocation when OpensFile(invocation.TargetMethod):
                return new StreamOrigin(OpenedKind(invocation.Arguments), opensReadOnly: OpensReadOnly(invocation.TargetMethod, invocation.Arguments));
            case IInvocationOperation invocation:
                // Errors.Translate(() => new StreamWriter(path), ...), a retry policy's Execute(() => File.Open(...)): what the lambda returns.
                return ReturnedByLambda(invocation) is { } returned ? ClassifyValue(returned) : default;
            case IInvalidOperation unboundOpening when Call.TryRead(unboundOpening, out var opening) && opening.CreatedType is null && !opening.IsThroughWrapper &&
                                                       OpensFile(opening.Method):
                // _fileSystem.File.Open(path, FileMode.Append) with System.IO.Abstractions missing: the opening it mirrors.
                return new StreamOrigin(WriteThroughOptions.AnyAmong(unboundOpening.ChildOperations, this) ? StreamOriginKind.WriteThroughFile : StreamOriginKind.File);
            case IInvalidOperation { Type: { } type } unbound when IsFileStream(type) && UnboundCalls.IntendedMethod(unbound) is { MethodKind: MethodKind.Constructor }:
                // new FileStream(path, FileMode.Append, FileSystemRights.AppendData, ...): .NET Framework's overload, read as FileAccess's.
                return new StreamOrigin(WriteThroughOptions.AnyAmong(unbound.ChildOperations, this) ? StreamOriginKind.WriteThroughFile : StreamOriginKind.File);
            case IConditionalOperation conditional:
                return Join(ClassifyValue(conditional.WhenTrue), ClassifyValue(conditional.WhenFalse));
            case ICoalesceOperation coalesce:
                return Join(ClassifyValue(coalesce.Value), ClassifyValue(coalesce.WhenNull));
            default:
                var variable = ResolveVariable(value);
                return variable is null ? default : new StreamOrigin(StreamOriginKind.Alias, variable);
        }
    }

    // T Run<T>(Func<T> action, ...): a generic method that returns its type parameter, given one lambda that returns it in one
    // expression, hands back that expression's value.
    private static IOperation? ReturnedByLambda(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.OriginalDefinition.ReturnType is not ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } returned)
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.OriginalDefinition.Type is INamedTypeSymbol { DelegateInvokeMethod.ReturnType: var delegateReturns } &&
                SymbolEqualityComparer.Default.Equals(delegateReturns, returned) &&
                StripConversions(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Body.Operations: { Length: 1 } operations } } &&
                operations[0] is IReturnOperation { ReturnedValue: { } value })
            {
                return value;
            }
        }

        return null;
    }

    private StreamOrigin ClassifyCreation(IObjectCreationOperation creation)
    {
        var type = creation.Type;
        if (type is null || !IsTrackedType(type))
        {
            return default;
        }

        if (IsFileStream(type))
        {
            // FileStream _log = new FlushToDiskFileStream(path): every flush of it fsyncs, as if written through.
            var kind = FlushOverrideFsyncs(type) ? StreamOriginKind.WriteThroughFile : OpenedKind(creation.Arguments);
            return new StreamOrigin(kind, opensForWriting: HasWritingMode(creation), opensReadOnly: OpensReadOnly(creation.Constructor, creation.Arguments));
        }

        var constructor = creation.Constructor;
        if (constructor is null || constructor.Parameters.Length == 0)
        {
            // new MemoryStream(), new StringWriter(): nothing underneath, and not a file.
            return new StreamOrigin(StreamOriginKind.NotFile);
        }

        var first = constructor.Parameters[0].Type;
        if (first.SpecialType == SpecialType.System_String && (DerivesFrom(type, TextWriter) || DerivesFrom(type, Stream)) && !IsInMemoryByName(type))
        {
            // new StreamWriter(path): opens the file itself.
            return new StreamOrigin(OpenedKind(creation.Arguments));
        }

        if (DerivesFrom(first, Stream))
        {
            var inner = ArgumentFor(creation, 0);
            var underlying = ResolveVariable(inner);
            var underlyingKind = underlying is null ? ClassifyValue(inner).Kind : StreamOriginKind.Unknown;
            return new StreamOrigin(StreamOriginKind.Wrapper, underlying, underlyingKind);
        }

        return new StreamOrigin(StreamOriginKind.NotFile);
    }

    // What the arguments that open a file say about it: written through, a lock or export file by its path's words, or a data file.
    private StreamOriginKind OpenedKind(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        if (WriteThroughOptions.AnyIn(arguments, this))
        {
            return StreamOriginKind.WriteThroughFile;
        }

        return (arguments.Length > 0 && arguments[0].Value.Type?.SpecialType == SpecialType.System_String && PathNames.IsAuxiliaryFile(arguments[0].Value)) ||
               DeletesOnClose(arguments)
            ? StreamOriginKind.AuxiliaryFile
            : StreamOriginKind.File;
    }

    // A project's FileStream subclass whose Flush() override fsyncs (FlushToDiskFileStream).
    private bool FlushOverrideFsyncs(ITypeSymbol type)
    {
        for (var current = type; current is not null && IsDeclaredHere(current); current = current.BaseType)
        {
            foreach (var member in current.GetMembers("Flush"))
            {
                if (member is IMethodSymbol { Parameters.Length: 0, IsOverride: true } flush)
                {
                    return _fsyncingOverrides.Fsyncs(flush, this);
                }
            }
        }

        return false;
    }

    /// <summary>True for a bound call or creation that opens its file for reading only (<c>FileAccess.Read</c>, <c>File.OpenRead</c>).</summary>
    public bool OpensReadOnly(IOperation call) => call switch
    {
        IInvocationOperation invocation => OpensReadOnly(invocation.TargetMethod, invocation.Arguments),
        IObjectCreationOperation creation => OpensReadOnly(creation.Constructor, creation.Arguments),
        _ => false,
    };

    // File.OpenRead, FileInfo.OpenText, or an explicit FileAccess.Read (as an argument or a FileStreamOptions' Access).
    private bool OpensReadOnly(IMethodSymbol? method, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        if (method is { MethodKind: not MethodKind.Constructor, Name: "OpenRead" or "OpenText" })
        {
            return true;
        }

        foreach (var argument in arguments)
        {
            var value = StripConversions(argument.Value);
            if (argument.Parameter?.Type is { TypeKind: TypeKind.Enum, Name: "FileAccess" } && value?.ConstantValue is { HasValue: true, Value: int access })
            {
                return !FileAccesses.Writes(access);
            }

            if (IsFileStreamOptions(argument.Parameter?.Type))
            {
                return OptionsReadOnly(value);
            }
        }

        return false;
    }

    /// <summary>True for <c>new FileStreamOptions { Access = FileAccess.Read }</c> written in place; false when it may write or is not seen.</summary>
    public static bool OptionsReadOnly(IOperation? options)
    {
        if (StripConversions(options) is not IObjectCreationOperation { Initializer: { } initializer })
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

    /// <summary>FileOptions.DeleteOnClose among the arguments: a scratch or lock file, gone when the stream closes, is nothing to make durable.</summary>
    public bool DeletesOnClose(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        const int deleteOnClose = 0x04000000;
        foreach (var argument in arguments)
        {
            if (IsFileOptions(argument.Value.Type) && argument.Value.ConstantValue is { HasValue: true, Value: int options } && (options & deleteOnClose) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private bool IsFileStreamOptions(ITypeSymbol? type) => FileStreamOptions is not null && SymbolEqualityComparer.Default.Equals(type, FileStreamOptions);

    private bool HasWritingMode(IObjectCreationOperation creation)
    {
        foreach (var argument in creation.Arguments)
        {
            if (FileMode is not null && SymbolEqualityComparer.Default.Equals(argument.Value.Type, FileMode) &&
                argument.Value.ConstantValue is { HasValue: true, Value: int mode })
            {
                return mode is FileModes.CreateNew or FileModes.Create or FileModes.Truncate or FileModes.Append;
            }
        }

        return false;
    }

    private static bool IsInMemoryByName(ITypeSymbol type) => type.Name is "StringWriter" or "MemoryStream";

    /// <summary>True for File.Open/OpenWrite/Create/AppendText/CreateText and the FileInfo equivalents.</summary>
    public bool OpensFile(IMethodSymbol method)
    {
        var owner = method.ContainingType;
        if (IsIsolatedStorageOpening(method))
        {
            return true;
        }

        if (!SymbolEqualityComparer.Default.Equals(owner, File) && !SymbolEqualityComparer.Default.Equals(owner, FileInfo))
        {
            return false;
        }

        // File.OpenHandle: a SafeFileHandle that RandomAccess writes, as file-backed as a stream.
        return method.Name is "Open" or "OpenWrite" or "OpenRead" or "Create" or "AppendText" or "CreateText" or "OpenText" ||
               (method.Name == "OpenHandle" && SymbolEqualityComparer.Default.Equals(owner, File));
    }

    /// <summary>
    /// True for <c>IsolatedStorageFile.OpenFile(path, mode, ...)</c> and <c>CreateFile(path)</c>: they hand back an
    /// <c>IsolatedStorageFileStream</c>, a FileStream over a file of the store (an offline queue of an SDK), which
    /// <c>Flush(true)</c> fsyncs. Its paths are the store's, not the process's: no rule fixes them by path.
    /// </summary>
    public static bool IsIsolatedStorageOpening(IMethodSymbol method) =>
        method is { Name: "OpenFile" or "CreateFile", IsStatic: false } &&
        method.ContainingType is { Name: "IsolatedStorageFile", ContainingNamespace: { Name: "IsolatedStorage", ContainingNamespace: { Name: "IO", ContainingNamespace.Name: "System" } } };

    /// <summary>True for a P/Invoke declaration of fsync, fdatasync, fcntl or FlushFileBuffers.</summary>
    public static bool IsNativeFsync(IMethodSymbol method) => FsyncApiNames.IsNativeEntryPoint(NativeImports.EntryPointOf(method));

    /// <summary>True for <c>RandomAccess.FlushToDisk(handle)</c>.</summary>
    public bool IsRandomAccessFlushToDisk(IMethodSymbol method) =>
        method.IsStatic && method.Name == FsyncApiNames.FlushToDisk && SymbolEqualityComparer.Default.Equals(method.ContainingType, RandomAccess);

    private static StreamOrigin Join(StreamOrigin left, StreamOrigin right)
    {
        if (left.Kind == StreamOriginKind.File || right.Kind == StreamOriginKind.File)
        {
            return new StreamOrigin(StreamOriginKind.File);
        }

        return left.Kind == StreamOriginKind.Unknown ? right : left;
    }

    private static bool IsHandle(ITypeSymbol? type) =>
        type is not null && (type.SpecialType == SpecialType.System_IntPtr || IsNamedOrDerived(type, "SafeHandle", "System.Runtime.InteropServices"));

    private static bool IsStreamOrHandle(ITypeSymbol? type) =>
        type is not null && (IsNamedOrDerived(type, "Stream", "System.IO") || IsNamedOrDerived(type, "SafeHandle", "System.Runtime.InteropServices"));

    private static bool IsNamedOrDerived(ITypeSymbol type, string name, string containingNamespace)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == name && current.ContainingNamespace?.ToDisplayString() == containingNamespace)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPassThroughProperty(string name) =>
        name is "BaseStream" or "SafeFileHandle" or "UnderlyingStream" or "Handle";

    private static bool IsOwnMember(IOperation? instance) =>
        instance is null || instance is IInstanceReferenceOperation;

    public static IOperation? StripConversions(IOperation? operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation or IConditionalAccessInstanceOperation)
        {
            operation = operation switch
            {
                IConversionOperation conversion => conversion.Operand,
                IParenthesizedOperation parenthesized => parenthesized.Operand,
                _ => ReceiverOf((IConditionalAccessInstanceOperation)operation),
            };
        }

        return operation;
    }

    // info.Directory?.Create(): the instance of Create stands for info.Directory, the receiver of the nearest ?. around it.
    private static IOperation? ReceiverOf(IConditionalAccessInstanceOperation instance)
    {
        for (var current = instance.Parent; current is not null; current = current.Parent)
        {
            if (current is IConditionalAccessOperation access)
            {
                return access.Operation;
            }
        }

        return null;
    }

    /// <summary>The argument bound to parameter <paramref name="ordinal"/>, whatever order the call names them in.</summary>
    public static IOperation? ArgumentFor(IOperation call, int ordinal)
    {
        var arguments = call switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => default,
        };

        if (arguments.IsDefault)
        {
            return null;
        }

        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }

    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
