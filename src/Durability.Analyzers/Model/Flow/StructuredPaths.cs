using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// "Does X run on every path after (or before) this operation?", read from the code's structure rather than a
/// control-flow graph: X must be a later (earlier) statement of the same block or an enclosing one, or in the
/// body of the enclosing <c>using</c> or the <c>finally</c> of the enclosing <c>try</c>, and not inside a
/// branch, loop, switch or lambda. Going forward, a return or throw in between ends the search.
/// </summary>
internal static class StructuredPaths
{
    /// <summary>
    /// True when <paramref name="operation"/> runs only in the true branch of an enclosing <c>if</c> (or conditional
    /// expression) whose condition satisfies <paramref name="holds"/>, alone or as a side of an <c>&amp;&amp;</c>. A lambda or a
    /// local function ends the search: it may run where the condition no longer holds.
    /// </summary>
    public static bool IsInBranchWhere(IOperation operation, Func<IOperation, bool> holds)
    {
        for (IOperation? child = operation, parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalOperation conditional && ReferenceEquals(conditional.WhenTrue, child) &&
                HoldsOnASide(conditional.Condition, BinaryOperatorKind.ConditionalAnd, holds))
            {
                return true;
            }

            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a guard clause runs on every path before <paramref name="operation"/>: an <c>if</c> with no <c>else</c> whose
    /// branch ends in a return or throw, and whose condition satisfies <paramref name="holds"/> alone or as a side of an
    /// <c>||</c> (<c>if (!File.Exists(path)) throw ...;</c>). Past it, that condition is false.
    /// </summary>
    public static bool IsPastGuardWhere(IOperation operation, Func<IOperation, bool> holds) =>
        IsPrecededOnEveryPath(operation, statement =>
            statement is IConditionalOperation { WhenFalse: null, IsRef: false } guard && guard.Type is null &&
            EndsTheCall(guard.WhenTrue) && HoldsOnASide(guard.Condition, BinaryOperatorKind.ConditionalOr, holds));

    /// <summary>
    /// False when <paramref name="earlier"/> cannot run before <paramref name="later"/> in one call: they sit in the two
    /// branches of one <c>if</c> or two sections of one <c>switch</c>, or <paramref name="earlier"/> sits in a branch that ends in a return or throw and
    /// <paramref name="later"/> comes after that <c>if</c> (<c>if (!File.Exists(a)) { Write(a); return; } Write(b); File.Move(a, c);</c>).
    /// </summary>
    public static bool CanRunBefore(IOperation earlier, IOperation later)
    {
        // A lambda runs when it is called: a return in it ends only the lambda, and its branches say nothing of code outside it.
        for (var outer = earlier.Parent; outer is not null; outer = outer.Parent)
        {
            if (outer is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                if (!outer.Syntax.Span.Contains(later.Syntax.Span))
                {
                    return true;
                }

                break;
            }
        }

        for (IOperation? child = earlier, parent = earlier.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }

            if (parent is ISwitchCaseOperation section && section.Parent is ISwitchOperation switchStatement &&
                !section.Syntax.Span.Contains(later.Syntax.Span) && switchStatement.Syntax.Span.Contains(later.Syntax.Span))
            {
                // Another section of the same switch: C# sections do not fall through.
                return false;
            }

            if (parent is not IConditionalOperation { IsRef: false } conditional || ReferenceEquals(conditional.Condition, child))
            {
                continue;
            }

            var other = ReferenceEquals(conditional.WhenTrue, child) ? conditional.WhenFalse : conditional.WhenTrue;
            if (other is not null && other.Syntax.Span.Contains(later.Syntax.Span))
            {
                return false;
            }

            if (!conditional.Syntax.Span.Contains(later.Syntax.Span) && EndsTheCall(child))
            {
                return false;
            }
        }

        return true;
    }

    // A branch whose last statement returns or throws: nothing after its if runs once it was taken.
    private static bool EndsTheCall(IOperation branch)
    {
        var last = branch is IBlockOperation block ? (block.Operations.Length > 0 ? block.Operations[block.Operations.Length - 1] : null) : branch;
        return last is IReturnOperation or IThrowOperation || last is IExpressionStatementOperation { Operation: IThrowOperation };
    }

    // The condition, or a side of the && (when it holds, both sides do) or || (when it fails, both sides do) it is made of.
    private static bool HoldsOnASide(IOperation condition, BinaryOperatorKind joining, Func<IOperation, bool> holds) =>
        condition is IBinaryOperation binary && binary.OperatorKind == joining
            ? HoldsOnASide(binary.LeftOperand, joining, holds) || HoldsOnASide(binary.RightOperand, joining, holds)
            : holds(condition);

    /// <summary>
    /// True when an operation satisfying <paramref name="isTarget"/> runs on every path after <paramref name="start"/>. An
    /// <c>if</c> with no <c>else</c> that <paramref name="passesGuard"/> accepts is looked into as if it always ran (a sync
    /// under <c>if (!string.IsNullOrEmpty(dir))</c> runs whenever there is a directory to sync).
    /// </summary>
    public static bool IsFollowedOnEveryPath(IOperation start, Func<IOperation, bool> isTarget, Func<IConditionalOperation, bool>? passesGuard = null)
    {
        for (var current = start; current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
                case IBlockOperation block:
                    var index = block.Operations.IndexOf(current);
                    for (var next = index + 1; index >= 0 && next < block.Operations.Length; next++)
                    {
                        if (RunsUnconditionally(block.Operations[next], isTarget, passesGuard))
                        {
                            return true;
                        }

                        if (MayLeave(block.Operations[next]))
                        {
                            return false;
                        }
                    }

                    break;
                case IUsingOperation @using when current == @using.Resources:
                    if (RunsUnconditionally(@using.Body, isTarget, passesGuard))
                    {
                        return true;
                    }

                    break;
                case ITryOperation @try when current == @try.Body && @try.Finally is not null:
                    if (RunsUnconditionally(@try.Finally, isTarget, passesGuard))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>
    /// True when an operation satisfying <paramref name="isTarget"/> runs on every path before <paramref name="end"/>, looking
    /// into an <c>if</c> that <paramref name="passesGuard"/> accepts as if it always ran.
    /// </summary>
    public static bool IsPrecededOnEveryPath(IOperation end, Func<IOperation, bool> isTarget, Func<IConditionalOperation, bool>? passesGuard = null)
    {
        for (var current = end; current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
                case IBlockOperation block:
                    var index = block.Operations.IndexOf(current);
                    for (var previous = index - 1; previous >= 0; previous--)
                    {
                        if (RunsUnconditionally(block.Operations[previous], isTarget, passesGuard))
                        {
                            return true;
                        }
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>True when an operation satisfying <paramref name="isTarget"/> runs whenever <paramref name="statement"/> completes.</summary>
    public static bool RunsUnconditionally(IOperation statement, Func<IOperation, bool> isTarget, Func<IConditionalOperation, bool>? passesGuard = null)
    {
        var pending = RentStack();
        try
        {
            return RunsUnconditionally(statement, isTarget, passesGuard, pending);
        }
        finally
        {
            ReturnStack(pending);
        }
    }

    private static bool RunsUnconditionally(IOperation statement, Func<IOperation, bool> isTarget, Func<IConditionalOperation, bool>? passesGuard, Stack<IOperation> pending)
    {
        pending.Push(statement);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            if (isTarget(operation))
            {
                return true;
            }

            switch (operation)
            {
                case IAwaitOperation awaited when AwaitedWork(awaited) is { } work:
                    // await Task.Run(() => RandomAccess.FlushToDisk(handle)): the work is done when the await returns.
                    pending.Push(work);
                    continue;
                case IConditionalOperation conditional:
                    pending.Push(conditional.Condition);
                    if (conditional.WhenFalse is null && passesGuard?.Invoke(conditional) == true)
                    {
                        pending.Push(conditional.WhenTrue);
                    }

                    continue;
                case ILoopOperation or ISwitchOperation or IAnonymousFunctionOperation or ILocalFunctionOperation or
                     IConditionalAccessOperation or ICoalesceOperation:
                    continue;
                case ITryOperation @try:
                    pending.Push(@try.Body);
                    if (@try.Finally is not null)
                    {
                        pending.Push(@try.Finally);
                    }

                    continue;
            }

            foreach (var child in operation.ChildOperations)
            {
                pending.Push(child);
            }
        }

        return false;
    }

    // The body of the lambda an await waits for through Task.Run (or Task.Factory.StartNew), ConfigureAwait aside.
    private static IOperation? AwaitedWork(IAwaitOperation awaited)
    {
        var task = awaited.Operation;
        if (task is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
        {
            task = configured;
        }

        return task is IInvocationOperation { TargetMethod: { Name: "Run" or "StartNew", ContainingType.Name: "Task" or "TaskFactory" }, Arguments.Length: > 0 } run &&
               FileApiModel.StripConversions(run.Arguments[0].Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Body: var body } }
            ? body
            : null;
    }

    // A return or throw means some path skips what follows; lambdas return from themselves.
    private static bool MayLeave(IOperation statement)
    {
        var pending = RentStack();
        try
        {
            return MayLeave(statement, pending);
        }
        finally
        {
            ReturnStack(pending);
        }
    }

    private static bool MayLeave(IOperation statement, Stack<IOperation> pending)
    {
        pending.Push(statement);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            if (operation is IThrowOperation or IReturnOperation { Kind: OperationKind.Return })
            {
                return true;
            }

            if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                continue;
            }

            foreach (var child in operation.ChildOperations)
            {
                pending.Push(child);
            }
        }

        return false;
    }

    // Walks run for every candidate statement of every body: one stack per thread is reused. A walk started from
    // inside a predicate finds the slot empty and takes a stack of its own.
    [ThreadStatic]
    private static Stack<IOperation>? t_spareStack;

    private static Stack<IOperation> RentStack()
    {
        var stack = t_spareStack ?? new Stack<IOperation>();
        t_spareStack = null;
        return stack;
    }

    private static void ReturnStack(Stack<IOperation> stack)
    {
        stack.Clear();
        t_spareStack = stack;
    }
}
