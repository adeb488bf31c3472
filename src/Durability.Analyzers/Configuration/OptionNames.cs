namespace Durability.Analyzers.Configuration;

/// <summary>The .editorconfig option names, each read as dotnet_code_quality.[DURnnn.]name.</summary>
internal static class OptionNames
{
    /// <summary>Which code the durability rules look at: <c>intent</c> (default) or <c>all</c>.</summary>
    public const string DurabilityScope = "durability_scope";

    /// <summary>Words or globs naming the types whose code intends durability; replaces the default list.</summary>
    public const string DurableTypePatterns = "durable_type_patterns";

    /// <summary>Words or globs naming types that never intend durability, even when they match the list above.</summary>
    public const string ExcludedTypePatterns = "excluded_type_patterns";

    /// <summary>Extra methods that fsync a directory (DUR002), as Method, Type.Method or Namespace.Type.Method.</summary>
    public const string DirectorySyncMethods = "directory_sync_methods";

    /// <summary>Whether DUR002 reports deletions (<c>true</c>/<c>false</c>, default false): a deleted file that comes back matters only where recovery reads it.</summary>
    public const string ReportDeletions = "report_deletions";
}
