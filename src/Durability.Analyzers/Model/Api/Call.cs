using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A call as the API models read it: the method (a constructor for <c>new</c>), its receiver, and the operation
/// that holds its arguments. Bound invocations and creations give their target; an unbound call gives the
/// method it most likely means (<see cref="UnboundCalls"/>), so a missing reference does not hide a file write; a call
/// through System.IO.Abstractions gives the System.IO method it mirrors (<see cref="FileSystemAbstractions"/>), and a call to
/// the project's own one-call wrapper the System.IO method it wraps (<see cref="FileWriteWrappers"/>).
/// </summary>
internal readonly struct Call
{
    private readonly FileWriteWrappers.Wrapper? _wrapper;
    private readonly IMethodSymbol? _wrapperMethod;

    private Call(IOperation operation, IMethodSymbol method, IOperation? instance, FileWriteWrappers.Wrapper? wrapper = null, IMethodSymbol? wrapperMethod = null)
    {
        Operation = operation;
        Method = method;
        Instance = instance;
        _wrapper = wrapper;
        _wrapperMethod = wrapperMethod;
    }

    public IOperation Operation { get; }

    public IMethodSymbol Method { get; }

    public IOperation? Instance { get; }

    /// <summary>The argument bound to <see cref="Method"/>'s parameter <paramref name="ordinal"/>, whatever order the call names them in.</summary>
    public IOperation? ArgumentFor(int ordinal)
    {
        if (_wrapper is not null)
        {
            // The wrapper's parameter that System.IO's parameter is given, found at the call; or the constant the wrapper passes.
            var parameter = _wrapper.ParameterFor(ordinal);
            return parameter < 0 ? _wrapper.ConstantFor(ordinal) :
                Operation is IInvalidOperation unbound ? UnboundCalls.ArgumentFor(unbound, _wrapperMethod!, parameter) :
                FileApiModel.ArgumentFor(Operation, parameter);
        }

        return Operation is IInvalidOperation invalid ? UnboundCalls.ArgumentFor(invalid, Method, ordinal) : FileApiModel.ArgumentFor(Operation, ordinal);
    }

    /// <summary>True when the call is to the project's own wrapper of <see cref="Method"/>, not to System.IO itself.</summary>
    public bool IsThroughWrapper => _wrapper is not null;

    /// <summary>The project's method the code calls when it is a wrapper of <see cref="Method"/>, or null.</summary>
    public IMethodSymbol? WrapperMethod => _wrapperMethod;

    /// <summary>
    /// The argument for <see cref="Method"/>'s first parameter of <paramref name="type"/> (a FileMode, say), or null;
    /// <paramref name="hasParameter"/> tells a method without such a parameter from an argument not found.
    /// </summary>
    public IOperation? ArgumentOfType(INamedTypeSymbol? type, out bool hasParameter)
    {
        foreach (var parameter in Method.Parameters)
        {
            if (type is not null && SymbolEqualityComparer.Default.Equals(parameter.Type, type))
            {
                hasParameter = true;
                return ArgumentFor(parameter.Ordinal);
            }
        }

        hasParameter = false;
        return null;
    }

    /// <summary>The type a constructor call creates; null for other calls.</summary>
    public ITypeSymbol? CreatedType => Method.MethodKind == MethodKind.Constructor ? Method.ContainingType : null;

    private static Call? ThroughWrapper(IOperation operation, IMethodSymbol target) =>
        IsInSource(target) && operation.SemanticModel is { } model &&
        CompilationModel.For(model.Compilation)?.WriteWrappers.Of(target) is { Wrapped: { } wrapped } wrapper
            ? new Call(operation, wrapped, null, wrapper, target)
            : null;

    /// <summary>
    /// Reads a call to the project's own method that opens a file on the path it is given and returns the stream, or a
    /// writer over it, as that opening (<c>_files.GetWriter(keyPath)</c> as <c>File.Open(keyPath, FileMode.Create)</c>), in
    /// storage code too: the caller writes and closes the file. False for any other call.
    /// </summary>
    public static bool TryReadOpening(IOperation operation, out Call call)
    {
        call = default;
        if (operation.SemanticModel is not { } semanticModel || CompilationModel.For(semanticModel.Compilation) is not { } model)
        {
            return false;
        }

        // new BinaryFileWriter(path, false): a writer type of the project that opens its path into a member and never fsyncs.
        if (operation is IObjectCreationOperation { Constructor: { } constructor } && IsInSource(constructor) &&
            model.WriteWrappers.ConstructorOpeningOf(constructor) is { Wrapped: { } opened } byConstructor)
        {
            call = new Call(operation, opened, null, byConstructor, constructor);
            return true;
        }

        // Asked for every call in the bodies DUR004 reads: an unbound call is resolved only when its name may be an opening's.
        var target = operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            // GetWriter(keyPath) with a path of a type the build lacks: still the one method it can mean.
            IInvalidOperation { Syntax: Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax syntax } invalid
                when model.WriteWrappers.MayWrap(InvokedNames.Of(syntax)) => UnboundCalls.IntendedMethod(invalid),
            _ => null,
        };
        if (target is null || !IsInSource(target) ||
            model.WriteWrappers.OpeningOf(target) is not { Wrapped: { } wrapped } opening ||
            model.FileAbstractions.Factories.Returns(target, System.Threading.CancellationToken.None) != StreamOriginKind.File)
        {
            return false;
        }

        call = new Call(operation, wrapped, null, opening, target);
        return true;
    }

    // Locations are kept by the symbol; a method from metadata has none in source.
    private static bool IsInSource(IMethodSymbol method) => !method.Locations.IsEmpty && method.Locations[0].IsInSource;

    public static bool TryRead(IOperation operation, out Call call)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                // fileSystem.File.Move(a, b) through System.IO.Abstractions reads as File.Move(a, b).
                var target = invocation.TargetMethod;
                var mirrored = target.IsStatic || invocation.SemanticModel is null
                    ? null
                    : FileSystemAbstractions.SystemIOEquivalent(target, invocation.SemanticModel.Compilation);
                if (mirrored is not null)
                {
                    call = new Call(invocation, mirrored, null);
                    return true;
                }

                // _fileSystem.WriteAllText(path, text), a wrapper of File.WriteAllText, reads as File.WriteAllText(path, text).
                if (ThroughWrapper(invocation, target) is { } wrapped)
                {
                    call = wrapped;
                    return true;
                }

                call = new Call(invocation, target, invocation.Instance);
                return true;
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                call = new Call(creation, constructor, null);
                return true;
            case IInvalidOperation invalid when UnboundCalls.IntendedMethod(invalid) is { } method:
                // WriteStringToFile(path, Serialization.ToJson(settings)) with the serializer's type missing: still the wrapper's write.
                call = ThroughWrapper(invalid, method) ??
                    new Call(invalid, method, method.IsStatic || method.MethodKind == MethodKind.Constructor ? null : UnboundCalls.InstanceOf(invalid));
                return true;
            default:
                call = default;
                return false;
        }
    }
}
