using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Follows the exception of a failed fsync out of the try statements around it, in its own method: the first catch
/// that can handle an IOException decides. A catch that throws (rethrows, or throws a new exception) or stops the
/// process passes it on; one that completes normally loses it. A retry helper (a method or type named Retry, or
/// Execute on a policy or resilience pipeline, as in Polly) that takes the fsync in a lambda loses it too, and so does one
/// of the project's methods that runs the delegate it is given in a try whose catch drops the failure
/// (<c>Helper.EatException(() => writer.FlushToDisk())</c>).
/// </summary>
internal sealed class FsyncFailureFlow
{
    private readonly Compilation _compilation;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, bool> _swallowingHelpers = new(SymbolEqualityComparer.Default);
    private readonly INamedTypeSymbol? _exception;
    private readonly INamedTypeSymbol? _systemException;
    private readonly INamedTypeSymbol? _ioException;
    private readonly FsyncCalls _fsyncs;

    public FsyncFailureFlow(Compilation compilation, FsyncCalls fsyncs)
    {
        _compilation = compilation;
        _exception = compilation.GetTypeByMetadataName("System.Exception");
        _systemException = compilation.GetTypeByMetadataName("System.SystemException");
        _ioException = compilation.GetTypeByMetadataName("System.IO.IOException");
        _fsyncs = fsyncs;
    }

    /// <summary>
    /// Where the failure of a call would be lost if the call fsyncs, or null when it reaches the caller. Only
    /// structure is read here; whether the call fsyncs at all is asked by the caller, since that costs more, and then
    /// <see cref="IsLost"/>.
    /// </summary>
    public LostFsyncFailure? Follow(IInvocationOperation call, CancellationToken cancellationToken)
    {
        var (handler, lambda) = WalkOut(call);
        if (handler is not null)
        {
            return LostFsyncFailure.InCatch(handler);
        }

        // Whether a project's helper swallows what it runs is read from its body only once the call is known to fsync (IsLost).
        return lambda is null || HelperTaking(lambda) is not { } helper ? null
            : IsRetryHelper(helper.TargetMethod) ? LostFsyncFailure.InRetryHelper(helper)
            : MayRunWhatItIsGiven(helper.TargetMethod) ? LostFsyncFailure.InSwallowingHelper(helper)
            : null;
    }

    /// <summary>
    /// True when what <see cref="Follow"/> found does lose the failure: a catch or a retry helper does; a project's helper
    /// that takes the fsync in a lambda does when its body runs the delegate in a try whose catch drops the failure.
    /// </summary>
    public bool IsLost(LostFsyncFailure lost, CancellationToken cancellationToken) =>
        lost.Handler is not null || lost.HelperRetries || SwallowsWhatItRuns(lost.RetryHelper!.TargetMethod, cancellationToken);

    // Out of the try statements around the call, in its own body: the first catch that can take an IOException and
    // completes normally, or else the lambda the walk stopped at (its helper decides), or neither.
    private (ICatchClauseOperation? Handler, IAnonymousFunctionOperation? Lambda) WalkOut(IOperation call)
    {
        for (var current = call; current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation lambda:
                    return (null, lambda);
                case ILocalFunctionOperation:
                    return (null, null);
                case ITryOperation @try when current == @try.Body:
                    foreach (var handler in @try.Catches)
                    {
                        if (!CanCatchIOException(handler.ExceptionType))
                        {
                            continue;
                        }

                        if (PassesOn(handler))
                        {
                            // The failure leaves this try; an enclosing one may still drop it.
                            break;
                        }

                        return (handler, null);
                    }

                    break;
            }
        }

        return (null, null);
    }

    /// <summary>
    /// True when the try around a dropped failure runs again: in a <c>for</c>, <c>while</c> or <c>do</c> loop, under a
    /// filter (<c>when (attempt &lt; n)</c>), or with a second fsync in the catch.
    /// </summary>
    public bool IsRetried(ICatchClauseOperation handler, CancellationToken cancellationToken) =>
        CountsAttempts(handler) || IsInLoop(handler.Parent!) || CallsFsync(handler.Handler, cancellationToken);

    // when (attempt < 3) decides by something besides the exception; when (e.IsIOException()) only sorts exceptions.
    private static bool CountsAttempts(ICatchClauseOperation handler)
    {
        if (handler.Filter is null)
        {
            return false;
        }

        var caught = (handler.ExceptionDeclarationOrExpression as IVariableDeclaratorOperation)?.Symbol;
        var filter = handler.Filter.Syntax.Span;
        foreach (var operation in handler.Filter.DescendantsAndSelf())
        {
            switch (operation)
            {
                // e is IOException io && io.HResult == 5: a pattern's local is the exception again.
                case ILocalReferenceOperation local when !SymbolEqualityComparer.Default.Equals(local.Local, caught) && !SourceBodies.IsDeclaredWithin(local.Local, filter):
                case IParameterReferenceOperation:
                case IFieldReferenceOperation { Field: { IsConst: false, Type.TypeKind: not TypeKind.Enum } }:
                case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } }:
                    return true;
            }
        }

        return false;
    }


    // catch (a catch of object), catch (Exception), catch (SystemException), catch (IOException): the types an fsync's failure is.
    private bool CanCatchIOException(ITypeSymbol? caught) =>
        caught is null || caught.SpecialType == SpecialType.System_Object ||
        SymbolEqualityComparer.Default.Equals(caught, _exception) ||
        SymbolEqualityComparer.Default.Equals(caught, _systemException) ||
        SymbolEqualityComparer.Default.Equals(caught, _ioException);

    // Any throw in the handler, Environment.FailFast / Exit, or the caught exception handed to code that is not
    // logging (a failed result, TaskCompletionSource.SetException, a field that poisons later calls, a return) passes
    // the failure on.
    private static bool PassesOn(ICatchClauseOperation handler)
    {
        var caught = (handler.ExceptionDeclarationOrExpression as IVariableDeclaratorOperation)?.Symbol;
        foreach (var operation in handler.Handler.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IThrowOperation:
                    return true;
                case IInvocationOperation { TargetMethod: { Name: "FailFast" or "Exit", ContainingType.Name: "Environment" } }:
                    return true;
                case ILocalReferenceOperation reference when caught is not null && SymbolEqualityComparer.Default.Equals(reference.Local, caught) &&
                                                             IsHandedOn(reference, followLocals: !IsInLoop(handler.Parent!)):
                    // last = e; in a retry loop, thrown after it: the retries happened first, so it is still a retry.
                    return true;
            }
        }

        return false;
    }

    // A return, a field, a throw, a call that is not logging, or (when followLocals) a local that one of those takes later.
    private static bool IsHandedOn(IOperation reference, bool followLocals = true)
    {
        var current = reference.Parent;
        while (current is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        switch (current)
        {
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation kept } when followLocals:
                // priorE = e; ... finally { DisposeWhileHandlingException(priorE, file); }: kept to be thrown later.
                return IsHandedOnLater(kept.Local, SourceBodies.RootOf(reference));
            case IThrowOperation:
            case IReturnOperation:
            case ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation }:
            case ICoalesceAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation }:
                return true;
            case IArgumentOperation { Parent: IObjectCreationOperation creation }:
                return creation.Parent is not IArgumentOperation { Parent: IInvocationOperation outer } || !IsLogging(outer.TargetMethod);
            case IArgumentOperation { Parent: IInvocationOperation invocation }:
                return !IsLogging(invocation.TargetMethod);
            case IInvalidOperation unbound:
                // A call or creation that binds to nothing (its type is in a reference the compilation lacks, or half typed):
                // Maybe<T>.Fail(e), new Result(e). What it does is unknown; unless its name says it logs, the failure is
                // taken to go on with it, as it would with the call bound.
                return !IsLoggingCall(unbound.Syntax);
            default:
                return false;
        }
    }

    private static bool IsHandedOnLater(ILocalSymbol kept, IOperation body)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, kept) &&
                !(reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference) &&
                IsHandedOn(reference, followLocals: false))
            {
                return true;
            }
        }

        return false;
    }

    // Console.WriteLine, Debug/Trace, ILogger.LogError, log4net's Error, NLog's Warn, Serilog's Fatal...
    internal static bool IsLogging(IMethodSymbol method) => IsLogging(method.ContainingType?.Name ?? string.Empty, method.Name);

    private static bool IsLogging(string type, string method)
    {
        if (type.IndexOf("Log", System.StringComparison.Ordinal) >= 0 || type is "Console" or "Debug" or "Trace" or "TextWriter" or "TraceSource")
        {
            return true;
        }

        return method.StartsWith("Log", System.StringComparison.Ordinal) || method.StartsWith("Write", System.StringComparison.Ordinal) ||
               method.StartsWith("Trace", System.StringComparison.Ordinal) ||
               method is "Error" or "Warn" or "Warning" or "Info" or "Information" or "Debug" or "Fatal" or "Critical" or "Verbose" or "Exception";
    }

    // An unbound call read from its text: _logger.LogError(e), Log.Error(e); the receiver's last name stands for its type.
    internal static bool IsLoggingCall(SyntaxNode syntax) =>
        syntax is InvocationExpressionSyntax invocation &&
        IsLogging(invocation.Expression is MemberAccessExpressionSyntax access ? ReceiverName(access.Expression) : string.Empty, InvokedNames.Of(invocation));

    // A field or local is named like its type, lower-cased: _logger stands for Logger.
    private static string ReceiverName(ExpressionSyntax receiver)
    {
        var name = receiver switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText.TrimStart('_'),
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText.TrimStart('_'),
            _ => string.Empty,
        };
        return name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);
    }

    private bool CallsFsync(IOperation handler, CancellationToken cancellationToken)
    {
        foreach (var operation in handler.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation call && _fsyncs.IsFsync(call, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInLoop(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ILoopOperation { LoopKind: LoopKind.ForEach }:
                    // The next item gets its own fsync: that is not a retry of this one.
                    return false;
                case ILoopOperation:
                    return true;
                case IAnonymousFunctionOperation or ILocalFunctionOperation or IMethodBodyBaseOperation:
                    return false;
            }
        }

        return false;
    }

    private static IInvocationOperation? HelperTaking(IAnonymousFunctionOperation lambda)
    {
        var current = lambda.Parent;
        while (current is IDelegateCreationOperation or IConversionOperation or IArgumentOperation)
        {
            current = current.Parent;
        }

        return current as IInvocationOperation;
    }

    // EatException(Action action) { try { action(); } catch (Exception) { } }: a source method that runs a delegate it is
    // given where a catch drops the failure, read once per method. The delegate's own failures are what reach that catch.
    // Asked only of the helpers Follow found (MayRunWhatItIsGiven).
    private bool SwallowsWhatItRuns(IMethodSymbol helper, CancellationToken cancellationToken) =>
        _swallowingHelpers.GetOrAdd(helper.OriginalDefinition, method =>
        {
            foreach (var body in SourceBodies.Of(_compilation, method, cancellationToken))
            {
                foreach (var operation in body.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke, Instance: var invoked } run &&
                        FileApiModel.StripConversions(invoked) is IParameterReferenceOperation { Parameter.Type.TypeKind: TypeKind.Delegate } &&
                        WalkOut(run).Handler is not null)
                    {
                        return true;
                    }
                }
            }

            return false;
        });

    // One of the project's methods (its body can be read) that takes a delegate.
    private static bool MayRunWhatItIsGiven(IMethodSymbol method) => SourceBodies.CanSummarise(method.OriginalDefinition) && TakesDelegate(method);

    private static bool TakesDelegate(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.TypeKind == TypeKind.Delegate)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRetryHelper(IMethodSymbol method)
    {
        var type = method.ContainingType?.Name ?? string.Empty;
        return method.Name.IndexOf("Retry", System.StringComparison.Ordinal) >= 0 || type.IndexOf("Retry", System.StringComparison.Ordinal) >= 0 ||
               (method.Name.StartsWith("Execute", System.StringComparison.Ordinal) &&
                (type.IndexOf("Retry", System.StringComparison.Ordinal) >= 0 || type.IndexOf("Policy", System.StringComparison.Ordinal) >= 0 ||
                 type.IndexOf("ResiliencePipeline", System.StringComparison.Ordinal) >= 0));
    }
}
