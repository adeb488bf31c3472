using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Durability.Analyzers.Tests.RealWorld;

/// <summary>
/// docs/real-world-triage.tsv: one row per finding on the corpus, labelled by reading the code:
/// snapshot, file, line, rule, label (true-bug, false-positive, not-durability-code), reason.
/// </summary>
internal sealed record CorpusTriage(string Snapshot, string File, int Line, string Rule, string Label, string Reason)
{
    public const string TrueBug = "true-bug";
    public const string FalsePositive = "false-positive";
    public const string NotDurabilityCode = "not-durability-code";

    public string Key => $"{Snapshot}\t{File}\t{Line}\t{Rule}";

    public static List<CorpusTriage> Load(string path)
    {
        var rows = new List<CorpusTriage>();
        foreach (var line in System.IO.File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split('\t');
            if (cells.Length != 6 || !int.TryParse(cells[2], out var lineNumber) || cells[4] is not (TrueBug or FalsePositive or NotDurabilityCode))
            {
                throw new InvalidDataException($"{path}: malformed row: {line}");
            }

            rows.Add(new CorpusTriage(cells[0], cells[1], lineNumber, cells[3], cells[4], cells[5]));
        }

        return rows;
    }
}
