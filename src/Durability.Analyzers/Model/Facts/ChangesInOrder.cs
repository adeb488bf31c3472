using System;
using System.Collections.Generic;

namespace Durability.Analyzers.Model;

/// <summary>The directory-entry changes of one body, asked about those that come before or after one of them in the source.</summary>
internal static class ChangesInOrder
{
    /// <summary>True when a change written before <paramref name="at"/> matches.</summary>
    public static bool AnyBefore(List<DirectoryEntryChange> changes, DirectoryEntryChange at, Func<DirectoryEntryChange, bool> matches)
    {
        foreach (var other in changes)
        {
            if (other.Operation.Syntax.SpanStart < at.Operation.Syntax.SpanStart && matches(other))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a change written after <paramref name="at"/> matches.</summary>
    public static bool AnyAfter(List<DirectoryEntryChange> changes, DirectoryEntryChange at, Func<DirectoryEntryChange, bool> matches)
    {
        foreach (var other in changes)
        {
            if (other.Operation.Syntax.SpanStart > at.Operation.Syntax.SpanStart && matches(other))
            {
                return true;
            }
        }

        return false;
    }
}
