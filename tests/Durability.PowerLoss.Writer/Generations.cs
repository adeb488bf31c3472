using System.Text;

namespace Durability.PowerLoss.Writer;

/// <summary>The contents of each generation of a replaced file: self-describing, so a reader can tell a whole generation from a torn one.</summary>
public static class Generations
{
    public static string Contents(int generation)
    {
        // Sizes vary from a few bytes to several pages, so a torn write can cut at any page.
        var builder = new StringBuilder();
        builder.Append("generation ").Append(generation).Append('\n');
        var lines = generation * 37 % 400;
        for (var line = 0; line < lines; line++)
        {
            builder.Append("line ").Append(line).Append(" of generation ").Append(generation).Append('\n');
        }

        builder.Append("end ").Append(generation).Append('\n');
        return builder.ToString();
    }
}
