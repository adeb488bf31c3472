using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// Symbols ordered by where they are declared, and places in the source (file path, then position). The analyzer driver runs actions on several
/// threads, so facts arrive in any order; a message that names one of several members names the first in the source.
/// </summary>
internal static class SourceOrder
{
    public static int Compare(ISymbol a, ISymbol b) => Compare(FirstLocation(a), FirstLocation(b));

    /// <summary>Places in the source: by file path, then position.</summary>
    public static int Compare(Location? left, Location? right)
    {
        var byFile = string.CompareOrdinal(left?.SourceTree?.FilePath, right?.SourceTree?.FilePath);
        return byFile != 0 ? byFile : (left?.SourceSpan.Start ?? 0).CompareTo(right?.SourceSpan.Start ?? 0);
    }

    private static Location? FirstLocation(ISymbol member) => member.Locations.Length > 0 ? member.Locations[0] : null;
}
