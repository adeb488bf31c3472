using System;
using Durability.Analyzers.Configuration;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// Methods whose name promises durability (Sync, Fsync, FlushToDisk, MakeDurable) or that take a
/// <c>flushToDisk</c> flag: a flush there that only reaches the page cache breaks the method's contract,
/// whatever the type is called, as when a FlushToDisk helper falls back to Flush() for wrapped streams.
/// </summary>
internal static class DurableMethodNames
{
    public static bool PromisesDurability(IMethodSymbol method)
    {
        var words = NameWords.Split(method.Name);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (Is(word, "Sync") || Is(word, "Fsync") || Is(word, "Fdatasync") || Is(word, "Durable") || Is(word, "Durably") ||
                (Is(word, "Disk") && i > 0 && Is(words[i - 1], "To")))
            {
                return true;
            }
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_Boolean && Is(parameter.Name, "flushToDisk"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True for a commit (<c>Commit</c>, <c>CommitAsync</c>, <c>TryCommitBatch</c>): in storage code a commit tells its caller
    /// the data is durable when it returns. Not a promise on its own, since in-memory transactions commit too: the rules
    /// hold a commit to it only in types that intend durability.
    /// </summary>
    public static bool Commits(IMethodSymbol method)
    {
        foreach (var word in NameWords.Split(method.Name))
        {
            if (Is(word, "Commit"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when some method declared in <paramref name="type"/> promises durability.</summary>
    public static bool AnyIn(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && PromisesDurability(method))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Is(string word, string wanted) => string.Equals(word, wanted, StringComparison.OrdinalIgnoreCase);
}
