using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Durability.Testing;

/// <summary>
/// Parses the markup of Microsoft.CodeAnalysis.Testing: <c>[|text|]</c> expects a diagnostic of the
/// analyzer's rule on <c>text</c>, <c>{|DUR001:text|}</c> one with that ID, and <c>{|#0:text|}</c>
/// names a location for <see cref="DiagnosticResult.WithLocation(int)"/>. Spans may nest.
/// </summary>
public sealed class TestMarkup
{
    private TestMarkup(string text, List<(string? Id, TextSpan Span)> expected, Dictionary<int, TextSpan> locations)
    {
        Text = text;
        ExpectedSpans = expected;
        Locations = locations;
    }

    /// <summary>The source with all markup removed.</summary>
    public string Text { get; }

    /// <summary>Diagnostics the markup itself expects; a null ID means the analyzer's only rule.</summary>
    public IReadOnlyList<(string? Id, TextSpan Span)> ExpectedSpans { get; }

    /// <summary>The spans named <c>{|#n:...|}</c>.</summary>
    public IReadOnlyDictionary<int, TextSpan> Locations { get; }

    public static TestMarkup Parse(string markup)
    {
        var output = new StringBuilder(markup.Length);
        var open = new Stack<(string? Id, int? Location, int Start, string Closer)>();
        var expected = new List<(string? Id, TextSpan Span)>();
        var locations = new Dictionary<int, TextSpan>();
        var i = 0;
        while (i < markup.Length)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((null, null, output.Length, "[|"));
                i += 2;
            }
            else if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|' && TryReadName(markup, i + 2, out var name, out var next))
            {
                if (name.StartsWith('#') && int.TryParse(name.AsSpan(1), out var index))
                {
                    open.Push(((string?)null, (int?)index, output.Length, "{|"));
                }
                else
                {
                    open.Push((name, null, output.Length, "{|"));
                }

                i = next;
            }
            else if (Starts(markup, i, "|]") || Starts(markup, i, "|}"))
            {
                var closer = markup[i + 1] == ']' ? "[|" : "{|";
                if (open.Count == 0 || open.Peek().Closer != closer)
                {
                    throw new VerificationException($"Markup closes '{markup.Substring(i, 2)}' at offset {i} with no matching opener.");
                }

                var (id, location, start, _) = open.Pop();
                var span = TextSpan.FromBounds(start, output.Length);
                if (location is { } index)
                {
                    locations.Add(index, span);
                }
                else
                {
                    expected.Add((id, span));
                }

                i += 2;
            }
            else
            {
                output.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw new VerificationException($"Markup opens '{open.Peek().Closer}' that is never closed.");
        }

        return new TestMarkup(output.ToString(), expected, locations);
    }

    private static bool Starts(string text, int index, string value) =>
        string.CompareOrdinal(text, index, value, 0, value.Length) == 0;

    // A name is letters, digits, '#' or '_' followed by ':'.
    private static bool TryReadName(string text, int start, out string name, out int next)
    {
        var end = start;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '#' or '_'))
        {
            end++;
        }

        if (end > start && end < text.Length && text[end] == ':')
        {
            name = text.Substring(start, end - start);
            next = end + 1;
            return true;
        }

        name = string.Empty;
        next = start;
        return false;
    }
}
