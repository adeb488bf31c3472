using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Analyzers.Configuration;

/// <summary>
/// Decides whether code intends durability. By default a type does when its name, a containing
/// type's name or its namespace contains a storage word (Log, Wal, Journal, Store, Segment...):
/// the audit's WAL, Bitcask, B-tree, LSM and event store all qualify, a CSV exporter does not.
/// <c>durability_scope = all</c> treats all code as durable; the pattern lists replace the defaults.
/// </summary>
internal sealed class DurabilityIntent
{
    /// <summary>The words that mark storage code by default; documented in docs/configuration.md.</summary>
    public static readonly string[] DefaultDurableWords =
    {
        "Log", "Wal", "Journal", "Store", "Storage", "Segment", "Ledger", "Table", "Index",
        "Checkpoint", "Database", "Db", "Page", "Pager", "Bitcask", "Memtable", "Manifest",
        "Snapshot", "Persistence", "Persistent", "Durable", "Lsm",
    };

    private static readonly ConditionalWeakTable<AnalyzerConfigOptions, ConcurrentDictionary<string, DurabilityIntent>> Cache = new();

    private readonly bool _allCode;
    private readonly TypeNamePatterns _durable;
    private readonly TypeNamePatterns _excluded;

    private DurabilityIntent(bool allCode, TypeNamePatterns durable, TypeNamePatterns excluded)
    {
        _allCode = allCode;
        _durable = durable;
        _excluded = excluded;
    }

    /// <summary>The intent settings for <paramref name="ruleId"/> in the files that <paramref name="options"/> apply to.</summary>
    public static DurabilityIntent For(AnalyzerConfigOptions options, string ruleId)
    {
        // Options objects are shared by every file under the same config, so parsing happens once per config and rule.
        var perRule = Cache.GetValue(options, _ => new ConcurrentDictionary<string, DurabilityIntent>());
        return perRule.GetOrAdd(ruleId, id => Parse(options, id));
    }

    private static DurabilityIntent Parse(AnalyzerConfigOptions options, string ruleId)
    {
        var scope = RuleOptionReader.GetRawValue(options, ruleId, OptionNames.DurabilityScope);
        var allCode = string.Equals(scope, "all", System.StringComparison.OrdinalIgnoreCase);
        var durableValue = RuleOptionReader.GetRawValue(options, ruleId, OptionNames.DurableTypePatterns);
        var excludedValue = RuleOptionReader.GetRawValue(options, ruleId, OptionNames.ExcludedTypePatterns);
        var durable = TypeNamePatterns.Parse(durableValue is null ? DefaultDurableWords : RuleOptionReader.SplitList(durableValue));
        var excluded = TypeNamePatterns.Parse(excludedValue is null ? System.Array.Empty<string>() : RuleOptionReader.SplitList(excludedValue));
        return new DurabilityIntent(allCode, durable, excluded);
    }

    /// <summary>True when code in <paramref name="type"/> is meant to make data durable.</summary>
    public bool IsDurable(INamedTypeSymbol type)
    {
        if (!_excluded.IsEmpty && _excluded.Matches(type))
        {
            return false;
        }

        return _allCode || _durable.Matches(type);
    }
}
