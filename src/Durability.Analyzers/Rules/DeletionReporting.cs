namespace Durability.Analyzers.Rules;

/// <summary>Which deletions DUR002 reports, from its <c>report_deletions</c> option.</summary>
internal enum DeletionReporting
{
    /// <summary>Deletions recovery can undo: files found by listing or read back (the default).</summary>
    Recovered,

    /// <summary>Every deletion whose directory is not fsynced after it.</summary>
    All,

    /// <summary>No deletion.</summary>
    None,
}
