using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Durability.Analyzers.Configuration;

/// <summary>Splits identifiers into their words: "SSTableWriter" gives SS, Table, Writer; "write_ahead_log" gives write, ahead, log.</summary>
internal static class NameWords
{
    // Every rule asks about the same type and member names, several times each; the words of a name are found once. A
    // long-lived host (the IDE) meets new names as code is typed: the cache starts over when it grows past this.
    private const int MaxRemembered = 16_384;

    private static readonly ConcurrentDictionary<string, string[]> Remembered = new(System.StringComparer.Ordinal);

    /// <summary>The words of <paramref name="identifier"/>, in order; the array is shared and must not be changed.</summary>
    public static string[] Split(string identifier)
    {
        if (Remembered.TryGetValue(identifier, out var known))
        {
            return known;
        }

        var words = Compute(identifier);
        if (Remembered.Count >= MaxRemembered)
        {
            Remembered.Clear();
        }

        Remembered.TryAdd(identifier, words);
        return words;
    }

    /// <summary>True when a word of <paramref name="identifier"/> is one of <paramref name="words"/>, ignoring case.</summary>
    public static bool HasAnyWord(string identifier, string[] words)
    {
        foreach (var word in Split(identifier))
        {
            foreach (var candidate in words)
            {
                if (string.Equals(word, candidate, System.StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string[] Compute(string identifier)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 1; i <= identifier.Length; i++)
        {
            if (i == identifier.Length || IsBoundary(identifier, i))
            {
                AddWord(words, identifier, start, i);
                start = i;
            }
        }

        return words.ToArray();
    }

    private static bool IsBoundary(string s, int i)
    {
        char previous = s[i - 1], current = s[i];
        if (current == '_' || previous == '_')
        {
            return true;
        }

        if (char.IsLower(previous) && char.IsUpper(current))
        {
            return true;
        }

        if (char.IsDigit(previous) != char.IsDigit(current))
        {
            return true;
        }

        // The last capital of a run starts the next word: "SSTable" is SS + Table.
        return char.IsUpper(previous) && char.IsUpper(current) && i + 1 < s.Length && char.IsLower(s[i + 1]);
    }

    private static void AddWord(List<string> words, string s, int start, int end)
    {
        var word = s.Substring(start, end - start).Trim('_');
        if (word.Length > 0)
        {
            words.Add(word);
        }
    }
}
