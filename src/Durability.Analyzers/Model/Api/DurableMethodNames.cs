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
        return NamePromises(method.Name) || IsJavaForce(method) || TakesFlushToDiskFlag(method);
    }

    // Flush(bool flushToDisk), as FileStream's own.
    private static bool TakesFlushToDiskFlag(IMethodSymbol method)
    {
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
    public static bool NamePromises(string name) => NameHasPromise(name, bareSync: true);

    // Fsync, Durable, ...ToDisk; with bareSync, Sync too (a file-sync client's methods spell it for the network).
    private static bool NameHasPromise(string name, bool bareSync)
    {
        var words = NameWords.Split(name);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if ((bareSync && Is(word, "Sync")) || Is(word, "Fsync") || Is(word, "Fdatasync") || Is(word, "Durable") || Is(word, "Durably") ||
                (Is(word, "Disk") && i > 0 && Is(words[i - 1], "To")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True for a commit (<c>Commit</c>, <c>CommitAsync</c>, <c>TryCommitBatch</c>; not <c>WriteCommitRecord</c>, where the word
    /// names a thing): in storage code a commit tells its caller
    /// the data is durable when it returns. Not a promise on its own, since in-memory transactions commit too: the rules
    /// hold a commit to it only in types that intend durability.
    /// </summary>
    public static bool Commits(IMethodSymbol method) => CommitsByName(method.Name);

    /// <summary>True when some member of <paramref name="type"/> is named for committing (<see cref="Commits"/>), by its name alone.</summary>
    public static bool AnyCommitIn(INamedTypeSymbol type)
    {
        foreach (var name in type.MemberNames)
        {
            if (CommitsByName(name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool CommitsByName(string name)
    {
        foreach (var word in NameWords.Split(name))
        {
            if (Is(word, "Commit"))
            {
                return true;
            }

            // RewindPendingCommitBytes, WriteCommitRecord, GetCommitPosition: a commit named as a thing, not done.
            if (Array.IndexOf(CommitPrefixes, word) < 0)
            {
                return false;
            }
        }

        return false;
    }

    // Words that may come before the verb in a commit's name: TryCommit, DoCommitAsync, FlushAndCommit.
    private static readonly string[] CommitPrefixes = { "Try", "Do", "Begin", "End", "Perform", "Execute", "Internal", "Flush", "Sync", "Save", "And", "Then" };

    // Force(bool metaData): Java's FileChannel.force, the fsync of code ported from Java (Sharpen, a git or Lucene port).
    private static bool IsJavaForce(IMethodSymbol method) =>
        method is { Name: "Force", Parameters.Length: 1 } && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean;

    /// <summary>True when some method declared in <paramref name="type"/> promises durability.</summary>
    public static bool AnyIn(INamedTypeSymbol type)
    {
        // Asked of every type that flushes: the names first, then the members only of a type whose text spells the flag.
        foreach (var name in type.MemberNames)
        {
            if ((NamePromises(name) && AnyOrdinaryMethodIn(type.GetMembers(name), static _ => true)) ||
                (name == "Force" && AnyOrdinaryMethodIn(type.GetMembers(name), static method => PromisesDurability(method))))
            {
                return true;
            }
        }

        return SourceTextSearch.AnyDeclarationContains(type, FlushToDiskWords, System.Threading.CancellationToken.None, StringComparison.OrdinalIgnoreCase) &&
               AnyOrdinaryMethodIn(type.GetMembers(), static method => PromisesDurability(method));
    }

    /// <summary>
    /// True when some method declared in <paramref name="type"/> takes a <c>flushToDisk</c> flag (<c>Flush(bool flushToDisk)</c>,
    /// as FileStream's own): the type manages a file's way to the disk. A name alone is not enough to make a whole type
    /// storage code: a utility class offers SaveDurably beside a plain SaveText its callers sync.
    /// </summary>
    public static bool AnyFlushToDiskFlagIn(INamedTypeSymbol type) =>
        SourceTextSearch.AnyDeclarationContains(type, FlushToDiskWords, System.Threading.CancellationToken.None, StringComparison.OrdinalIgnoreCase) &&
        AnyOrdinaryMethodIn(type.GetMembers(), static method => TakesFlushToDiskFlag(method));

    /// <summary>
    /// True when some method declared in <paramref name="type"/> is named for reaching the disk (<c>FlushToDisk</c>,
    /// <c>Fsync</c>, <c>MakeDurable</c>): not the bare <c>Sync</c>, which a file-sync client's methods spell for the network.
    /// </summary>
    public static bool AnyDiskPromiseIn(INamedTypeSymbol type)
    {
        foreach (var name in type.MemberNames)
        {
            if (NameHasPromise(name, bareSync: false) && AnyOrdinaryMethodIn(type.GetMembers(name), static _ => true))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyOrdinaryMethodIn(System.Collections.Immutable.ImmutableArray<ISymbol> members, Func<IMethodSymbol, bool> qualifies)
    {
        foreach (var member in members)
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && qualifies(method))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Is(string word, string wanted) => string.Equals(word, wanted, StringComparison.OrdinalIgnoreCase);
}
