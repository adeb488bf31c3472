using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Durability.Analyzers.Model;

/// <summary>
/// A get-only property of source code that only returns one field of its own type (<c>BinaryWriter Writer =&gt; _writer;</c>,
/// <c>get { return _writer; }</c>): reading it is reading the field, so <c>Writer.Flush()</c> flushes <c>_writer</c>.
/// Read from the property's syntax alone, and kept per property symbol.
/// </summary>
internal static class ExposedFields
{
    private static readonly ConditionalWeakTable<IPropertySymbol, StrongBox<IFieldSymbol?>> Known = new();

    private static readonly ConditionalWeakTable<IPropertySymbol, StrongBox<IFieldSymbol?>>.CreateValueCallback Read =
        property => new StrongBox<IFieldSymbol?>(FieldReturnedBy(property));

    /// <summary>The field <paramref name="property"/> returns and nothing else, or null.</summary>
    public static IFieldSymbol? Of(IPropertySymbol property) =>
        property.SetMethod is null && !property.IsIndexer && !property.IsAbstract && property.DeclaringSyntaxReferences.Length == 1
            ? Known.GetValue(property, Read).Value
            : null;

    private static IFieldSymbol? FieldReturnedBy(IPropertySymbol property)
    {
        if (property.DeclaringSyntaxReferences[0].GetSyntax() is not PropertyDeclarationSyntax declaration)
        {
            return null;
        }

        var returned = declaration.ExpressionBody?.Expression;
        if (returned is null && declaration.AccessorList is { Accessors: { Count: 1 } accessors } && accessors[0].IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.GetAccessorDeclaration))
        {
            returned = accessors[0].ExpressionBody?.Expression ??
                       (accessors[0].Body is { Statements: { Count: 1 } statements } && statements[0] is ReturnStatementSyntax { Expression: { } value } ? value : null);
        }

        var name = returned switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member } => member.Identifier.ValueText,
            _ => null,
        };
        if (name is null)
        {
            return null;
        }

        IFieldSymbol? found = null;
        foreach (var member in property.ContainingType.GetMembers(name))
        {
            if (member is IFieldSymbol field && field.IsStatic == property.IsStatic)
            {
                found = field;
            }
        }

        return found;
    }
}
