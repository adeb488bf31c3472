using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// The text keys <see cref="FileIdentity"/> and <see cref="DirectoryIdentity"/> are made of: a variable by its kind and
/// name, a constant by its value with one kind of slash, anything else by its code without spaces.
/// </summary>
internal static class PathKeys
{
    /// <summary>A stable text for an expression: the symbol for variables, the value for constants, else the code without spaces.</summary>
    public static string Of(IOperation operation)
    {
        operation = FileApiModel.StripConversions(operation) ?? operation;
        return operation switch
        {
            { ConstantValue: { HasValue: true, Value: string constant } } => "\"" + constant.Replace('\\', '/') + "\"",
            ILocalReferenceOperation local => OfVariable(local.Local)!,
            IParameterReferenceOperation parameter => OfVariable(parameter.Parameter)!,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => OfVariable(field.Field)!,
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property => OfVariable(property.Property)!,
            _ => NodeText.WithoutWhitespace(operation.Syntax),
        };
    }

    /// <summary>
    /// The key <see cref="Of"/> gives a reference to <paramref name="variable"/>: a local, a parameter, or a field
    /// or property of this object or of the type. Null for other symbols.
    /// </summary>
    public static string? OfVariable(ISymbol variable) => variable switch
    {
        ILocalSymbol => "local:" + variable.Name,
        IParameterSymbol => "parameter:" + variable.Name,
        IFieldSymbol or IPropertySymbol => "member:" + variable.Name,
        _ => null,
    };
}
