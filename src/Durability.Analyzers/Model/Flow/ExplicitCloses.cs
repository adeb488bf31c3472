using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A stream held by a plain local and closed by a statement of its own (<c>fileStream.Close();</c>,
/// <c>stream.Dispose();</c>): closed where that statement stands, as a using would close it at its end.
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

    private static IOperation Unawaited(IOperation operation) => operation is IAwaitOperation awaited ? awaited.Operation : operation;
}
