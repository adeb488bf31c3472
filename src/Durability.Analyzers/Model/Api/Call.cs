using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A call as the API models read it: the method (a constructor for <c>new</c>), its receiver, and the operation
/// that holds its arguments. Bound invocations and creations give their target; an unbound call gives the
/// method it most likely means (<see cref="UnboundCalls"/>), so a missing reference does not hide a file write; a call
/// through System.IO.Abstractions gives the System.IO method it mirrors (<see cref="FileSystemAbstractions"/>).
/// </summary>
internal readonly struct Call
{
    private Call(IOperation operation, IMethodSymbol method, IOperation? instance)
    {
        Operation = operation;
        Method = method;
        Instance = instance;
    }

    public IOperation Operation { get; }

    public IMethodSymbol Method { get; }

    public IOperation? Instance { get; }

    /// <summary>The argument bound to <see cref="Method"/>'s parameter <paramref name="ordinal"/>, whatever order the call names them in.</summary>
    public IOperation? ArgumentFor(int ordinal) =>
        Operation is IInvalidOperation invalid ? UnboundCalls.ArgumentFor(invalid, Method, ordinal) : FileApiModel.ArgumentFor(Operation, ordinal);

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

    public static bool TryRead(IOperation operation, out Call call)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                // fileSystem.File.Move(a, b) through System.IO.Abstractions reads as File.Move(a, b).
                var mirrored = invocation.TargetMethod.IsStatic || invocation.SemanticModel is null
                    ? null
                    : FileSystemAbstractions.SystemIOEquivalent(invocation.TargetMethod, invocation.SemanticModel.Compilation);
                call = mirrored is null ? new Call(invocation, invocation.TargetMethod, invocation.Instance) : new Call(invocation, mirrored, null);
                return true;
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                call = new Call(creation, constructor, null);
                return true;
            case IInvalidOperation invalid when UnboundCalls.IntendedMethod(invalid) is { } method:
                call = new Call(invalid, method, method.IsStatic || method.MethodKind == MethodKind.Constructor ? null : UnboundCalls.InstanceOf(invalid));
                return true;
            default:
                call = default;
                return false;
        }
    }
}
