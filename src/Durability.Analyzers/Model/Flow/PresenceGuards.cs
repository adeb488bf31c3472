using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// An <c>if</c> that only asks whether a path is there to use: <c>if (dir != null)</c>, <c>if (dir is not null)</c>,
/// <c>if (!string.IsNullOrEmpty(dir))</c> around a call given <c>dir</c>. <c>Path.GetDirectoryName</c> gives null or ""
/// for a root or a bare name, so code syncs the directory it got under such a guard: the sync runs whenever there is one.
/// </summary>
internal static class PresenceGuards
{
    /// <summary>True when <paramref name="conditional"/> tests a local or parameter for presence and its body uses it.</summary>
    public static bool GuardsItsBody(IConditionalOperation conditional) =>
        TestedVariable(conditional.Condition) is { } tested && Mentions(conditional.WhenTrue, tested);

    private static ISymbol? TestedVariable(IOperation condition) => condition switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } compared when IsNull(compared.RightOperand) => VariableOf(compared.LeftOperand),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } compared when IsNull(compared.LeftOperand) => VariableOf(compared.RightOperand),
        IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: var value } } } pattern when IsNull(value) =>
            VariableOf(pattern.Value),
        IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: IInvocationOperation { TargetMethod: { Name: "IsNullOrEmpty" or "IsNullOrWhiteSpace", ContainingType.SpecialType: SpecialType.System_String }, Arguments.Length: 1 } test } =>
            VariableOf(test.Arguments[0].Value),
        _ => null,
    };

    private static bool IsNull(IOperation operation) =>
        FileApiModel.StripConversions(operation) is { ConstantValue: { HasValue: true, Value: null } };

    private static ISymbol? VariableOf(IOperation operation) => FileApiModel.StripConversions(operation) switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    private static bool Mentions(IOperation body, ISymbol variable)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (VariableOf(operation) is { } used && SymbolEqualityComparer.Default.Equals(used, variable))
            {
                return true;
            }
        }

        return false;
    }
}
