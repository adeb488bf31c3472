namespace Durability.Analyzers.Tests.DUR002;

/// <summary>DUR002 reports deletions only when asked: the tests of deletions turn the option on.</summary>
internal static class DeletionReporting
{
    public const string EditorConfig = "root = true\n\n[*.cs]\ndotnet_code_quality.DUR002.report_deletions = true\n";
}
