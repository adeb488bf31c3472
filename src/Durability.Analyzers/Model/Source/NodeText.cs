using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// A node's code as one string, read from its file's text: without white space (a path's key), or on one line (code quoted
/// in a message). <c>SyntaxNode.ToString()</c> walks the node's tokens and trivia and builds the text twice over; the
/// rules ask this for every path they compare, so the text is copied once into a buffer kept per thread and cut there.
/// </summary>
internal static class NodeText
{
    private const int KeptBufferLength = 16 * 1024;

    [System.ThreadStatic]
    private static char[]? t_buffer;

    /// <summary>The code of <paramref name="node"/> without any white space.</summary>
    public static string WithoutWhitespace(SyntaxNode node) => Read(node, keepOneSpace: false);

    /// <summary>The code of <paramref name="node"/> on one line: each run of white space inside it becomes one space.</summary>
    public static string OnOneLine(SyntaxNode node) => Read(node, keepOneSpace: true);

    private static string Read(SyntaxNode node, bool keepOneSpace)
    {
        var span = node.Span;
        char[] buffer;
        int length;
        if (node.SyntaxTree.TryGetText(out var text) && span.End <= text.Length)
        {
            length = span.Length;
            buffer = BufferOf(length);
            text.CopyTo(span.Start, buffer, 0, length);
        }
        else
        {
            // A tree made from nodes has no text yet: the node's own text, as before.
            var code = node.ToString();
            length = code.Length;
            buffer = BufferOf(length);
            code.CopyTo(0, buffer, 0, length);
        }

        // Compacted in place: what is kept never overtakes what is read.
        var kept = 0;
        var pendingSpace = false;
        for (var i = 0; i < length; i++)
        {
            var c = buffer[i];
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = keepOneSpace && kept > 0;
                continue;
            }

            if (pendingSpace)
            {
                buffer[kept++] = ' ';
                pendingSpace = false;
            }

            buffer[kept++] = c;
        }

        return new string(buffer, 0, kept);
    }

    private static char[] BufferOf(int length)
    {
        if (t_buffer is { } kept && kept.Length >= length)
        {
            return kept;
        }

        var buffer = new char[System.Math.Max(length, 256)];
        if (length <= KeptBufferLength)
        {
            t_buffer = buffer;
        }

        return buffer;
    }
}
