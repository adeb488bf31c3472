using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Whole-file writes of nothing: <c>File.WriteAllText(path, "")</c>, <c>string.Empty</c>, <c>WriteAllBytes(path,
/// Array.Empty&lt;byte&gt;())</c>, <c>new byte[0]</c>, <c>[]</c>. A placeholder created empty (to set its permissions before the
/// real contents go in) or a marker: "empty after a crash" is the state it was written in, so there are no contents to
/// make durable. Its directory entry is DUR002's to check.
/// </summary>
internal static class EmptyContents
{
    /// <summary>True when the whole-file write <paramref name="write"/> writes no contents.</summary>
    public static bool AreWrittenBy(IOperation write) =>
        Call.TryRead(write, out var call) && call.Method.Parameters.Length >= 2 && call.ArgumentFor(1) is { } contents && IsEmpty(contents);

    private static bool IsEmpty(IOperation value)
    {
        value = FileApiModel.StripConversions(value)!;
        return value switch
        {
            { ConstantValue: { HasValue: true, Value: "" } } => true,
            IFieldReferenceOperation { Field: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_String } } => true,
            IInvocationOperation { TargetMethod: { Name: "Empty", ContainingType.Name: "Array", ContainingNamespace.Name: "System" }, Arguments.Length: 0 } => true,
            IArrayCreationOperation { DimensionSizes.Length: 1 } array => array.DimensionSizes[0].ConstantValue is { HasValue: true, Value: 0 },
            ICollectionExpressionOperation { Elements.Length: 0 } => true,
            _ => false,
        };
    }
}
