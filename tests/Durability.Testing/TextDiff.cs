using System;
using System.Collections.Generic;
using System.Text;

namespace Durability.Testing;

/// <summary>A line diff of two texts (longest common subsequence), for readable failure messages.</summary>
public static class TextDiff
{
    public static string Lines(string expected, string actual)
    {
        var left = expected.Split('\n');
        var right = actual.Split('\n');
        var common = new int[left.Length + 1, right.Length + 1];
        for (var i = left.Length - 1; i >= 0; i--)
        {
            for (var j = right.Length - 1; j >= 0; j--)
            {
                common[i, j] = left[i] == right[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var output = new StringBuilder();
        int x = 0, y = 0;
        while (x < left.Length || y < right.Length)
        {
            if (x < left.Length && y < right.Length && left[x] == right[y])
            {
                output.Append("  ").AppendLine(Show(left[x]));
                x++;
                y++;
            }
            else if (y < right.Length && (x == left.Length || common[x, y + 1] >= common[x + 1, y]))
            {
                output.Append("+ ").AppendLine(Show(right[y++]));
            }
            else
            {
                output.Append("- ").AppendLine(Show(left[x++]));
            }
        }

        return output.ToString();
    }

    // Makes invisible differences visible: a carriage return or trailing spaces.
    private static string Show(string line) =>
        line.Replace("\r", "\\r", StringComparison.Ordinal) + (line.EndsWith(' ') ? "·" : string.Empty);
}
