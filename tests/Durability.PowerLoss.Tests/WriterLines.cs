using System.Collections.Generic;
using System.Globalization;

namespace Durability.PowerLoss.Tests;

/// <summary>What a killed WAL writer acknowledged: each record, the last forced fsync, and where truncation began.</summary>
internal sealed class WriterLines
{
    public List<(long Sequence, string Key)> Acknowledged { get; } = new();

    /// <summary>The highest batch COMMIT or checkpoint acknowledged: every record before it was fsynced.</summary>
    public long LastForcedFsync { get; private set; }

    /// <summary>The highest sequence a truncation was started before; records below it may be deleted.</summary>
    public long TruncatedBefore { get; private set; }

    public static WriterLines Parse(IEnumerable<string> lines)
    {
        var parsed = new WriterLines();
        foreach (var line in lines)
        {
            var parts = line.Split(' ');
            if (parts.Length < 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                continue;
            }

            switch (parts[0])
            {
                case "ack" when parts.Length == 3:
                    parsed.Acknowledged.Add((sequence, parts[2]));
                    break;
                case "durable" when sequence > parsed.LastForcedFsync:
                    parsed.LastForcedFsync = sequence;
                    break;
                case "truncating" when sequence > parsed.TruncatedBefore:
                    parsed.TruncatedBefore = sequence;
                    break;
            }
        }

        return parsed;
    }
}
