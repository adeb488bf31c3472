using System;
using Durability.Analyzers.Configuration;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// Methods whose name promises durability (Sync, Fsync, FlushToDisk, MakeDurable, a Java port's <c>Force(bool)</c>) or
/// that take a <c>flushToDisk</c> flag: a flush there that only reaches the page cache breaks the method's contract,
/// whatever the type is called, as when a FlushToDisk helper falls back to Flush() for wrapped streams.
/// </summary>
internal static class DurableMethodNames
{
    // The flag's name in any case: a type whose text never spells it declares no method taking it.
    private static readonly string[] FlushToDiskWords = { "flushToDisk" };

    public static bool PromisesDurability(IMethodSymbol method)
    {
        if (NamePromises(method.Name) || IsJavaForce(method))
        {
            return true;
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

    /// <summary>True for a name that promises durability by its words: Sync, Fsync, Durable, ...ToDisk (<c>_flushToDisk</c>, <c>SyncWrites</c>).</summary>
    public static bool NamePromises(string name)
    {
        var words = NameWords.Split(name);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (Is(word, "Sync") || Is(word, "Fsync") || Is(word, "Fdatasync") || Is(word, "Durable") || Is(word, "Durably") ||
                (Is(word, "Disk") && i > 0 && Is(words[i - 1], "To")))
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

    // Force(bool metaData): Java's FileChannel.force, the fsync of code ported from Java (Sharpen, a git or Lucene port).
    private static bool IsJavaForce(IMethodSymbol method) =>
        method is { Name: "Force", Parameters.Length: 1 } && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean;

    /// <summary>True when some method declared in <paramref name="type"/> promises durability.</summary>
    public static bool AnyIn(INamedTypeSymbol type)
    {
        // Asked of every type that flushes: the names first, then the members only of a type whose text spells the flag.
        foreach (var name in type.MemberNames)
        {
            if ((NamePromises(name) && AnyOrdinaryMethodIn(type.GetMembers(name), byNameAlone: true)) ||
                (name == "Force" && AnyOrdinaryMethodIn(type.GetMembers(name), byNameAlone: false)))
            {
                return true;
            }
        }

        return SourceTextSearch.AnyDeclarationContains(type, FlushToDiskWords, System.Threading.CancellationToken.None, StringComparison.OrdinalIgnoreCase) &&
               AnyOrdinaryMethodIn(type.GetMembers(), byNameAlone: false);
    }

    /// <summary>
    /// True when some method declared in <paramref name="type"/> takes a <c>flushToDisk</c> flag (<c>Flush(bool flushToDisk)</c>,
    /// as FileStream's own): the type manages a file's way to the disk. A name alone is not enough to make a whole type
    /// storage code: a utility class offers SaveDurably beside a plain SaveText its callers sync.
    /// </summary>
    public static bool AnyFlushToDiskFlagIn(INamedTypeSymbol type) =>
        SourceTextSearch.AnyDeclarationContains(type, FlushToDiskWords, System.Threading.CancellationToken.None, StringComparison.OrdinalIgnoreCase) &&
        AnyMethodWithFlagIn(type.GetMembers());

    private static bool AnyMethodWithFlagIn(System.Collections.Immutable.ImmutableArray<ISymbol> members)
    {
        foreach (var member in members)
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
            {
                foreach (var parameter in method.Parameters)
                {
                    if (parameter.Type.SpecialType == SpecialType.System_Boolean && Is(parameter.Name, "flushToDisk"))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool AnyOrdinaryMethodIn(System.Collections.Immutable.ImmutableArray<ISymbol> members, bool byNameAlone)
    {
        foreach (var member in members)
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && (byNameAlone || PromisesDurability(method)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Is(string word, string wanted) => string.Equals(word, wanted, StringComparison.OrdinalIgnoreCase);
}
