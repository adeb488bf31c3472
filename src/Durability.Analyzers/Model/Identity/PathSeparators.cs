using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Whether an expression is a directory separator: "/" or "\\", Path.DirectorySeparatorChar or
/// AltDirectorySeparatorChar (also as a string), or a field initialised with one of those, as storage code keeps it
/// (<c>private string _S = Path.DirectorySeparatorChar.ToString();</c>). Paths built as <c>dir + _S + name</c> then
/// lie in <c>dir</c>.
/// </summary>
internal static class PathSeparators
{
    /// <summary>The characters that separate directories in a path, on any platform.</summary>
    public static readonly char[] Characters = { '/', '\\' };

    public static bool IsSeparator(IOperation operation)
    {
        operation = FileApiModel.StripConversions(operation) ?? operation;
        switch (operation)
        {
            case { ConstantValue: { HasValue: true, Value: string text } }:
                return text is "/" or "\\";
            case { ConstantValue: { HasValue: true, Value: char character } }:
                return character is '/' or '\\';
            case IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance, Arguments.Length: 0 }:
                return IsSeparator(instance);
            case IFieldReferenceOperation { Field: { Name: "DirectorySeparatorChar" or "AltDirectorySeparatorChar" } separator } when SystemIO.Is(separator.ContainingType, "Path"):
                return true;
            case IFieldReferenceOperation { Field: { } field }:
                return IsSeparatorField(field);
            default:
                return false;
        }
    }

    // Read from the field's declaration: a readonly-in-practice field whose initializer spells a separator.
    private static bool IsSeparatorField(IFieldSymbol field)
    {
        if (field.Type.SpecialType is not (SpecialType.System_String or SpecialType.System_Char) || field.DeclaringSyntaxReferences.Length != 1 ||
            field.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } initializer })
        {
            return false;
        }

        return initializer switch
        {
            LiteralExpressionSyntax literal => literal.Token.Value is "/" or "\\" or '/' or '\\',
            _ => initializer.ToString().Contains("DirectorySeparatorChar"),
        };
    }
}
