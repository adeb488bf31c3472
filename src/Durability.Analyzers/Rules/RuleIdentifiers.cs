namespace Durability.Analyzers.Rules;

/// <summary>The diagnostic IDs of every Durability rule, in one place.</summary>
public static class RuleIdentifiers
{
    /// <summary>A flush that stops at the OS page cache where durability is intended.</summary>
    public const string FlushWithoutFsync = "DUR001";
}
