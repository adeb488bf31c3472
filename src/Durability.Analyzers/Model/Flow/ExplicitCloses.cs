using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A stream held by a plain local and closed by a statement of its own (<c>fileStream.Close();</c>,
/// <c>stream.Dispose();</c>): closed where that statement stands, as a using would close it at its end; or closed in a
/// <c>finally</c> when it was set (<c>if (writer != null) writer.Close();</c>).
/// </summary>
internal static class ExplicitCloses
{
    /// <summary>
    /// The first statement that closes the local <paramref name="declarator"/> declares, in the block that declares it (its
    /// whole scope), when that statement stands in a block; otherwise null.
    /// </summary>
    public static IExpressionStatementOperation? Of(IVariableDeclaratorOperation declarator)
    {
        if (declarator.Parent?.Parent?.Parent is not IBlockOperation scope)
        {
            return null;
        }

        var local = declarator.Symbol;
        foreach (var operation in scope.Descendants())
        {
            if (operation is IExpressionStatementOperation { Parent: IBlockOperation } statement &&
                Unawaited(statement.Operation) is IInvocationOperation { TargetMethod.Name: "Close" or "Dispose" or "DisposeAsync", Arguments.Length: 0, Instance: ILocalReferenceOperation closed } &&
                SymbolEqualityComparer.Default.Equals(closed.Local, local))
            {
                return statement;
            }
        }

        return null;
    }

    /// <summary>
    /// The statement that closes the local <paramref name="declarator"/> declares only when it holds a value, in a
    /// <c>finally</c> of its scope (<c>if (writer != null) writer.Close();</c>, <c>writer?.Dispose();</c>), as code that
    /// assigns the writer inside a <c>try</c> closes it; otherwise null.
    /// </summary>
    public static IOperation? GuardedOf(IVariableDeclaratorOperation declarator)
    {
        if (declarator.Parent?.Parent?.Parent is not IBlockOperation scope)
        {
            return null;
        }

        var local = declarator.Symbol;
        foreach (var operation in scope.Descendants())
        {
            if (operation is ITryOperation { Finally: { } cleanUp })
            {
                foreach (var statement in cleanUp.Operations)
                {
                    if (ClosesWhenSet(statement, local))
                    {
                        return statement;
                    }
                }
            }
        }

        return null;
    }

    // if (local != null) local.Close(); or local?.Close();
    private static bool ClosesWhenSet(IOperation statement, ILocalSymbol local)
    {
        if (statement is IConditionalOperation { WhenFalse: null, Condition: IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } test, WhenTrue: var whenSet } &&
            (IsLocal(test.LeftOperand, local) || IsLocal(test.RightOperand, local)))
        {
            var closing = whenSet is IBlockOperation { Operations.Length: 1 } block ? block.Operations[0] : whenSet;
            return closing is IExpressionStatementOperation { Operation: IInvocationOperation { TargetMethod.Name: "Close" or "Dispose", Arguments.Length: 0, Instance: { } closed } } &&
                   IsLocal(closed, local);
        }

        return statement is IExpressionStatementOperation { Operation: IConditionalAccessOperation { Operation: var accessed, WhenNotNull: IInvocationOperation { TargetMethod.Name: "Close" or "Dispose", Arguments.Length: 0 } } } &&
               IsLocal(accessed, local);
    }

    private static bool IsLocal(IOperation operation, ILocalSymbol local) =>
        (FileApiModel.StripConversions(operation) ?? operation) is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

    private static IOperation Unawaited(IOperation operation) => operation is IAwaitOperation awaited ? awaited.Operation : operation;
}
