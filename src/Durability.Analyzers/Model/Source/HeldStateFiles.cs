using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Durability.Analyzers.Model;

/// <summary>
/// A stream or writer field opened on a file its type keeps state in (<see cref="StateFiles"/>): an access list that reads
/// its file at start and keeps it open to append each new entry. Every flush of that field is written as if it made the
/// entry safe, and the type is storage code for DUR001 whatever it is called.
/// </summary>
internal static class HeldStateFiles
{
    /// <summary>
    /// True when a stream, writer or handle field of <paramref name="type"/> is opened on one of <paramref name="stateFiles"/>,
    /// other than a lock's (a pid written into a file deleted on close, which a stale-lock check reads back).
    /// </summary>
    public static bool AnyIn(INamedTypeSymbol type, HashSet<string> stateFiles, Compilation compilation, FileApiModel files, CancellationToken cancellationToken)
    {
        var held = new HashSet<string>();
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol field && files.IsTrackedType(field.Type))
            {
                held.Add(field.Name);
            }
        }

        if (held.Count == 0)
        {
            return false;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                var value = node switch
                {
                    AssignmentExpressionSyntax { Left: var target, Right: var assigned } when held.Contains(NameOf(target)) => assigned,
                    VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax, Initializer.Value: var initial } declarator
                        when held.Contains(declarator.Identifier.ValueText) => initial,
                    _ => null,
                };
                if (value is not null && StateFiles.Names(value, stateFiles) && !OpensAuxiliaryFile(value, compilation, files, cancellationToken))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool OpensAuxiliaryFile(ExpressionSyntax value, Compilation compilation, FileApiModel files, CancellationToken cancellationToken)
    {
        var origin = files.ClassifyValue(compilation.GetSemanticModel(value.SyntaxTree).GetOperation(value, cancellationToken));
        return origin.Kind == StreamOriginKind.AuxiliaryFile || (origin.Kind == StreamOriginKind.Wrapper && origin.UnderlyingKind == StreamOriginKind.AuxiliaryFile);
    }

    private static string NameOf(ExpressionSyntax target) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
        _ => string.Empty,
    };
}
