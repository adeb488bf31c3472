using Durability.Analyzers.Configuration;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// Members that copy a file elsewhere: a <c>Backup</c> or an <c>Export</c> (<c>BackupAsync</c>, <c>ExportTo</c>). Such a
/// member fsyncs the stream so that the copy starts from what is on disk; it runs when someone asks for a copy, not on
/// the write path, so its fsync covers only its own flushes: a log fsynced only when it is backed up is never fsynced
/// when it commits.
/// </summary>
internal static class CopyingMembers
{
    private static readonly string[] CopyingWords = { "Backup", "Export" };

    public static bool IsCopying(ISymbol? member)
    {
        if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
        {
            return false;
        }

        return NameWords.HasAnyWord(method.Name, CopyingWords);
    }
}
