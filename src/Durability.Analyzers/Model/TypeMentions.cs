using System.Threading;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// A syntax-only first look at a type: does any of its declarations spell one of the given identifiers? A type that
/// never writes <c>Move</c> or <c>FileStream</c> cannot call them, and then no operation tree need be built for it.
/// </summary>
internal static class TypeMentions
{
    public static bool Any(INamedTypeSymbol type, string[] identifiers, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var token in reference.GetSyntax(cancellationToken).DescendantTokens())
            {
                if (token.RawKind != (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken)
                {
                    continue;
                }

                var text = token.ValueText;
                foreach (var identifier in identifiers)
                {
                    if (text == identifier)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
