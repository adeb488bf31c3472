using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Durability.Analyzers.Model;

/// <summary>
/// Whether what a call writes is made afresh each time it runs: a key (<c>new RSACryptoServiceProvider(2048)</c>,
/// <c>rsa.ExportParameters(true)</c>, <c>RandomNumberGenerator.GetBytes(32)</c>) or an id (<c>Guid.NewGuid()</c>). Such a
/// file written when missing does not come back the same after a crash lost it: the next start makes another key, and
/// whatever the first one was registered or encrypted with is lost. Read from syntax alone,
/// with the locals the call names followed to what is assigned to them.
/// </summary>
internal static class GeneratedValues
{
    // First words of names that make a value afresh (GenerateKey, RandomNumberGenerator, RSACryptoServiceProvider, ExportParameters).
    private static readonly string[] FirstWords = { "Generate", "Random", "RSA", "Aes", "HMAC", "Export" };

    // Whole names that do: a new id, a key pair. Not the clock: a default stamped with its creation time comes back stamped
    // anew, and nothing outside the program holds the first stamp as it holds a registered key or a node's id.
    private static readonly string[] Names = { "NewGuid", "GetRandomBytes", "RNGCryptoServiceProvider", "ECDsa", "ECDiffieHellman", "CreateKey" };

    private const int MaxLocalDepth = 2;

    /// <summary>True when an argument of <paramref name="call"/> holds a value made afresh, directly or through a local of <paramref name="member"/>.</summary>
    public static bool AreWrittenBy(SyntaxNode call, MemberDeclarationSyntax member) =>
        AnyIn(call is InvocationExpressionSyntax invocation ? invocation.ArgumentList : call, member, 0);

    private static bool AnyIn(SyntaxNode node, MemberDeclarationSyntax member, int depth)
    {
        foreach (var part in node.DescendantNodesAndSelf())
        {
            if (part is not IdentifierNameSyntax { Identifier.ValueText: var name })
            {
                continue;
            }

            if (System.Array.IndexOf(Names, name) >= 0 || Configuration.DurabilityIntent.EdgeWordIs(name, FirstWords, last: false))
            {
                return true;
            }

            if (depth < MaxLocalDepth && AnyAssignedIn(member, name, depth))
            {
                return true;
            }
        }

        return false;
    }

    // var rsa = new RSACryptoServiceProvider(2048), or rsa = ... later: what a local named in the call was given.
    private static bool AnyAssignedIn(MemberDeclarationSyntax member, string local, int depth)
    {
        foreach (var node in member.DescendantNodes())
        {
            var value = node switch
            {
                VariableDeclaratorSyntax { Initializer.Value: var initial } declarator when declarator.Identifier.ValueText == local => initial,
                AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: var assigned }, Right: var right } when assigned == local => right,
                _ => null,
            };
            if (value is not null && AnyIn(value, member, depth + 1))
            {
                return true;
            }
        }

        return false;
    }
}
