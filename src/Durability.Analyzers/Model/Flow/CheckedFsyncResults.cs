using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A native fsync whose result an <c>if</c> checks, and whose failure branch only logs: <c>if (fsync(fd) != 0)
/// log.Warning(...)</c>, <c>if (!FlushFileBuffers(handle)) Console.WriteLine(...)</c>. The failure is noticed, and the
/// method carries on as if the data were durable. A branch that throws, returns, fails the process, sets a field or
/// calls anything but logging passes the failure on.
/// </summary>
internal static class CheckedFsyncResults
{
    /// <summary>The failure branch of the <c>if</c> that checks <paramref name="fsync"/>'s result, when it only logs; else null.</summary>
    public static IOperation? OnlyLoggedFailure(IInvocationOperation fsync)
    {
        IOperation condition = fsync;
        while (condition.Parent is IConversionOperation or IParenthesizedOperation)
        {
            condition = condition.Parent;
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

    // fsync(fd) != 0, fsync(fd) < 0, fsync(fd) == -1, !FlushFileBuffers(h): true when it holds, the call failed. The
    // condition moves up to the comparison.
    private static bool TestsFailure(IInvocationOperation fsync, ref IOperation condition)
    {
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
