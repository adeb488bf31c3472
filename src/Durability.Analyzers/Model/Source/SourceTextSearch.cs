using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Durability.Analyzers.Model;

/// <summary>
/// Whether a stretch of source text contains a word: the cheap test each rule runs before it asks the driver
/// for the operations of a type or a body. A body whose text never says "Flush" holds no flush to report, and
/// the driver then never calls the rule for its operations. Searches the file's text as one string: a text made from
/// a string (what the compiler makes of most files) gives back that string; a larger file's chunked text is copied,
/// and the copy kept for the thread's next question about the same file.
/// </summary>
internal static class SourceTextSearch
{
    // The last text each thread asked for: a rule reads one file many times in a row.
    [ThreadStatic]
    private static SourceText? t_lastText;

    [ThreadStatic]
    private static string? t_lastString;

    /// <summary>The whole text of <paramref name="tree"/> as one string.</summary>
    public static string TextOf(SyntaxTree tree, System.Threading.CancellationToken cancellationToken)
    {
        var text = tree.GetText(cancellationToken);
        if (ReferenceEquals(text, t_lastText) && t_lastString is { } last)
        {
            return last;
        }

        var whole = text.ToString();
        t_lastText = text;
        t_lastString = whole;
        return whole;
    }

    /// <summary>True when the text of <paramref name="tree"/> within <paramref name="span"/> contains any of <paramref name="words"/> (ordinal).</summary>
    public static bool ContainsAny(
        SyntaxTree tree, TextSpan span, string[] words, System.Threading.CancellationToken cancellationToken, StringComparison comparison = StringComparison.Ordinal)
    {
        var text = TextOf(tree, cancellationToken);
        var end = Math.Min(span.End, text.Length);
        if (span.Start >= end)
        {
            return false;
        }

        var searched = text.AsSpan(span.Start, end - span.Start);
        foreach (var word in words)
        {
            if (IsCall(word) ? IndexOfCall(searched, word, comparison) >= 0 : IndexOf(searched, word.AsSpan(), comparison) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The index in <paramref name="text"/> just past the white space after <paramref name="at"/>: <c>File.Move (a, b)</c>,
    /// as Mono-era code spells its calls, is <c>File.Move(a, b)</c>.
    /// </summary>
    public static int SkipWhiteSpace(ReadOnlySpan<char> text, int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }

        return at;
    }

    // A word that ends in "(" is a call: its name followed by the parenthesis, white space between them allowed.
    private static bool IsCall(string word) => word.Length > 1 && word[word.Length - 1] == '(';

    private static int IndexOfCall(ReadOnlySpan<char> text, string word, StringComparison comparison)
    {
        var name = word.AsSpan(0, word.Length - 1);
        for (var at = 0; at <= text.Length - name.Length;)
        {
            var found = IndexOf(text.Slice(at), name, comparison);
            if (found < 0)
            {
                return -1;
            }

            var after = SkipWhiteSpace(text, at + found + name.Length);
            if (after < text.Length && text[after] == '(')
            {
                return at + found;
            }

            at += found + 1;
        }

        return -1;
    }

    private static int IndexOf(ReadOnlySpan<char> text, ReadOnlySpan<char> word, StringComparison comparison) =>
        comparison == StringComparison.Ordinal ? text.IndexOf(word) : text.IndexOf(word, comparison);

    /// <summary>
    /// Adds to <paramref name="positions"/> every position within <paramref name="span"/> where <paramref name="word"/> starts
    /// (a word that ends in "(" is a call, and may have white space before its parenthesis).
    /// </summary>
    public static void FindAll(
        SyntaxTree tree, TextSpan span, string word, System.Collections.Generic.List<int> positions, System.Threading.CancellationToken cancellationToken,
        StringComparison comparison = StringComparison.Ordinal)
    {
        var text = TextOf(tree, cancellationToken);
        var end = Math.Min(span.End, text.Length);
        var call = IsCall(word);
        var searched = call ? word.Substring(0, word.Length - 1) : word;
        for (var at = span.Start; at <= end - searched.Length;)
        {
            var rest = text.AsSpan(at, end - at);
            var found = call ? IndexOfCall(rest, word, comparison) : IndexOf(rest, searched.AsSpan(), comparison);
            if (found < 0)
            {
                break;
            }

            positions.Add(at + found);
            at += found + 1;
        }
    }

    /// <summary>True when the text of any of <paramref name="blocks"/> (a body, an initializer) contains any of <paramref name="words"/>.</summary>
    public static bool AnyContains(System.Collections.Immutable.ImmutableArray<IOperation> blocks, string[] words, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var block in blocks)
        {
            if (ContainsAny(block.Syntax.SyntaxTree, block.Syntax.Span, words, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the text of any declaration of <paramref name="symbol"/> contains any of <paramref name="words"/>.</summary>
    public static bool AnyDeclarationContains(
        ISymbol symbol, string[] words, System.Threading.CancellationToken cancellationToken, StringComparison comparison = StringComparison.Ordinal)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (ContainsAny(reference.SyntaxTree, reference.Span, words, cancellationToken, comparison))
            {
                return true;
            }
        }

        return false;
    }
}
