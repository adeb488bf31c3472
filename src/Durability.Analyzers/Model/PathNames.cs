using System;
using Durability.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// What the words of a path expression say about the file: lock and pid files, backups, exports, error
/// reports and temp files are not data that a program recovers from, so their directory entries need no fsync.
/// Words come from the string constants and the variable names the path is built from.
/// </summary>
internal static class PathNames
{
    private static readonly string[] AuxiliaryWords =
    {
        "lock", "lck", "pid", "backup", "backups", "bak", "export", "exports", "report", "reports", "error", "errors",
    };

    private static readonly string[] TemporaryWords = { "tmp", "temp", "new", "partial", "part", "staging", "pending", "incoming" };

    /// <summary>True when the path names a lock, pid, backup, export or error-report file.</summary>
    public static bool IsAuxiliaryFile(IOperation path) => HasWordIn(path, AuxiliaryWords);

    /// <summary>True when the path names a temporary file: tmp, temp, new, partial... or Path.GetTempFileName / GetRandomFileName.</summary>
    public static bool IsTemporaryFile(IOperation path)
    {
        foreach (var part in path.DescendantsAndSelf())
        {
            if (part is IInvocationOperation { TargetMethod.ContainingType.Name: "Path", TargetMethod.Name: "GetTempFileName" or "GetRandomFileName" or "GetTempPath" })
            {
                return true;
            }
        }

        return HasWordIn(path, TemporaryWords);
    }

    private static bool HasWordIn(IOperation path, string[] words)
    {
        foreach (var part in path.DescendantsAndSelf())
        {
            var text = part switch
            {
                { ConstantValue: { HasValue: true, Value: string constant } } => constant,
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                IFieldReferenceOperation field => field.Field.Name,
                IPropertyReferenceOperation { Property.Name: not ("FullName" or "Name") } property => property.Property.Name,
                _ => null,
            };

            if (text is not null && HasWord(text, words))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasWord(string text, string[] words)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || !char.IsLetterOrDigit(text[i]))
            {
                if (i > start && IdentifierHasWord(text.Substring(start, i - start), words))
                {
                    return true;
                }

                start = i + 1;
            }
        }

        return false;
    }

    private static bool IdentifierHasWord(string identifier, string[] words)
    {
        foreach (var word in NameWords.Split(identifier))
        {
            foreach (var auxiliary in words)
            {
                if (string.Equals(word, auxiliary, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
