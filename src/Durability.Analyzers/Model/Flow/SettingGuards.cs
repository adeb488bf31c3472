using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// An <c>if</c> on a <c>bool</c> setting of the object: a field or property, its own or its options'
/// (<c>if (_flushImmediately)</c>, <c>if (_options.SyncWrites)</c>). An fsync under it is durability made configurable: the
/// code fsyncs wherever durability is asked for, and turning it off is the user's choice, as LevelDB's <c>WriteOptions.Sync</c>
/// is. A parameter or local is no setting: a <c>flushToDisk</c> parameter that defaults to false and that no caller passes
/// leaves the file unsynced on every real path.
/// </summary>
internal static class SettingGuards
{
    /// <summary>True when <paramref name="conditional"/> has no <c>else</c> and tests a bool setting, alone or in an <c>&amp;&amp;</c>.</summary>
    public static bool IsSetting(IConditionalOperation conditional) => conditional.WhenFalse is null && IsSettingTest(conditional.Condition);

    private static bool IsSettingTest(IOperation condition) => condition switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both => IsSettingTest(both.LeftOperand) || IsSettingTest(both.RightOperand),
        IParenthesizedOperation parenthesized => IsSettingTest(parenthesized.Operand),
        IConversionOperation { IsImplicit: true } conversion => IsSettingTest(conversion.Operand),
        IFieldReferenceOperation or IPropertyReferenceOperation => condition.Type?.SpecialType == SpecialType.System_Boolean,
        _ => false,
    };
}
