using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Expressions a fix may write a second time, because evaluating them again gives the same value and does nothing
/// else: literals, variables, fields and properties, string building, and Path methods.
/// </summary>
internal static class RepeatableExpressions
{
    public static bool IsRepeatable(IOperation operation)
    {
        foreach (var part in operation.DescendantsAndSelf())
        {
            switch (part)
            {
                case IInvocationOperation pathCall when SystemIO.IsPathMethod(pathCall.TargetMethod):
                case ILiteralOperation or ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation:
                case IConversionOperation or IParenthesizedOperation or IInstanceReferenceOperation or IArgumentOperation:
                case IBinaryOperation or IInterpolatedStringOperation or IInterpolationOperation or IInterpolatedStringTextOperation:
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }
}
