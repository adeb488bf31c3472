using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A native fsync whose result an <c>if</c> checks, and whose failure branch only logs: <c>if (fsync(fd) != 0)
/// log.Warning(...)</c>, <c>if (!FlushFileBuffers(handle)) Console.WriteLine(...)</c>, or the result kept in a local that
/// the next statement checks so. The failure is noticed, and the
/// method carries on as if the data were durable. A branch that throws, returns, fails the process, sets a field or
/// calls anything but logging passes the failure on.
/// </summary>
internal static class CheckedFsyncResults
{
    /// <summary>The failure branch of the <c>if</c> that checks <paramref name="fsync"/>'s result, when it only logs; else null.</summary>
    public static IOperation? OnlyLoggedFailure(IInvocationOperation fsync)
    {
        var condition = Outermost(fsync);
        if (condition.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            // var result = fsync(fd); if (result < 0) ...: the check is the next statement, and the only other use of the local.
            if (CheckedOnlyByTheNextIf(declarator) is not { } reference)
            {
                return null;
            }

            condition = Outermost(reference);
        }

        if (!TestsFailure(fsync, ref condition) || condition.Parent is not IConditionalOperation { WhenTrue: var branch } check ||
            check.Condition != condition || check.Syntax is not IfStatementSyntax)
        {
            return null;
        }

        foreach (var operation in branch.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IThrowOperation or IReturnOperation:
                case ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation }:
                case IInvocationOperation { Parent: IExpressionStatementOperation or IAwaitOperation } call when !FsyncFailureFlow.IsLogging(call.TargetMethod):
                case IInvalidOperation { Parent: IExpressionStatementOperation or IAwaitOperation } unbound when !FsyncFailureFlow.IsLoggingCall(unbound.Syntax):
                    // A call that binds to nothing (Serilog's Log.Warning without its reference) is logging only by its name.
                    return null;
            }
        }

        return branch;
    }

    private static IOperation Outermost(IOperation value)
    {
        while (value.Parent is IConversionOperation or IParenthesizedOperation)
        {
            value = value.Parent;
        }

        return value;
    }

    // The one reference to the declared local, in the condition of the if that follows its declaration; null otherwise.
    private static ILocalReferenceOperation? CheckedOnlyByTheNextIf(IVariableDeclaratorOperation declarator)
    {
        if (declarator.Parent?.Parent is not { Parent: IBlockOperation block } statement)
        {
            return null;
        }

        var index = block.Operations.IndexOf(statement);
        if (index < 0 || index + 1 >= block.Operations.Length || block.Operations[index + 1] is not IConditionalOperation { Syntax: IfStatementSyntax } next)
        {
            return null;
        }

        ILocalReferenceOperation? found = null;
        foreach (var operation in block.Descendants())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol))
            {
                if (found is not null || !next.Condition.Syntax.Span.Contains(reference.Syntax.Span))
                {
                    return null;
                }

                found = reference;
            }
        }

        return found;
    }

    // fsync(fd) != 0, fsync(fd) < 0, fsync(fd) == -1, !FlushFileBuffers(h): true when it holds, the call failed. The
    // condition moves up to the comparison.
    private static bool TestsFailure(IInvocationOperation fsync, ref IOperation condition)
    {
        // The value tested is the call itself, or the local it was kept in.
        if (fsync.TargetMethod.ReturnType.SpecialType == SpecialType.System_Boolean)
        {
            if (condition.Parent is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                condition = not;
                return true;
            }

            return false;
        }

        if (condition.Parent is not IBinaryOperation comparison || comparison.LeftOperand != condition ||
            comparison.RightOperand.ConstantValue is not { HasValue: true, Value: int constant })
        {
            return false;
        }

        condition = comparison;
        return (comparison.OperatorKind, constant) switch
        {
            (BinaryOperatorKind.NotEquals, 0) or (BinaryOperatorKind.LessThan, 0) or (BinaryOperatorKind.Equals, -1) => true,
            _ => false,
        };
    }
}
