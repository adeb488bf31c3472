using System.Text;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Rules;

/// <summary>Code quoted in a diagnostic message: on one line, whatever line breaks and indentation the source had.</summary>
internal static class CodeText
{
    public static string OneLine(SyntaxNode node)
    {
        var text = node.ToString();
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
