using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A call the compiler could not bind still says which method it means. When one argument's type comes
/// from a reference the build lacks (a project compiled alone, code being edited), overload resolution
/// fails and the call is an <see cref="IInvalidOperation"/>: <c>File.WriteAllBytes(path, Helper.GetBytes(n))</c>
/// writes a file all the same. The model reads such a call as the one candidate of the method group whose
/// parameters take the arguments; a call whose candidates are several methods, or fit in several ways, stays unread.
/// </summary>
internal static class UnboundCalls
{
    /// <summary>The method <paramref name="call"/> most likely means, or null when the candidates leave it open.</summary>
    public static IMethodSymbol? IntendedMethod(IInvalidOperation call)
    {
        if (call.SemanticModel is not { } model || ArgumentsOf(call.Syntax) is not { } arguments)
        {
            return null;
        }

        var candidates = model.GetSymbolInfo(call.Syntax).CandidateSymbols;
        if (candidates.IsEmpty && FileSystemAbstractions.MirroredTypeOfUnbound(call) is { } mirrored &&
            call.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax invoked })
        {
            // fileSystem.File.Move(a, b) without System.IO.Abstractions referenced: read it as File.Move(a, b).
            candidates = StaticMethods(mirrored, invoked.Name.Identifier.ValueText);
        }

        IMethodSymbol? intended = null;
        foreach (var candidate in candidates)
        {
            if (candidate is not IMethodSymbol method ||
                (intended is not null && (intended.Name != method.Name || !SymbolEqualityComparer.Default.Equals(intended.ContainingType, method.ContainingType))))
            {
                return null;
            }

            if (!Takes(method, arguments, call, model.Compilation))
            {
                continue;
            }

            if (intended is not null && !SameParameterOrder(intended, method, arguments.Count))
            {
                return null;
            }

            intended ??= method;
        }

        return intended;
    }

    private static System.Collections.Immutable.ImmutableArray<ISymbol> StaticMethods(INamedTypeSymbol type, string name)
    {
        var methods = System.Collections.Immutable.ImmutableArray.CreateBuilder<ISymbol>();
        foreach (var member in type.GetMembers(name))
        {
            if (member is IMethodSymbol { IsStatic: true })
            {
                methods.Add(member);
            }
        }

        return methods.ToImmutable();
    }

    /// <summary>The receiver of an unbound instance call (<c>info.MoveTo(...)</c>), or null.</summary>
    public static IOperation? InstanceOf(IInvalidOperation call) =>
        call.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } ? ChildFor(call, access.Expression) : null;

    /// <summary>The argument of an unbound call that <paramref name="method"/>'s parameter <paramref name="ordinal"/> would take.</summary>
    public static IOperation? ArgumentFor(IInvalidOperation call, IMethodSymbol method, int ordinal)
    {
        if (ArgumentsOf(call.Syntax) is not { } arguments)
        {
            return null;
        }

        for (var position = 0; position < arguments.Count; position++)
        {
            if (ParameterOf(method, arguments[position], position) is { } parameter && parameter.Ordinal == ordinal)
            {
                return ChildFor(call, arguments[position].Expression);
            }
        }

        return null;
    }

    private static SeparatedSyntaxList<ArgumentSyntax>? ArgumentsOf(SyntaxNode syntax) => syntax switch
    {
        InvocationExpressionSyntax invocation => invocation.ArgumentList.Arguments,
        BaseObjectCreationExpressionSyntax { ArgumentList: { } list } => list.Arguments,
        BaseObjectCreationExpressionSyntax => default(SeparatedSyntaxList<ArgumentSyntax>),
        _ => null,
    };

    // Every argument finds a parameter whose type it can convert to (an argument of an unresolved type can go anywhere),
    // and every parameter without a default gets an argument.
    private static bool Takes(IMethodSymbol method, SeparatedSyntaxList<ArgumentSyntax> arguments, IInvalidOperation call, Compilation compilation)
    {
        var given = new bool[method.Parameters.Length];
        for (var position = 0; position < arguments.Count; position++)
        {
            if (ParameterOf(method, arguments[position], position) is not { } parameter || parameter.IsParams)
            {
                return false;
            }

            given[parameter.Ordinal] = true;
            var type = ChildFor(call, arguments[position].Expression)?.Type;
            if (type is not null && type.TypeKind != TypeKind.Error && !compilation.ClassifyCommonConversion(type, parameter.Type).IsImplicit &&
                !IsFrameworkRightsForAccess(type, parameter.Type))
            {
                return false;
            }
        }

        for (var ordinal = 0; ordinal < given.Length; ordinal++)
        {
            if (!given[ordinal] && !method.Parameters[ordinal].IsOptional)
            {
                return false;
            }
        }

        return true;
    }

    // new FileStream(path, FileMode.Append, FileSystemRights.AppendData, share, size, options): .NET Framework's overload, which
    // the platform's reference assemblies lack; the rights say what FileAccess would (older storage code opens its logs so).
    private static bool IsFrameworkRightsForAccess(ITypeSymbol argument, ITypeSymbol parameter) =>
        argument is { Name: "FileSystemRights", ContainingNamespace: { Name: "AccessControl", ContainingNamespace.Name: "Security" } } &&
        parameter.Name == "FileAccess" && SystemIO.Declares(parameter);

    private static IParameterSymbol? ParameterOf(IMethodSymbol method, ArgumentSyntax argument, int position)
    {
        if (argument.NameColon is { } name)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Name == name.Name.Identifier.ValueText)
                {
                    return parameter;
                }
            }

            return null;
        }

        return position < method.Parameters.Length ? method.Parameters[position] : null;
    }

    // Two fitting overloads are read alike when the arguments given land on parameters of the same names.
    private static bool SameParameterOrder(IMethodSymbol first, IMethodSymbol second, int count)
    {
        for (var ordinal = 0; ordinal < count; ordinal++)
        {
            if (ordinal >= first.Parameters.Length || ordinal >= second.Parameters.Length || first.Parameters[ordinal].Name != second.Parameters[ordinal].Name)
            {
                return false;
            }
        }

        return true;
    }

    private static IOperation? ChildFor(IOperation call, SyntaxNode expression)
    {
        foreach (var child in call.ChildOperations)
        {
            if (child.Syntax == expression)
            {
                return child;
            }
        }

        return null;
    }
}
