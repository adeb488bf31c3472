using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Small methods that build paths (<c>string SegmentPath(int n) => Path.Combine(_dir, $"{n}.seg")</c>): the directory
/// a call's path lies in, seen from the caller, so that the call and a sync of that directory can be matched, and a
/// fix can sync it without calling the helper again (it may count, as a NextPath() does).
/// </summary>
internal sealed class PathHelpers
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, IOperation?> _returned = new(SymbolEqualityComparer.Default);

    public PathHelpers(Compilation compilation) => _compilation = compilation;

    /// <summary>
    /// The directory <paramref name="call"/>'s result is combined into, as an operation the caller can write: an argument
    /// of the call, or a field, property or constant of the caller's own type. Null when the helper returns anything but
    /// <c>Path.Combine(directory, ...)</c>.
    /// </summary>
    public IOperation? CombinedDirectory(IInvocationOperation call, INamedTypeSymbol? caller, CancellationToken cancellationToken)
    {
        if (ReturnedCombine(call, cancellationToken) is not { } combine)
        {
            return null;
        }

        var method = call.TargetMethod.OriginalDefinition;
        switch (FileApiModel.StripConversions(combine.Arguments[0].Value))
        {
            case IParameterReferenceOperation parameter:
                return FileApiModel.ArgumentFor(call, parameter.Parameter.Ordinal);
            case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field when SymbolEqualityComparer.Default.Equals(method.ContainingType, caller):
                return field;
            case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property when SymbolEqualityComparer.Default.Equals(method.ContainingType, caller):
                return property;
            case { ConstantValue.HasValue: true } constant:
                return constant;
            default:
                return null;
        }
    }

    /// <summary>
    /// The argument of <paramref name="call"/> whose file the helper's result lies beside: the helper returns
    /// <c>Path.Combine(Path.GetDirectoryName(destination), ...)</c> (directly, or through a local, with a <c>?? "."</c>
    /// fallback) for its parameter <c>destination</c>, as a temp path built next to the file it will replace is. Else null.
    /// </summary>
    public IOperation? SiblingArgument(IInvocationOperation call, CancellationToken cancellationToken)
    {
        if (ReturnedCombine(call, cancellationToken) is not { } combine)
        {
            return null;
        }

        var directory = FileApiModel.StripConversions(combine.Arguments[0].Value);
        if (directory is ILocalReferenceOperation local)
        {
            directory = FileApiModel.StripConversions(SourceBodies.InitializerOf(local.Local, SourceBodies.RootOf(combine)));
        }

        if (directory is ICoalesceOperation fallback)
        {
            directory = FileApiModel.StripConversions(fallback.Value);
        }

        return directory is IInvocationOperation { Arguments.Length: 1 } parent && SystemIO.IsPathMethod(parent.TargetMethod, "GetDirectoryName") &&
               FileApiModel.StripConversions(parent.Arguments[0].Value) is IParameterReferenceOperation destination
            ? FileApiModel.ArgumentFor(call, destination.Parameter.Ordinal)
            : null;
    }

    /// <summary>
    /// True when the file <paramref name="file"/> names lies in the directory <paramref name="directory"/> names, both built by
    /// the project's path helpers: <c>EventPath(id, v) => Path.Combine(StreamDirectory(id), ...)</c> lies in
    /// <c>StreamDirectory(id)</c>, and <c>Root(key) => Path.Combine(_root, key)</c> in <c>Root(Path.GetDirectoryName(key))</c>.
    /// Locals are followed to the value <paramref name="initializerOf"/> gives them.
    /// </summary>
    public bool Nests(IOperation file, IOperation directory, System.Func<ILocalSymbol, IOperation?> initializerOf, CancellationToken cancellationToken)
    {
        if (Followed(file, initializerOf) is not IInvocationOperation fileCall ||
            Followed(directory, initializerOf) is not IInvocationOperation directoryCall ||
            ReturnedCombine(fileCall, cancellationToken) is not { } combine)
        {
            return false;
        }

        // The helper's first part is the other helper called with the helper's own parameters and constants.
        if (FileApiModel.StripConversions(combine.Arguments[0].Value) is IInvocationOperation inner &&
            SymbolEqualityComparer.Default.Equals(inner.TargetMethod.OriginalDefinition, directoryCall.TargetMethod.OriginalDefinition) &&
            inner.Arguments.Length == directoryCall.Arguments.Length)
        {
            for (var i = 0; i < inner.Arguments.Length; i++)
            {
                if (!PassesOn(inner.Arguments[i].Value, fileCall, directoryCall.Arguments[i].Value, initializerOf))
                {
                    return false;
                }
            }

            return true;
        }

        // The same helper given a path and that path's directory, as its last part.
        return SymbolEqualityComparer.Default.Equals(fileCall.TargetMethod.OriginalDefinition, directoryCall.TargetMethod.OriginalDefinition) &&
               fileCall.Arguments.Length == 1 && directoryCall.Arguments.Length == 1 &&
               FileApiModel.StripConversions(combine.Arguments[combine.Arguments.Length - 1].Value) is IParameterReferenceOperation { Parameter.Ordinal: 0 } &&
               Followed(directoryCall.Arguments[0].Value, initializerOf) is IInvocationOperation { Arguments.Length: 1 } parent &&
               SystemIO.IsPathMethod(parent.TargetMethod, "GetDirectoryName") &&
               FileIdentity.Of(parent.Arguments[0].Value).Equals(FileIdentity.Of(fileCall.Arguments[0].Value));
    }

    // A part of the helper's inner call that is the same value the caller gave the directory's call: a parameter of the
    // helper bound to the same argument, or the same constant.
    private static bool PassesOn(IOperation part, IInvocationOperation fileCall, IOperation directoryArgument, System.Func<ILocalSymbol, IOperation?> initializerOf)
    {
        switch (FileApiModel.StripConversions(part))
        {
            case IParameterReferenceOperation parameter when FileApiModel.ArgumentFor(fileCall, parameter.Parameter.Ordinal) is { } given:
                return FileIdentity.Of(given).Equals(FileIdentity.Of(directoryArgument)) ||
                       (Followed(given, initializerOf) is var followed && FileIdentity.Of(followed).Equals(FileIdentity.Of(Followed(directoryArgument, initializerOf))));
            case { ConstantValue: { HasValue: true, Value: var constant } }:
                return directoryArgument.ConstantValue is { HasValue: true } other && Equals(constant, other.Value);
            default:
                return false;
        }
    }

    private static IOperation Followed(IOperation path, System.Func<ILocalSymbol, IOperation?> initializerOf)
    {
        var stripped = FileApiModel.StripConversions(path)!;
        return stripped is ILocalReferenceOperation local && initializerOf(local.Local) is { } initializer ? FileApiModel.StripConversions(initializer)! : stripped;
    }

    // The Path.Combine(directory, ...) a source helper returns, its one returned value; null for anything else.
    private IInvocationOperation? ReturnedCombine(IInvocationOperation call, CancellationToken cancellationToken)
    {
        var method = call.TargetMethod.OriginalDefinition;
        if (method.DeclaringSyntaxReferences.Length != 1 || !SourceBodies.CanSummarise(method))
        {
            return null;
        }

        var returned = _returned.GetOrAdd(method, m => SingleReturnedValue(m, cancellationToken));
        return FileApiModel.StripConversions(returned) is IInvocationOperation combine && SystemIO.IsPathMethod(combine.TargetMethod, "Combine") &&
               combine.Arguments.Length >= 2
            ? combine
            : null;
    }

    // The value of an expression body, or of the one return statement of a block body.
    private IOperation? SingleReturnedValue(IMethodSymbol method, CancellationToken cancellationToken)
    {
        IOperation? value = null;
        var returns = 0;
        foreach (var body in SourceBodies.Of(_compilation, method, cancellationToken))
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IReturnOperation { ReturnedValue: { } returnedValue })
                {
                    returns++;
                    value = returnedValue;
                }
            }
        }

        return returns == 1 ? value : null;
    }
}
