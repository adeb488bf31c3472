using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Rules;

/// <summary>One <see cref="DiagnosticDescriptor"/> per rule message; every analyzer takes its descriptors from here.</summary>
public static class RuleCatalog
{
    /// <summary>The category shared by all Durability rules.</summary>
    public const string Category = "Durability";

    /// <summary>The repository that hosts the rule pages; equal to RepositoryUrl in Directory.Build.props.</summary>
    public const string RepositoryUrl = "https://github.com/durability-analyzers/durability-analyzers";

    /// <summary>The help page of a rule.</summary>
    public static string HelpLink(string ruleId) => RepositoryUrl + "/blob/main/docs/rules/" + ruleId + ".md";

    /// <summary>DUR001 for Flush(), Flush(false) and writer flushes.</summary>
    public static readonly DiagnosticDescriptor FlushWithoutFsync = Create(
        RuleIdentifiers.FlushWithoutFsync,
        title: "Flush stops at the OS page cache where durability is intended",
        messageFormat: "Flush of '{0}' stops at the OS page cache and '{0}' is never fsynced: its data is lost on power failure",
        description: "Stream.Flush, Flush(false), StreamWriter.Flush and BinaryWriter.Flush only hand bytes to the operating system. " +
                     "They survive a process crash, not a power loss or a kernel panic. Only FileStream.Flush(true), " +
                     "RandomAccess.FlushToDisk or an fsync makes the data durable.");

    /// <summary>DUR001 for a flush in a member that promises durability while only another member fsyncs the stream.</summary>
    public static readonly DiagnosticDescriptor FlushFsyncedOnlyElsewhere = Create(
        RuleIdentifiers.FlushWithoutFsync,
        title: "Flush stops at the OS page cache where durability is intended",
        messageFormat: "Flush of '{0}' stops at the OS page cache, and '{1}', which promises durability, returns before '{0}' is fsynced (only another member fsyncs it): what it reports durable is lost on power failure until then",
        description: "A member named for durability (Sync, FlushToDisk, ...Durable) tells its callers their data is on disk when it returns. " +
                     "Its flushes must be fsynced before then, by the member itself or by the type's own methods it calls; an fsync in " +
                     "another member, such as a later checkpoint, leaves that window open.");

    /// <summary>DUR001 for a flush, in a member that promises durability, of what it wrote after its last fsync of the stream.</summary>
    public static readonly DiagnosticDescriptor FlushAfterLastFsync = Create(
        RuleIdentifiers.FlushWithoutFsync,
        title: "Flush stops at the OS page cache where durability is intended",
        messageFormat: "Flush of '{0}' stops at the OS page cache, and '{1}', which promises durability, fsyncs '{0}' only before it: what it writes after that fsync is lost on power failure",
        description: "A member named for durability (a commit, Sync, FlushToDisk) that fsyncs a stream and then writes to it again, a header " +
                     "or a commit record, and only flushes, returns with that last write in the OS page cache. Fsync after the last write, " +
                     "or use FileStream.Flush(true) there.");

    /// <summary>DUR001 for a flush, in storage code, of what a member wrote after its own last fsync of the stream.</summary>
    public static readonly DiagnosticDescriptor FlushAfterOwnFsync = Create(
        RuleIdentifiers.FlushWithoutFsync,
        title: "Flush stops at the OS page cache where durability is intended",
        messageFormat: "Flush of '{0}' stops at the OS page cache, and '{1}' fsyncs '{0}' only before it: what it writes after that fsync, until the next one, is lost on power failure",
        description: "A member of storage code that fsyncs a stream means the disk for what it writes. When it then writes to the stream again, " +
                     "a header or a counter, and only flushes, itself or through a helper it calls last, it returns with that write in the OS page " +
                     "cache: a recovery that reads it finds the state before the fsynced record. Fsync after the last write.");

    /// <summary>DUR001 for FlushAsync, in storage code, of what a member wrote after its own last fsync of the stream.</summary>
    public static readonly DiagnosticDescriptor FlushAsyncAfterOwnFsync = Create(
        RuleIdentifiers.FlushWithoutFsync,
        title: "Flush stops at the OS page cache where durability is intended",
        messageFormat: "FlushAsync of '{0}' never reaches the disk, and '{1}' fsyncs '{0}' only before it: what it writes after that fsync, until the next one, is lost on power failure",
        description: "FlushAsync never calls fsync. A member of storage code that fsyncs a stream and then writes to it again, a header or a " +
                     "counter, and only flushes, returns with that write in the OS page cache. Await a durable flush such as Durability.Runtime's " +
                     "Fsync.FileAsync after the last write.");

    /// <summary>DUR001 for FlushAsync, in a member that promises durability, of what it wrote after its last fsync of the stream.</summary>
    public static readonly DiagnosticDescriptor FlushAsyncAfterLastFsync = Create(
        RuleIdentifiers.FlushWithoutFsync,
        title: "Flush stops at the OS page cache where durability is intended",
        messageFormat: "FlushAsync of '{0}' never reaches the disk, and '{1}', which promises durability, fsyncs '{0}' only before it: what it writes after that fsync is lost on power failure",
        description: "FlushAsync never calls fsync. A member named for durability that fsyncs a stream and then writes to it again returns " +
                     "with that last write in the OS page cache. Await a durable flush such as Durability.Runtime's Fsync.FileAsync after the last write.");

    /// <summary>DUR001 for a call of the project's own helper that flushes the stream it is given to the page cache only.</summary>
    public static readonly DiagnosticDescriptor FlushThroughHelper = Create(
        RuleIdentifiers.FlushWithoutFsync,
        title: "Flush stops at the OS page cache where durability is intended",
        messageFormat: "'{1}' flushes '{0}' only to the OS page cache and '{0}' is never fsynced: its data is lost on power failure",
        description: "A helper that takes a Stream and calls its Flush() (static void Flush(Stream s) => s.Flush()) gives a FileStream passed to it " +
                     "no more than FileStream.Flush() would: the bytes reach the operating system, not the disk. Fsync the file after the " +
                     "call (FileStream.Flush(true), Fsync.File), or make the helper fsync what it is given.");

    /// <summary>DUR001 for the close of a stream or writer member that storage code writes and never flushes or fsyncs.</summary>
    public static readonly DiagnosticDescriptor ClosedWithoutFsync = Create(
        RuleIdentifiers.FlushWithoutFsync,
        title: "Flush stops at the OS page cache where durability is intended",
        messageFormat: "'{0}' is written and then closed here with no fsync: closing flushes it to the OS page cache only, so what was written to '{0}' is lost on power failure",
        description: "Dispose and Close of a FileStream or a writer hand its buffer to the operating system, as Flush() does, and no more. Storage code " +
                     "that writes a file and only closes it, never calling Flush(true) or an fsync, leaves all it wrote in the OS page cache " +
                     "until the kernel writes it back; a power loss or kernel panic before then loses it. Call Flush(true) where the data " +
                     "is acknowledged, or at the least before the stream is closed.");

    /// <summary>DUR001 for a stream member a member that promises durability writes, and neither flushes nor fsyncs before it returns.</summary>
    public static readonly DiagnosticDescriptor WrittenUnsyncedInPromise = Create(
        RuleIdentifiers.FlushWithoutFsync,
        title: "Flush stops at the OS page cache where durability is intended",
        messageFormat: "'{0}' is written here, and '{1}', which promises durability, returns without flushing or fsyncing '{0}': the write waits in memory and is lost on power failure",
        description: "A member named for durability (Commit, Sync, FlushToDisk) tells its callers their data is on disk when it returns. A write of a " +
                     "file it makes, itself or through the type's methods it calls, must be fsynced before then; with no flush at all it may " +
                     "still sit in the stream's buffer, and a later write that depends on it (a log cleared, a header) can reach the disk first.");

    /// <summary>DUR001 for Flush(true) on a FileStream opened for reading only, which .NET skips.</summary>
    public static readonly DiagnosticDescriptor FsyncOfReadOnlyStream = Create(
        RuleIdentifiers.FlushWithoutFsync,
        title: "Flush stops at the OS page cache where durability is intended",
        messageFormat: "Flush(true) of '{0}' does not fsync: '{0}' is opened for reading only, and .NET skips the flush of a stream that cannot write, so the file's data stays in the page cache",
        description: "FileStream.Flush(true) returns at once when the stream cannot write. Code that reopens a file for reading to fsync it " +
                     "(a commit that syncs files by name, a temp file synced before its rename) makes nothing durable. Open the file for " +
                     "writing to fsync it, or use Durability.Runtime's Fsync.File(path), which does so: on Windows FlushFileBuffers needs write access.");

    /// <summary>DUR001 for a flush of a stream that is fsynced only when it is closed (Dispose, Close, Shutdown).</summary>
    public static readonly DiagnosticDescriptor FlushFsyncedOnlyAtClose = Create(
        RuleIdentifiers.FlushWithoutFsync,
        title: "Flush stops at the OS page cache where durability is intended",
        messageFormat: "Flush of '{0}' stops at the OS page cache and '{0}' is fsynced only when it is closed: what is flushed before then is lost on power failure",
        description: "An fsync in Dispose, Close or Shutdown makes the data durable only at the end of the stream's life. Every flush " +
                     "before it, including those that acknowledge writes, leaves the data in the OS page cache, where a power loss or " +
                     "kernel panic drops it. Fsync where the data is acknowledged, or use FileStream.Flush(true).");

    /// <summary>DUR001 for FlushAsync of a stream that is fsynced only when it is closed.</summary>
    public static readonly DiagnosticDescriptor FlushAsyncFsyncedOnlyAtClose = Create(
        RuleIdentifiers.FlushWithoutFsync,
        title: "Flush stops at the OS page cache where durability is intended",
        messageFormat: "FlushAsync of '{0}' never reaches the disk and '{0}' is fsynced only when it is closed: what is flushed before then is lost on power failure",
        description: "FlushAsync never calls fsync, and an fsync in Dispose, Close or Shutdown makes the data durable only at the end of the " +
                     "stream's life. Await a durable flush such as Durability.Runtime's Fsync.FileAsync where the data is acknowledged.");

    /// <summary>DUR001 for a flush of a stream that only a member copying the file elsewhere (a backup) fsyncs.</summary>
    public static readonly DiagnosticDescriptor FlushFsyncedOnlyInCopy = Create(
        RuleIdentifiers.FlushWithoutFsync,
        title: "Flush stops at the OS page cache where durability is intended",
        messageFormat: "Flush of '{0}' stops at the OS page cache and '{0}' is fsynced only by '{1}', before it copies the file elsewhere: what is flushed here is lost on power failure",
        description: "A backup or an export fsyncs the stream so that the copy starts from what is on disk. It runs when someone asks " +
                     "for a copy, not when data is written, so the stream's other flushes stay in the page cache until then.");

    /// <summary>DUR001 for FlushAsync of a stream that only a member copying the file elsewhere (a backup) fsyncs.</summary>
    public static readonly DiagnosticDescriptor FlushAsyncFsyncedOnlyInCopy = Create(
        RuleIdentifiers.FlushWithoutFsync,
        title: "Flush stops at the OS page cache where durability is intended",
        messageFormat: "FlushAsync of '{0}' never reaches the disk and '{0}' is fsynced only by '{1}', before it copies the file elsewhere: what is flushed here is lost on power failure",
        description: "A backup or an export fsyncs the stream so that the copy starts from what is on disk. It runs when someone asks " +
                     "for a copy, not when data is written, so the stream's other flushes stay in the page cache until then.");

    /// <summary>DUR001 for a flush that runs only when a flag named for durability is set (<c>if (_flushToDisk) _writer.Flush()</c>).</summary>
    public static readonly DiagnosticDescriptor FlushUnderDurabilityFlag = Create(
        RuleIdentifiers.FlushWithoutFsync,
        title: "Flush stops at the OS page cache where durability is intended",
        messageFormat: "Flush of '{0}' runs only when '{1}' asks for the data on disk, and it stops at the OS page cache: with '{1}' set the data is still lost on power failure",
        description: "A flush guarded by a flag named for durability (flushToDisk, Sync, Durable) is where the code means the data to " +
                     "reach the disk. Flush() and FlushAsync() stop at the operating system's page cache; fsync there (Flush(true), " +
                     "Fsync.File) before the member returns.");

    /// <summary>DUR001 for FlushAsync, which never fsyncs whatever the stream.</summary>
    public static readonly DiagnosticDescriptor FlushAsyncWithoutFsync = Create(
        RuleIdentifiers.FlushWithoutFsync,
        title: "Flush stops at the OS page cache where durability is intended",
        messageFormat: "FlushAsync of '{0}' never reaches the disk and '{0}' is never fsynced: its data is lost on power failure",
        description: "FlushAsync never calls fsync, on any FileStream and any .NET version since .NET 6. " +
                     "Await a durable flush such as Durability.Runtime's Fsync.FileAsync instead.");

    private const string DirectoryEntryTitle = "Directory entry change is never made durable";

    private const string DirectoryEntryDescription =
        "fsync of a file does not make its directory entry durable. After a file is created, renamed or deleted, its parent " +
        "directory must be fsynced (Fsync.ParentDirectory), or after a crash a new file can be missing, a renamed file can be " +
        "back under its old name, and a deleted file can come back.";

    /// <summary>DUR002 for a file creation.</summary>
    public static readonly DiagnosticDescriptor UnsyncedCreation = Create(
        RuleIdentifiers.UnsyncedDirectoryEntry,
        DirectoryEntryTitle,
        messageFormat: "Creating {0} is not followed by an fsync of {1}: after a crash the new file can be missing",
        DirectoryEntryDescription);

    /// <summary>DUR002 for a directory created to hold new files.</summary>
    public static readonly DiagnosticDescriptor UnsyncedDirectoryCreation = Create(
        RuleIdentifiers.UnsyncedDirectoryEntry,
        DirectoryEntryTitle,
        messageFormat: "Creating the directory {0} is not followed by an fsync of {1}: after a crash the directory can be missing, and the files created in it with it",
        DirectoryEntryDescription);

    /// <summary>DUR002 for a directory created by the project's own helper (EnsureParent(file), EnsureDirectory(dir)) and filled by its caller.</summary>
    public static readonly DiagnosticDescriptor UnsyncedHelperDirectoryCreation = Create(
        RuleIdentifiers.UnsyncedDirectoryEntry,
        DirectoryEntryTitle,
        messageFormat: "Creating the directory {0} through '{1}' is not followed by an fsync of {2}: after a crash the directory can be missing, and the files created in it with it",
        DirectoryEntryDescription);

    /// <summary>DUR002 for a rename.</summary>
    public static readonly DiagnosticDescriptor UnsyncedRename = Create(
        RuleIdentifiers.UnsyncedDirectoryEntry,
        DirectoryEntryTitle,
        messageFormat: "Renaming {0} to {1} is not followed by an fsync of {2}: after a crash the file can be missing or back under its old name",
        DirectoryEntryDescription);

    /// <summary>DUR002 for a deletion.</summary>
    public static readonly DiagnosticDescriptor UnsyncedDeletion = Create(
        RuleIdentifiers.UnsyncedDirectoryEntry,
        DirectoryEntryTitle,
        messageFormat: "Deleting {0} is not followed by an fsync of {1}: after a crash the deleted file can come back",
        DirectoryEntryDescription);

    /// <summary>DUR002 for a file deleted and then replaced by a rename onto its name.</summary>
    public static readonly DiagnosticDescriptor DeletedBeforeReplacingRename = Create(
        RuleIdentifiers.UnsyncedDirectoryEntry,
        "File deleted before the rename that replaces it",
        messageFormat: "{0} is deleted before {1} is renamed onto it: a crash in between leaves no file at {0}; rename over it in one step",
        "Replacing a file by deleting it and then renaming its new version onto the name leaves a moment with no file there: a " +
        "crash then, even of the process alone, loses it. A rename that overwrites (File.Move(source, destination, overwrite: " +
        "true), FileInfo.MoveTo(destination, true), File.Replace) replaces it in one step; fsync the directory after it.");

    /// <summary>DUR002 for a directory deleted and then replaced by a rename onto its name, which no single call can do.</summary>
    public static readonly DiagnosticDescriptor DirectoryDeletedBeforeReplacingRename = Create(
        RuleIdentifiers.UnsyncedDirectoryEntry,
        "Directory deleted before the rename that replaces it",
        messageFormat: "{0} is deleted before {1} is renamed onto it: a crash in between leaves no directory at {0}, and no call replaces a directory in one step; switch to the new directory through a file renamed over the one that names it",
        "Replacing a directory by deleting it and then renaming its new version onto the name leaves a moment with no directory " +
        "there: a crash then, even of the process alone, loses it. Neither Directory.Move nor rename(2) replaces a directory that " +
        "holds files. Keep each version under its own name and point to the current one from a small file replaced by an " +
        "overwriting rename (as LevelDB's CURRENT does), fsyncing the directory after each step.");

    /// <summary>DUR002 for a directory moved aside and then replaced by a rename onto its name.</summary>
    public static readonly DiagnosticDescriptor DirectoryMovedAsideBeforeReplacingRename = Create(
        RuleIdentifiers.UnsyncedDirectoryEntry,
        "Directory moved aside before the rename that replaces it",
        messageFormat: "{0} is moved to {2} before {1} is renamed onto it: a crash in between leaves no directory at {0}, and no call replaces a directory in one step; have start-up move {2} back when {0} is missing, or switch through a file that names the current directory",
        "Replacing a directory by renaming it to a backup name and then renaming its new version onto the name leaves a moment " +
        "with no directory there: a crash then leaves only the backup, which the code that opens the directory does not look " +
        "for. No call replaces a directory that holds files in one step: recover the backup at start-up when the live name is " +
        "missing, or keep each version under its own name and point to the current one from a small file replaced by an " +
        "overwriting rename.");

    /// <summary>DUR002 for a file moved aside to a backup and then replaced by a rename onto its name.</summary>
    public static readonly DiagnosticDescriptor MovedAsideBeforeReplacingRename = Create(
        RuleIdentifiers.UnsyncedDirectoryEntry,
        "File moved aside before the rename that replaces it",
        messageFormat: "{0} is moved to {2} before {1} is renamed onto it: a crash in between leaves no file at {0}; replace it in one step with File.Replace",
        "Replacing a file by renaming it to a backup and then renaming its new version onto the name leaves a moment with no " +
        "file there: a crash then, even of the process alone, leaves only the backup, which the code that reads the file does " +
        "not look for. File.Replace(source, destination, backup) keeps the backup and replaces the file in one step; fsync the " +
        "directory after it.");

    private const string BatchCounterTitle = "Batch-sync counter out of step with fsyncs";

    private const string BatchCounterDescription =
        "A batch-sync counter counts the writes since the last fsync. Every fsync of its stream, forced ones included " +
        "(atomic batch commit, checkpoint, rotation, truncation), must reset it, or the next batch sync fires early and the " +
        "counter no longer counts unsynced writes; and it must never be reset where the stream was not fsynced.";

    /// <summary>DUR003 for an fsync after which the counter is not reset.</summary>
    public static readonly DiagnosticDescriptor FsyncLeavesCounterStale = Create(
        RuleIdentifiers.StaleBatchCounter,
        BatchCounterTitle,
        messageFormat: "This fsync of '{0}' does not reset batch-sync counter '{1}' (threshold '{2}'): the next batch sync fires early and '{1}' no longer counts unsynced writes",
        BatchCounterDescription);

    /// <summary>DUR003 for a reset of the counter where the stream was not fsynced.</summary>
    public static readonly DiagnosticDescriptor CounterResetWithoutFsync = Create(
        RuleIdentifiers.StaleBatchCounter,
        BatchCounterTitle,
        messageFormat: "Batch-sync counter '{0}' is reset where '{1}' is not fsynced: it claims writes are durable that are not",
        BatchCounterDescription);

    private const string FileContentsTitle = "File contents published, written whole, rewritten in place or closed without reaching the disk";

    private const string FileContentsDescription =
        "A rename can reach the disk before the data of the file renamed: write a temp file, rename it over the old one, lose " +
        "power, and the file can be empty or torn with the old contents gone too. fsync the temp file before the rename. " +
        "File.WriteAll* and File.AppendAll* close the file without an fsync and cannot make it durable; use " +
        "Durability.Runtime's DurableFile, which writes a temp file, fsyncs it, renames it into place and fsyncs the directory. " +
        "A file emptied (FileMode.Create) and written again in place is empty or torn after a crash until it is fsynced. " +
        "Closing a stream is no fsync: a new file written and closed, or records appended and closed, stay in the page cache. " +
        "A move written as a copy and a deletion of the source loses both when the deletion reaches the disk before the copy: " +
        "fsync the copy and its directory first.";

    /// <summary>DUR004 for a rename of a file written in the same method and never fsynced before it.</summary>
    public static readonly DiagnosticDescriptor RenameOfUnsyncedFile = Create(
        RuleIdentifiers.UnsyncedFileContents,
        FileContentsTitle,
        messageFormat: "{0} is renamed to {1} before its contents are fsynced: after a crash {1} can be empty or torn, and the old contents gone",
        FileContentsDescription);

    /// <summary>DUR004 for File.WriteAll*, which cannot fsync.</summary>
    public static readonly DiagnosticDescriptor WholeFileWriteWithoutFsync = Create(
        RuleIdentifiers.UnsyncedFileContents,
        FileContentsTitle,
        messageFormat: "File.{0} cannot fsync {1}: after a crash the file can be empty or torn",
        FileContentsDescription);

    /// <summary>DUR004 for File.AppendAll*, which cannot fsync: what it appends, not the whole file, is at risk.</summary>
    public static readonly DiagnosticDescriptor AppendWithoutFsync = Create(
        RuleIdentifiers.UnsyncedFileContents,
        FileContentsTitle,
        messageFormat: "File.{0} cannot fsync {1}: after a crash what it appended can be missing or torn",
        FileContentsDescription);

    /// <summary>DUR004 for a file emptied and written again in place with no fsync before it is closed.</summary>
    public static readonly DiagnosticDescriptor RewriteInPlaceWithoutFsync = Create(
        RuleIdentifiers.UnsyncedFileContents,
        FileContentsTitle,
        messageFormat: "{0} is rewritten in place: {1} empties it at once, and nothing fsyncs the new contents before it is closed, so after a crash it can be empty or torn",
        FileContentsDescription);

    /// <summary>DUR004 for a file written through a stream in storage code and closed with no fsync of it.</summary>
    public static readonly DiagnosticDescriptor WrittenAndClosedWithoutFsync = Create(
        RuleIdentifiers.UnsyncedFileContents,
        FileContentsTitle,
        messageFormat: "{0} is written and closed with no fsync: closing a file leaves what was written in the OS page cache, so after a power failure it can be missing, empty or torn",
        FileContentsDescription);

    /// <summary>DUR004 for a library call that writes a file whole and closes it with no fsync (XDocument.Save(path), File.Copy).</summary>
    public static readonly DiagnosticDescriptor WholeFileSaveWithoutFsync = Create(
        RuleIdentifiers.UnsyncedFileContents,
        FileContentsTitle,
        messageFormat: "{0} writes {1} whole and closes it with no fsync: after a crash the file can be empty or torn",
        FileContentsDescription);

    /// <summary>DUR004 for a call of a helper outside storage code that writes the file it is given and never fsyncs it.</summary>
    public static readonly DiagnosticDescriptor HelperWriteWithoutFsync = Create(
        RuleIdentifiers.UnsyncedFileContents,
        FileContentsTitle,
        messageFormat: "{0} writes {1} and closes it with no fsync: after a crash the file can be missing, empty or torn",
        FileContentsDescription);

    /// <summary>DUR004 for a move written as a copy and a deletion of the source, with no fsync of the copy before the deletion.</summary>
    public static readonly DiagnosticDescriptor SourceDeletedBeforeCopyIsDurable = Create(
        RuleIdentifiers.UnsyncedFileContents,
        FileContentsTitle,
        messageFormat: "{0} is deleted after it is copied to {1}, and nothing fsyncs the copy first: after a crash {1} can be missing, empty or torn, and {0} gone",
        FileContentsDescription);

    private const string FsyncFailureTitle = "fsync failure ignored, swallowed or retried";

    private const string FsyncFailureDescription =
        "When fsync fails, Linux may already have dropped the dirty pages and cleared the error, so a retry can succeed with " +
        "the data gone (PostgreSQL's \"fsyncgate\", 2018). After a failed fsync the only safe course is to stop: let the " +
        "exception reach the caller, or fail the process, and recover from the log on restart. Never catch and carry on, " +
        "never retry, and check the result of every native fsync.";

    /// <summary>DUR005 for an fsync whose exception a catch drops.</summary>
    public static readonly DiagnosticDescriptor FsyncFailureSwallowed = Create(
        RuleIdentifiers.LostFsyncFailure,
        FsyncFailureTitle,
        messageFormat: "A failure of '{0}' is caught and not rethrown: the data it was to make durable may already be lost, and the program carries on as if it were not",
        FsyncFailureDescription);

    /// <summary>DUR005 for an fsync run again after it failed.</summary>
    public static readonly DiagnosticDescriptor FsyncFailureRetried = Create(
        RuleIdentifiers.LostFsyncFailure,
        FsyncFailureTitle,
        messageFormat: "'{0}' is retried after it fails: a second fsync can succeed after the kernel has dropped the data the first one could not write",
        FsyncFailureDescription);

    /// <summary>DUR005 for a native fsync whose failure an if notices and only logs.</summary>
    public static readonly DiagnosticDescriptor FsyncFailureOnlyLogged = Create(
        RuleIdentifiers.LostFsyncFailure,
        FsyncFailureTitle,
        messageFormat: "A failure of '{0}' is noticed and only logged: the data it was to make durable may already be lost, and the program carries on as if it were not",
        FsyncFailureDescription);

    /// <summary>DUR005 for a native fsync whose result is discarded.</summary>
    public static readonly DiagnosticDescriptor FsyncResultIgnored = Create(
        RuleIdentifiers.LostFsyncFailure,
        FsyncFailureTitle,
        messageFormat: "The result of '{0}' is ignored: if the fsync fails, nothing notices and the data may be lost",
        FsyncFailureDescription);

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string description) =>
        new(
            id,
            title,
            messageFormat,
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLink(id));
}
