using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Whether the arguments that open a file ask for <c>FileOptions.WriteThrough</c> (O_SYNC, FILE_FLAG_WRITE_THROUGH): as a
/// constant, or'ed with other options, in a <c>FileStreamOptions</c> initializer, or kept in a local or field whose
/// declaration says WriteThrough (<c>static readonly FileStreamOptions LogOptions = new() { Options = FileOptions.WriteThrough }</c>).
/// </summary>
internal static class WriteThroughOptions
{
    private const string WriteThroughName = "WriteThrough";

    /// <summary>True when any of <paramref name="arguments"/> asks for write-through.</summary>
    public static bool AnyIn(ImmutableArray<IArgumentOperation> arguments, FileApiModel files)
    {
        foreach (var argument in arguments)
        {
            if (Requests(FileApiModel.StripConversions(argument.Value), files))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Requests(IOperation? value, FileApiModel files)
    {
        switch (value)
        {
            case null:
                return false;
            case { ConstantValue: { HasValue: true, Value: int options } } when files.IsFileOptions(value.Type):
                return (options & int.MinValue) != 0;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Or } combined when files.IsFileOptions(value.Type):
                return Requests(FileApiModel.StripConversions(combined.LeftOperand), files) || Requests(FileApiModel.StripConversions(combined.RightOperand), files);
            case IObjectCreationOperation { Initializer: { } initializer } options when IsFileStreamOptions(options.Type, files):
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Options" } } assignment &&
                        Requests(FileApiModel.StripConversions(assignment.Value), files))
                    {
                        return true;
                    }
                }

                return false;
            case ILocalReferenceOperation local when files.IsFileOptions(local.Type) || IsFileStreamOptions(local.Type, files):
                return DeclarationSaysWriteThrough(local.Local);
            case IFieldReferenceOperation field when files.IsFileOptions(field.Type) || IsFileStreamOptions(field.Type, files):
                return DeclarationSaysWriteThrough(field.Field);
            default:
                return false;
        }
    }

    // The declaration's initializer, read as syntax: a field may be declared in another file, whose operations a
    // callback for this one must not ask for.
    private static bool DeclarationSaysWriteThrough(ISymbol variable)
    {
        foreach (var reference in variable.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initializer })
            {
                foreach (var node in initializer.DescendantNodesAndSelf())
                {
                    if (node is IdentifierNameSyntax { Identifier.ValueText: WriteThroughName })
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool IsFileStreamOptions(ITypeSymbol? type, FileApiModel files) =>
        files.FileStreamOptions is not null && SymbolEqualityComparer.Default.Equals(type, files.FileStreamOptions);
}
