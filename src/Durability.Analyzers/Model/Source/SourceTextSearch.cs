using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Durability.Analyzers.Model;

/// <summary>
/// Whether a stretch of source text contains a word: the cheap test each rule runs before it asks the driver
/// for the operations of a type or a body. A body whose text never says "Flush" holds no flush to report, and
/// the driver then never calls the rule for its operations. Reads the text in chunks through one buffer per
/// thread; allocates nothing.
/// </summary>
internal static class SourceTextSearch
{
    private const int ChunkLength = 4096;

    [ThreadStatic]
    private static char[]? t_buffer;

    /// <summary>True when the text of <paramref name="tree"/> within <paramref name="span"/> contains any of <paramref name="words"/> (ordinal).</summary>
    public static bool ContainsAny(SyntaxTree tree, TextSpan span, string[] words, System.Threading.CancellationToken cancellationToken)
    {
        var text = tree.GetText(cancellationToken);
        var longest = 0;
        foreach (var word in words)
        {
            longest = Math.Max(longest, word.Length);
        }

        var buffer = t_buffer ??= new char[ChunkLength];
        var end = Math.Min(span.End, text.Length);
        for (var start = span.Start; start < end; start += ChunkLength - longest + 1)
        {
            var length = Math.Min(ChunkLength, end - start);
            text.CopyTo(start, buffer, 0, length);
            var chunk = new ReadOnlySpan<char>(buffer, 0, length);
            foreach (var word in words)
            {
                if (chunk.IndexOf(word.AsSpan()) >= 0)
                {
                    return true;
                }
            }

            if (start + length >= end)
            {
                break;
            }
        }

        return false;
    }

    /// <summary>Adds to <paramref name="positions"/> every position within <paramref name="span"/> where <paramref name="word"/> starts.</summary>
    public static void FindAll(
        SyntaxTree tree, TextSpan span, string word, System.Collections.Generic.List<int> positions, System.Threading.CancellationToken cancellationToken,
        StringComparison comparison = StringComparison.Ordinal)
    {
        var text = tree.GetText(cancellationToken);
        var buffer = t_buffer ??= new char[ChunkLength];
        var end = Math.Min(span.End, text.Length);
        var step = ChunkLength - word.Length + 1;
        for (var start = span.Start; start < end; start += step)
        {
            var length = Math.Min(ChunkLength, end - start);
            text.CopyTo(start, buffer, 0, length);
            var chunk = new ReadOnlySpan<char>(buffer, 0, length);
            for (var offset = 0; offset <= length - word.Length;)
            {
                var found = chunk.Slice(offset).IndexOf(word.AsSpan(), comparison);
                if (found < 0)
                {
                    break;
                }

                // A match that starts in the overlap is found again by the next chunk.
                if (offset + found < step || start + length >= end)
                {
                    positions.Add(start + offset + found);
                }

                offset += found + 1;
            }

            if (start + length >= end)
            {
                break;
            }
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
    public static bool AnyDeclarationContains(ISymbol symbol, string[] words, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (ContainsAny(reference.SyntaxTree, reference.Span, words, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }
}
