using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Durability.Analyzers.Model;

/// <summary>
/// Methods whose own comment tells callers they make data durable: "Asynchronously flushes buffered data to disk",
/// "Persists the batch durably", "fsyncs the log". In storage code a flush there that stops at the page cache breaks
/// what the comment promised, as a <c>Sync()</c> that only flushes does. Only documentation comments count, and one that
/// denies it ("does not fsync", "not to disk", "without") promises nothing.
/// </summary>
internal static class DocumentedDurability
{
    private static readonly string[] Verbs = { "flush", "sync", "persist" };
    private static readonly string[] Places = { "disk", "durabl", "stable storage" };
    private static readonly string[] OnTheirOwn = { "fsync", "power fail", "power loss", "power cut" };
    private static readonly string[] Denials = { "not ", "n't", "never", "without", "only to the os", "page cache" };

    public static bool Promises(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            foreach (var trivia in reference.GetSyntax(cancellationToken).GetLeadingTrivia())
            {
                if (IsComment(trivia) && Says(trivia.ToFullString()))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Only documentation, what callers read: a plain comment above a member often explains the type's other members.
    // Without /doc the compiler reads /// lines as plain comments, so those count by their slashes.
    private static bool IsComment(SyntaxTrivia trivia) =>
        trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia) ||
        (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && trivia.ToString().StartsWith("///", StringComparison.Ordinal));

    private static bool Says(string comment) =>
        !ContainsAny(comment, Denials) && (ContainsAny(comment, OnTheirOwn) || (ContainsAny(comment, Verbs) && ContainsAny(comment, Places)));

    private static bool ContainsAny(string text, string[] words)
    {
        foreach (var word in words)
        {
            if (text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
