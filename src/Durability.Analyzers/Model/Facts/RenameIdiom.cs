using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// A rename that shows by itself that it is meant to survive a crash: it replaces its destination (<c>File.Replace</c>,
/// <c>Move</c>/<c>MoveTo</c> told to overwrite) or publishes a file named as a temp file (write-temp-then-rename exists
/// only to survive crashes). DUR004 checks such renames outside storage code too.
/// </summary>
internal static class RenameIdiom
{
    public static bool ShowsIntent(DirectoryEntryChange rename) =>
        rename.Kind == DirectoryEntryChangeKind.Rename && (Replaces(rename) || PathNames.IsTemporaryFile(rename.Path));

    // File.Replace, FileInfo.Replace, and Move/MoveTo told to overwrite: the rename is meant to swap contents atomically.
    private static bool Replaces(DirectoryEntryChange rename)
    {
        if (!Call.TryRead(rename.Operation, out var call))
        {
            return false;
        }

        if (call.Method.Name == "Replace")
        {
            return true;
        }

        foreach (var parameter in call.Method.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_Boolean &&
                call.ArgumentFor(parameter.Ordinal)?.ConstantValue is { HasValue: true, Value: true })
            {
                return true;
            }
        }

        return false;
    }
}
