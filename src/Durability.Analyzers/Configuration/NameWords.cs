using System.Collections.Generic;

namespace Durability.Analyzers.Configuration;

/// <summary>Splits identifiers into their words: "SSTableWriter" gives SS, Table, Writer; "write_ahead_log" gives write, ahead, log.</summary>
internal static class NameWords
{
    public static List<string> Split(string identifier)
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

        return words;
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
