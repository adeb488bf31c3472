using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A flush that runs only when a flag asks for the data on disk: <c>if (_flushToDisk) _writer.Flush();</c>,
/// <c>if (options.Sync) stream.Flush();</c>. The code says where it means durability, and the flush there stops at the
/// page cache, whatever the stream's origin. The flag is a <c>bool</c> named for durability (Sync, Fsync, Durable,
/// ...ToDisk), alone or joined by <c>&amp;&amp;</c> or <c>||</c>; negated (<c>!_sync</c>), compared (<c>_sync == false</c>) or
/// guarding the else branch, it says the opposite, and is no guard. A parameter or local named only <c>sync</c> is a
/// synchronous-or-asynchronous switch more often than durability, and is no guard either.
/// </summary>
internal static class DurabilityFlagGuards
{
    /// <summary>The condition of the innermost <c>if</c> in the member that runs <paramref name="flush"/> only when such a flag is set, or null.</summary>
    public static IOperation? GuardOf(IOperation flush)
    {
        var inner = flush;
        for (var node = flush.Parent; node is not null; inner = node, node = node.Parent)
        {
            switch (node)
            {
                case IConditionalOperation { WhenTrue: var whenTrue, Condition: var condition } when whenTrue == inner && IsFlag(condition):
                    return condition;
                case IAnonymousFunctionOperation or ILocalFunctionOperation or IMethodBodyOperation:
                    return null;
            }
        }

        return null;
    }

    // _flushToDisk, options.Sync, a && SyncWrites: a bool named for durability, read as it is.
    private static bool IsFlag(IOperation condition) => condition switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } both => IsFlag(both.LeftOperand) || IsFlag(both.RightOperand),
        IParenthesizedOperation parenthesized => IsFlag(parenthesized.Operand),
        IConversionOperation { IsImplicit: true } conversion => IsFlag(conversion.Operand),
        _ when condition.Type?.SpecialType == SpecialType.System_Boolean && NameOf(condition) is { } name =>
            DurableMethodNames.NamePromises(name) && !(IsParameterOrLocal(condition) && SaysOnlySync(name)),
        _ => false,
    };

    // bool sync as a parameter or local is mostly a method shared by a synchronous and an asynchronous API
    // (EnqueueAsync(message, sync: false)), not durability; a field or an option named Sync (LevelDB's WriteOptions.Sync)
    // and longer names (syncWrites, flushToDisk) are.
    private static bool IsParameterOrLocal(IOperation reference) => reference is IParameterReferenceOperation or ILocalReferenceOperation;

    private static bool SaysOnlySync(string name)
    {
        var words = Configuration.NameWords.Split(name);
        var last = words.Length - 1;
        return last >= 0 && string.Equals(words[last], "Sync", System.StringComparison.OrdinalIgnoreCase) &&
               (last == 0 || (last == 1 && words[0].ToLowerInvariant() is "is" or "use" or "do" or "run" or "should"));
    }

    private static string? NameOf(IOperation reference) => reference switch
    {
        IFieldReferenceOperation field => field.Field.Name,
        IPropertyReferenceOperation property => property.Property.Name,
        ILocalReferenceOperation local => local.Local.Name,
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        _ => null,
    };
}
