using System;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Configuration;

/// <summary>
/// A list of type-name patterns. An entry with '*' is a glob matched against the type's name and its
/// fully qualified name; any other entry is a word matched, ignoring case, against the words of the
/// type's name, its containing types' names and its namespace's names.
/// </summary>
internal sealed class TypeNamePatterns
{
    private readonly string[] _words;
    private readonly Regex[] _globs;

    private TypeNamePatterns(string[] words, Regex[] globs)
    {
        _words = words;
        _globs = globs;
    }

    public static TypeNamePatterns Parse(string[] entries)
    {
        var words = new System.Collections.Generic.List<string>();
        var globs = new System.Collections.Generic.List<Regex>();
        foreach (var entry in entries)
        {
            if (entry.IndexOf('*') >= 0)
            {
                var pattern = "^" + Regex.Escape(entry).Replace("\\*", ".*") + "$";
                globs.Add(new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase));
            }
            else
            {
                words.Add(entry);
            }
        }

        return new TypeNamePatterns(words.ToArray(), globs.ToArray());
    }

    public bool IsEmpty => _words.Length == 0 && _globs.Length == 0;

    public bool Matches(INamedTypeSymbol type)
    {
        if (_globs.Length > 0)
        {
            var fullName = type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
            foreach (var glob in _globs)
            {
                if (glob.IsMatch(type.Name) || glob.IsMatch(fullName))
                {
                    return true;
                }
            }
        }

        if (_words.Length == 0)
        {
            return false;
        }

        for (ISymbol? current = type; current is not null; current = current.ContainingSymbol)
        {
            if (current is INamespaceSymbol { IsGlobalNamespace: true })
            {
                break;
            }

            if (NameHasWord(current.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="name"/> alone (not its containers) has one of the words.</summary>
    public bool NameHasWord(string name)
    {
        foreach (var word in NameWords.Split(name))
        {
            foreach (var wanted in _words)
            {
                if (string.Equals(word, wanted, StringComparison.OrdinalIgnoreCase) || IsPluralOf(word, wanted))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Plurals that name something else: a Logs folder holds diagnostics, Pages is where ASP.NET keeps its Razor pages, and
    // Devices is Azure IoT's namespace (Microsoft.Azure.Devices), not a storage device.
    private static readonly string[] PluralsOfOtherThings = { "Logs", "Pages", "Devices" };

    // A namespace names what it holds in the plural (Acme.DataStores, Storage.Segments, Repositories).
    private static bool IsPluralOf(string word, string wanted)
    {
        var stem = wanted.Length > 1 && wanted.EndsWith("y", StringComparison.OrdinalIgnoreCase) ? wanted.Substring(0, wanted.Length - 1) : wanted;
        if (word.Length <= wanted.Length || !word.StartsWith(stem, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var other in PluralsOfOtherThings)
        {
            if (string.Equals(word, other, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        var ending = word.Substring(wanted.Length);
        return string.Equals(ending, "s", StringComparison.OrdinalIgnoreCase) || string.Equals(ending, "es", StringComparison.OrdinalIgnoreCase) ||
               (wanted.EndsWith("y", StringComparison.OrdinalIgnoreCase) && string.Equals(word.Substring(wanted.Length - 1), "ies", StringComparison.OrdinalIgnoreCase));
    }
}
