using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Whether the arguments that open a file ask for <c>FileOptions.WriteThrough</c> (O_SYNC, FILE_FLAG_WRITE_THROUGH): as a
/// constant, or'ed with other options, in a <c>FileStreamOptions</c> initializer, or kept in a local or field whose
/// declaration says WriteThrough (<c>static readonly FileStreamOptions LogOptions = new() { Options = FileOptions.WriteThrough }</c>),
/// or an options member its own type sets to WriteThrough (<c>_options.FileOptions</c>, which the options' constructor sets).
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

    /// <summary>True when any of <paramref name="values"/> asks for write-through: the arguments of a call that does not bind.</summary>
    public static bool AnyAmong(System.Collections.Generic.IEnumerable<IOperation> values, FileApiModel files)
    {
        foreach (var value in values)
        {
            if (Requests(FileApiModel.StripConversions(value), files))
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
                return DeclarationSaysWriteThrough(field.Field) || TypeAssignsWriteThrough(field.Field);
            case IPropertyReferenceOperation property when files.IsFileOptions(property.Type) || IsFileStreamOptions(property.Type, files):
                return DeclarationSaysWriteThrough(property.Property) || TypeAssignsWriteThrough(property.Property);
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
            var initializer = reference.GetSyntax() switch
            {
                VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                PropertyDeclarationSyntax property => property.Initializer?.Value,
                _ => null,
            };
            if (initializer is not null && NamesWriteThrough(initializer))
            {
                return true;
            }
        }

        return false;
    }

    // An options member that its own type sets to WriteThrough (<c>FileOptions = FileOptions.WriteThrough</c> in the
    // options' constructor): the code offers durability as a setting, and a stream opened with it is written through
    // in the setting it chose. Read as syntax, and only for a stream that would otherwise be flushed unsynced.
    private static bool TypeAssignsWriteThrough(ISymbol member)
    {
        if (member.ContainingType is not { } type)
        {
            return false;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax().DescendantNodes())
            {
                if (node is AssignmentExpressionSyntax assignment && AssignedName(assignment.Left) == member.Name && NamesWriteThrough(assignment.Right))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string? AssignedName(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
        _ => null,
    };

    private static bool NamesWriteThrough(SyntaxNode value)
    {
        foreach (var node in value.DescendantNodesAndSelf())
        {
            if (node is IdentifierNameSyntax { Identifier.ValueText: WriteThroughName })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFileStreamOptions(ITypeSymbol? type, FileApiModel files) =>
        files.FileStreamOptions is not null && SymbolEqualityComparer.Default.Equals(type, files.FileStreamOptions);
}
