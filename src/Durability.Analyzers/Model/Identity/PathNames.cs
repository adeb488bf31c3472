using System;
using Durability.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// What the words of a path expression say about the file: lock and pid files, backups, exports, error
/// reports, templates, files put aside for deletion and temp files are not data that a program recovers from, so their
/// directory entries need no fsync.
/// Words come from the string constants and the variable names the path is built from.
/// </summary>
internal static class PathNames
{
    private static readonly string[] AuxiliaryWords =
    {
        "lock", "lck", "pid", "export", "exports", "report", "reports", "error", "errors",
    };

    // A backup kept beside the live file is a second copy; in a type that makes backups and restores from them (the
    // backup-and-restore provider of an in-memory store) it is the data it recovers from.
    private static readonly string[] BackupCopyWords = { "backup", "backups", "bak" };

    // A file renamed aside to be deleted later (data.json.del, x.trash) when deleting it failed: never read again.
    private static readonly string[] DiscardedWords = { "del", "deleted", "trash", "garbage" };

    // What a method that takes or gives back a lease by renaming (x.blob -> x.blob@time.lock) says of itself.
    private static readonly string[] LeaseWords = { "lease", "leases", "unlease" };

    // Files written for a person to copy or read, not for the program to recover from; also said by the writing method's name.
    private static readonly string[] TemplateWords = { "template", "templates", "sample", "samples", "example", "examples" };

    // What a method that writes files for people says of itself (ExportJson, WriteReport); locks and backups are named by their paths.
    private static readonly string[] OutputMethodWords = { "export", "exports", "report", "reports" };

    // A previous version kept while a new one is put in place (data.old, data.bak): kept only to recover from a crash.
    private static readonly string[] BackupWords = { "old", "bak", "backup", "prev", "previous", "orig" };

    private static readonly string[] RestoreMemberWords = { "restore", "restores", "restoring", "load", "loads", "loading" };

    private static readonly string[] ScratchMemberWords = { "tmp", "temp", "temporary", "spill" };

    // What the project's own path method for a temp file is named: GetTempFileNameForIndex(i), TempPathFor(destination).
    private static readonly string[] TempPathMethodWords = { "Temp", "Tmp", "Temporary" };

    // What a path's name ends with when a word is run into it: lockfile, backupfile, tmpdir.
    private static readonly string[] CompoundSuffixes = { "file", "files", "path", "name", "filename", "dir", "folder" };

    private static readonly string[] TemporaryWords = { "tmp", "temp", "temporary", "new", "partial", "part", "staging", "pending", "incoming" };

    // Every word above that marks a file no program recovers from, so a path is read once for all of them.
    private static readonly string[] NotRecoveredWords = Join(AuxiliaryWords, TemplateWords, DiscardedWords);

    private static readonly string[] BackupTypeWords = { "Backup", "Backups" };

    private static readonly string[] RestoreTypeWords = { "Restore", "Restores", "Restorer", "Restoring" };

    /// <summary>True when the path names a lock, pid, export, error-report, template, sample or discarded file: never the only copy of data.</summary>
    public static bool IsNotRecoveredFile(IOperation path) => HasWordIn(path, NotRecoveredWords);

    /// <summary>True when the path names a lock, pid, backup, export, error-report, template, sample or discarded file.</summary>
    public static bool IsAuxiliaryFile(IOperation path) =>
        HasWordIn(path, NotRecoveredWords) || (HasWordIn(path, BackupCopyWords) && !InBackupType(path));

    // The type whose code names the path says it makes backups and restores them (DbStoreProviderWithBackupRestore,
    // ItemKeyedCollectionBackupRestore); a type that only makes them (MakeDatabaseBackup) keeps a second copy.
    private static bool InBackupType(IOperation path) =>
        path.SemanticModel?.GetEnclosingSymbol(path.Syntax.SpanStart)?.ContainingType is { } type &&
        IdentifierHasWord(type.Name, BackupTypeWords) && IdentifierHasWord(type.Name, RestoreTypeWords);

    /// <summary>
    /// True when the member writing the file says it writes exports, reports, templates or samples (<c>ExportJson</c>,
    /// <c>CreateTemplateConfigFiles</c>): files for people to read or copy, whatever their paths are called.
    /// </summary>
    public static bool WritesAuxiliaryFiles(ISymbol member) => IdentifierHasWord(member.Name, TemplateWords) || IdentifierHasWord(member.Name, OutputMethodWords);

    /// <summary>
    /// True when the member says it restores or loads (<c>RestoreBackup</c>, <c>LoadWithBackups</c>): a backup renamed over the
    /// live file there is recovery, which a crash that undoes it makes the next start (the next load) run again. Not "recover" or "rollback": a recovery routine's rollback in a
    /// catch (CSharpTest.Net's <c>RecoverFile</c>) puts the only copy back, and nothing runs it again.
    /// </summary>
    public static bool RestoresBackups(ISymbol member) => IdentifierHasWord(member.Name, RestoreMemberWords);

    /// <summary>True when the member says it writes scratch files (<c>WriteChunkToTempFile</c>, <c>SpillToDisk</c>): deleted when done, never recovered from. Not "scratch": <c>RebuildFromScratch</c> writes data.</summary>
    public static bool WritesScratchFiles(ISymbol member) => IdentifierHasWord(member.Name, ScratchMemberWords);

    /// <summary>
    /// True when the member says it takes, renews or releases leases (<c>TryLease</c>, <c>RemoveExpiredLease</c>): a rename
    /// there marks an item claimed or free again, and a crash that undoes it only hands the item out once more.
    /// </summary>
    public static bool ManagesLeases(ISymbol member) => IdentifierHasWord(member.Name, LeaseWords);

    /// <summary>True when the path names a previous version kept aside: old, bak, backup, prev, orig.</summary>
    public static bool IsBackupFile(IOperation path) => HasWordIn(path, BackupWords);

    /// <summary>True when the path names a temporary file: tmp, temp, new, partial... or Path.GetTempFileName / GetRandomFileName.</summary>
    public static bool IsTemporaryFile(IOperation path)
    {
        foreach (var part in path.DescendantsAndSelf())
        {
            if (IsTempPathCall(part))
            {
                return true;
            }
        }

        return HasWordIn(path, TemporaryWords);
    }

    /// <summary>
    /// True when the file's own name on disk is a temporary one: a ".tmp" or ".temp" extension, or a name from
    /// Path.GetTempFileName / GetRandomFileName / GetTempPath, seen through locals' initializers. Stricter than
    /// <see cref="IsTemporaryFile"/>, which also believes variable names.
    /// </summary>
    public static bool HasTemporaryFileName(IOperation path, Func<ILocalSymbol, IOperation?> initializerOf, int depth = 0)
    {
        foreach (var part in path.DescendantsAndSelf())
        {
            switch (part)
            {
                case { ConstantValue: { HasValue: true, Value: string constant } }
                    when constant.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || constant.EndsWith(".temp", StringComparison.OrdinalIgnoreCase):
                case IInvocationOperation when IsTempPathCall(part):
                case IInvocationOperation { TargetMethod: var helper } when NamesTempPath(helper):
                    return true;
                case ILocalReferenceOperation local when depth < 3 && initializerOf(local.Local) is { } initializer &&
                                                         HasTemporaryFileName(initializer, initializerOf, depth + 1):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the last literal text of <paramref name="path"/> (a constant, or the last text of an interpolation, in a
    /// <c>Path.Combine</c> or a concatenation, locals followed) ends in <paramref name="extension"/>.
    /// </summary>
    public static bool EndsInExtension(IOperation path, string extension, Func<ILocalSymbol, IOperation?> initializerOf, int depth = 0)
    {
        var part = FileApiModel.StripConversions(path);
        switch (part)
        {
            case { ConstantValue: { HasValue: true, Value: string constant } }:
                return constant.EndsWith(extension, StringComparison.OrdinalIgnoreCase);
            case IInterpolatedStringOperation { Parts: { Length: > 0 } parts }:
                return parts[parts.Length - 1] is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string text } } &&
                       text.EndsWith(extension, StringComparison.OrdinalIgnoreCase);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concat:
                return EndsInExtension(concat.RightOperand, extension, initializerOf, depth);
            case IInvocationOperation { Arguments.Length: > 1 } combine when SystemIO.IsPathMethod(combine.TargetMethod, "Combine"):
                return EndsInExtension(combine.Arguments[combine.Arguments.Length - 1].Value, extension, initializerOf, depth);
            case ILocalReferenceOperation local when depth < 3:
                var initial = initializerOf(local.Local);
                var value = initial is null || SourceBodies.IsNull(initial) ? SourceBodies.OnlyValueAssigned(local.Local, SourceBodies.RootOf(local)) : initial;
                return value is not null && EndsInExtension(value, extension, initializerOf, depth + 1);
            default:
                return false;
        }
    }

    // The project's own path method named for a temp file (GetTempFileNameForIndex(i), TempPathFor(destination)): its
    // name is the project saying what the file is.
    private static bool NamesTempPath(IMethodSymbol method)
    {
        if (method.ReturnType.SpecialType != SpecialType.System_String || method.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        return Configuration.NameWords.HasAnyWord(method.Name, TempPathMethodWords);
    }

    private static bool IsTempPathCall(IOperation operation) =>
        operation is IInvocationOperation { TargetMethod.Name: "GetTempFileName" or "GetRandomFileName" or "GetTempPath" } call && SystemIO.IsPathMethod(call.TargetMethod);

    private static string[] Join(params string[][] lists)
    {
        var words = new System.Collections.Generic.List<string>();
        foreach (var list in lists)
        {
            words.AddRange(list);
        }

        return words.ToArray();
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

                // The project's own path method names what it returns (BackupPath(name), GetLockFile()); the platform's do not.
                IInvocationOperation { TargetMethod: { DeclaringSyntaxReferences.IsEmpty: false } method } => method.Name,
                _ => null,
            };

            if (text is not null && HasWord(text, words))
            {
                return true;
            }

            // A constant's name says what its value may not: ErrorExtension = ".err".
            if (part is IFieldReferenceOperation { ConstantValue.HasValue: true } constantField && HasWord(constantField.Field.Name, words))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAnyText(string text, string[] words)
    {
        foreach (var word in words)
        {
            if (text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasWord(string text, string[] words)
    {
        if (!ContainsAnyText(text, words))
        {
            return false;
        }

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
        // Most names hold none of the words even as text: leave them before splitting them into words.
        if (!ContainsAnyText(identifier, words))
        {
            return false;
        }

        foreach (var word in NameWords.Split(identifier))
        {
            foreach (var auxiliary in words)
            {
                if (string.Equals(word, auxiliary, StringComparison.OrdinalIgnoreCase) || IsCompoundOf(word, auxiliary))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Names written as one lower-case word: lockfile, backupfile, tmpfile, pidfile, backuppath.
    private static bool IsCompoundOf(string word, string prefix)
    {
        if (word.Length <= prefix.Length || !word.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var suffix in CompoundSuffixes)
        {
            if (word.Length == prefix.Length + suffix.Length && word.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
