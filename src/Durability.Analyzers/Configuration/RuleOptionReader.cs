using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Analyzers.Configuration;

/// <summary>
/// Reads rule options from .editorconfig and .globalconfig, following the NetAnalyzers convention:
/// <c>dotnet_code_quality.DURnnn.option</c> for one rule wins over <c>dotnet_code_quality.option</c> for all.
/// </summary>
internal static class RuleOptionReader
{
    private const string Prefix = "dotnet_code_quality.";

    /// <summary>The raw value of <paramref name="optionName"/> for <paramref name="ruleId"/>, or null when unset.</summary>
    public static string? GetRawValue(AnalyzerConfigOptions options, string ruleId, string optionName)
    {
        if (options.TryGetValue(Prefix + ruleId + "." + optionName, out var ruleValue) && !string.IsNullOrWhiteSpace(ruleValue))
        {
            return ruleValue.Trim();
        }

        if (options.TryGetValue(Prefix + optionName, out var sharedValue) && !string.IsNullOrWhiteSpace(sharedValue))
        {
            return sharedValue.Trim();
        }

        return null;
    }

    /// <summary>The options that apply to <paramref name="tree"/>.</summary>
    public static AnalyzerConfigOptions For(AnalyzerOptions options, SyntaxTree tree) =>
        options.AnalyzerConfigOptionsProvider.GetOptions(tree);

    /// <summary>Splits a list option on '|' and ','; entries are trimmed and empty ones dropped.</summary>
    public static string[] SplitList(string value)
    {
        var parts = value.Split(new[] { '|', ',' }, System.StringSplitOptions.RemoveEmptyEntries);
        var count = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var trimmed = parts[i].Trim();
            if (trimmed.Length > 0)
            {
                parts[count++] = trimmed;
            }
        }

        System.Array.Resize(ref parts, count);
        return parts;
    }
}
