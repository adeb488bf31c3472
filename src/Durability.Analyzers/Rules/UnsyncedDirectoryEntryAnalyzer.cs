using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Durability.Analyzers.Configuration;
using Durability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Rules;

/// <summary>
/// DUR002: a file creation, rename or deletion, in code that intends durability, that is not followed on
/// every path by an fsync of the parent directory, in the same method or a method it calls. "Followed on
/// every path" is read from the code's structure: a sync later in the same block or an enclosing one,
/// not inside a branch, loop or lambda, with no return or throw in between.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsyncedDirectoryEntryAnalyzer : DiagnosticAnalyzer
{
    /// <summary>
    /// Diagnostic property: the directory syncs the fix inserts, as kinds separated by '|' (<see cref="SyncDirectory"/>,
    /// <see cref="SyncParentDirectory"/>, <see cref="SyncParentDirectoryOfInfo"/>, <see cref="SyncDirectoryOfInfo"/>,
    /// <see cref="SyncParentDirectoryEntry"/>), one for
    /// each additional location, which
    /// is the expression the sync names; absent when no fix applies.
    /// </summary>
    public const string SyncKindsProperty = "SyncKinds";

    /// <summary>Sync kind: <c>Fsync.Directory(expression)</c>, the expression names the directory.</summary>
    public const string SyncDirectory = "Directory";

    /// <summary>Sync kind: <c>Fsync.ParentDirectory(expression)</c>, the expression names a path in the directory.</summary>
    public const string SyncParentDirectory = "ParentDirectory";

    /// <summary>Sync kind: <c>Fsync.ParentDirectory(expression.FullName)</c>, the expression is a FileInfo or DirectoryInfo.</summary>
    public const string SyncParentDirectoryOfInfo = "ParentDirectoryOfInfo";

    /// <summary>Sync kind: <c>Fsync.Directory(expression.FullName)</c>, the expression is the DirectoryInfo of the directory.</summary>
    public const string SyncDirectoryOfInfo = "DirectoryOfInfo";

    /// <summary>Sync kind: <c>Fsync.ParentDirectoryEntry(expression)</c>, the expression names a file in a directory just created.</summary>
    public const string SyncParentDirectoryEntry = "ParentDirectoryEntry";

    /// <summary>
    /// Diagnostic property, present when the creation returns a FileStream or StreamWriter: the fix may wrap it in
    /// <c>Fsync.Created(...)</c> where no statement can follow it (a field initializer, an expression body, a return).
    /// </summary>
    public const string WrapCreatedProperty = "WrapCreated";

    /// <summary>
    /// Diagnostic property of a file deleted before the rename that replaces it: <c>File</c> or <c>FileInfo</c> when that
    /// rename can take <c>overwrite: true</c> in the compilation, so the fix can drop the deletion and overwrite instead.
    /// </summary>
    public const string OverwritingMoveProperty = "OverwritingMove";

    /// <summary>Diagnostic property of a file moved aside to a backup before the rename that replaces it.</summary>
    public const string MovedAsideProperty = "MovedAside";

    /// <summary>
    /// Present when no fix can exist: a directory replaced in two steps, which no call does in one. A person redesigns the
    /// swap (a pointer file renamed over, or recovery at start-up).
    /// </summary>
    public const string DirectorySwapProperty = "DirectorySwap";

    private static readonly ImmutableDictionary<string, string?> DirectorySwap = ImmutableDictionary<string, string?>.Empty.Add(DirectorySwapProperty, "true");

    /// <summary>
    /// With <see cref="MovedAsideProperty"/>: both renames are <c>File.Move(source, destination)</c>, which can become
    /// <c>File.Replace(source, destination, backup)</c>. (With it, <see cref="OverwritingMoveProperty"/> says the move aside
    /// is a <c>File.Move</c> or a <c>FileInfo.MoveTo</c> that can become a copy, and the rename can overwrite, so the fix can
    /// copy aside and rename over instead.)
    /// </summary>
    public const string ReplaceWithBackupProperty = "ReplaceWithBackup";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(
            RuleCatalog.UnsyncedCreation, RuleCatalog.UnsyncedRename, RuleCatalog.UnsyncedDeletion, RuleCatalog.UnsyncedDirectoryCreation,
            RuleCatalog.UnsyncedHelperDirectoryCreation,
            RuleCatalog.DeletedBeforeReplacingRename, RuleCatalog.MovedAsideBeforeReplacingRename,
            RuleCatalog.DirectoryDeletedBeforeReplacingRename, RuleCatalog.DirectoryMovedAsideBeforeReplacingRename);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(compilationContext => CompilationModel.RegisterTypeStart(compilationContext, OnTypeStart));
    }

    // A type whose text names no call that changes an entry, or that does not intend durability, registers nothing:
    // its bodies cost the rule nothing, in a storage project as in the rest of the code.
    private static void OnTypeStart(SymbolStartAnalysisContext context, CompilationModel model)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!SourceTextSearch.AnyDeclarationContains(type, model.Directories.SourceWords, context.CancellationToken) ||
            WindowsOnlyCode.IsMarked(type) || model.WindowsApps.IsWindowsOnly(context.Options))
        {
            return;
        }

        // Outside storage code, only bodies that follow the safe-save protocol are checked: a live file moved aside to a
        // backup, or deleted, before a new version takes its place exists to survive a crash (BackupProtocol).
        var protocolOnly = !model.Intents.IsDurable(type, context.Options, RuleIdentifiers.UnsyncedDirectoryEntry, compilationEvidenceCounts: false, context.CancellationToken);

        // A type that writes files it reads back (a settings or key manager) keeps state in those: their entries are
        // checked as storage code's are, and the type's other files only by the protocol.
        var stateFiles = protocolOnly ? model.Intents.StateFilesOf(type, context.Options, RuleIdentifiers.UnsyncedDirectoryEntry, context.CancellationToken) : null;
        var followsProtocol = protocolOnly && AnyMemberSpellsProtocol(type, context.CancellationToken) &&
            model.Intents.AdmitsIdiom(type, context.Options, RuleIdentifiers.UnsyncedDirectoryEntry);
        if (protocolOnly && !followsProtocol && stateFiles is null)
        {
            return;
        }

        RegisterBodies(context, model, type, protocolOnly, followsProtocol, stateFiles);
    }

    // Apart from OnTypeStart so that the closures are made only for the types that register (most return before).
    private static void RegisterBodies(
        SymbolStartAnalysisContext context, CompilationModel model, INamedTypeSymbol type, bool protocolOnly, bool followsProtocol, HashSet<string>? stateFiles)
    {
        // A call to the project's own file-system provider is the change when the provider itself is not checked.
        var options = context.Options;
        var cancellationToken = context.CancellationToken;

        // A partial type that is storage code only by what one of its files does: its other files follow the protocol rule.
        var partsShowingIntent = protocolOnly ? null : model.Intents.PartsShowingIntent(type, options, RuleIdentifiers.UnsyncedDirectoryEntry, cancellationToken);
        var otherPartsChecked = partsShowingIntent is not null && model.Intents.AdmitsIdiom(type, options, RuleIdentifiers.UnsyncedDirectoryEntry);
        bool IsChecked(INamedTypeSymbol holder) =>
            model.Intents.IsDurable(holder, options, RuleIdentifiers.UnsyncedDirectoryEntry, compilationEvidenceCounts: false, cancellationToken);
        var changes = new ChangeFinder(model.Directories, model.Forwarders, model.ConstructorCreations, IsChecked);
        context.RegisterOperationBlockStartAction(blockContext =>
        {
            // A nested type's bodies are its own type's to check; exports and reports (ExportJson) are files for people, and
            // a method that hands back a lock writes the lock's file; a file-system interface's wrapper is checked at its calls.
            if (SymbolEqualityComparer.Default.Equals(blockContext.OwningSymbol.ContainingType, type) &&
                !model.Intents.KeepsNoData(blockContext.OwningSymbol, blockContext.Options, RuleIdentifiers.UnsyncedDirectoryEntry) &&
                !model.WriteWrappers.IsCheckedAtCalls(blockContext.OwningSymbol) &&
                !WindowsOnlyCode.IsMarkedItself(blockContext.OwningSymbol))
            {
                var bodyProtocolOnly = protocolOnly ||
                    (partsShowingIntent is not null && !blockContext.OperationBlocks.IsEmpty && !partsShowingIntent.Contains(blockContext.OperationBlocks[0].Syntax.SyntaxTree));
                if (bodyProtocolOnly && !protocolOnly && !otherPartsChecked)
                {
                    return;
                }

                // The protocol is looked for in a type that spells it, and in the parts of a partial type that show no intent.
                var bodyFollowsProtocol = followsProtocol || (bodyProtocolOnly && !protocolOnly);
                OnBodyStart(blockContext, type, bodyProtocolOnly, bodyFollowsProtocol, stateFiles, changes, model.Directories, model.DirectorySyncs, model.Callers, model.CallerRenames, model.StagedAcrossMethods, model.MemberDirectorySyncs, model.PathHelpers, model.MemberPaths, model.RecoveredFiles, model.CreatedWhenMissing);
            }
        });
    }

    // if (File.Exists(path + ".bak")) File.Move(path + ".bak", path): recovery putting back a backup it found, as a method
    // named for restoring does. Lost in a crash, the backup is found and put back again at the next start.
    // if (File.Exists(manifest + ".tmp")) File.Move(manifest + ".tmp", manifest); in a method that does not write the temp
    // itself: start-up finishing a publish a crash interrupted. If a crash undoes this rename too, the temp is still there
    // and the next start renames it again; the temp's contents are checked where it is written (DUR004).
    private static bool IsInterruptedPublishFinished(DirectoryEntryChange change, ChangeFinder finder, CancellationToken cancellationToken)
    {
        if (change.Kind != DirectoryEntryChangeKind.Rename || !PathNames.IsTemporaryFile(change.Path) || !IsGuardedByItsExistence(change))
        {
            return false;
        }

        var temp = FileIdentity.Of(change.Path);
        foreach (var operation in SourceBodies.RootOf(change.Operation).DescendantsAndSelf())
        {
            if (operation is IInvocationOperation or IObjectCreationOperation && operation != change.Operation &&
                finder.Classify(operation, cancellationToken) is { Kind: DirectoryEntryChangeKind.Creation } creation && FileIdentity.Of(creation.Path) == temp)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsGuardedByItsExistence(DirectoryEntryChange change)
    {
        var source = FileIdentity.Of(change.Path);
        for (var parent = change.Operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IConditionalOperation { Condition: var condition } && TestsExistence(condition, source))
            {
                return true;
            }

            if (parent is IMethodBodyOperation or IBlockOperation { Parent: null } or ILocalFunctionOperation or IAnonymousFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    private static bool TestsExistence(IOperation condition, FileIdentity file)
    {
        foreach (var operation in condition.DescendantsAndSelf())
        {
            if (ExistingFiles.TestedPath(operation) is { } tested && FileIdentity.Of(tested) == file)
            {
                return true;
            }
        }

        return false;
    }

    // new AtomicAction(perform: () => Directory.Move(a, b), backOut: () => Directory.Move(b, a)): the step that undoes another
    // runs only when that one failed, and puts back what it changed; the forward step is the change to make durable.
    private static bool IsInUndoCallback(IOperation change)
    {
        for (var current = change.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation)
            {
                var holder = current.Parent is IDelegateCreationOperation created ? created.Parent : current.Parent;
                return holder is IArgumentOperation { Parameter.Name: var name } && IsUndoName(name);
            }
        }

        return false;
    }

    private static readonly string[] UndoWords = { "undo", "rollback", "revert", "backout", "compensat", "abort", "onfailure", "onerror" };

    private static bool IsUndoName(string name)
    {
        foreach (var word in UndoWords)
        {
            if (name.StartsWith(word, System.StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // A backup's deletion is kept for the deletion policy: it commits a rewrite when recovery restores backups it finds.
    private static bool IsBackupDeletion(DirectoryEntryChange change) =>
        change.Kind == DirectoryEntryChangeKind.Deletion && PathNames.IsBackupFile(change.Path);

    // A member of the type (not of a nested type) whose text spells both a rename and a deletion or a backup's name.
    private static bool AnyMemberSpellsProtocol(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            foreach (var member in declaration.Members)
            {
                if (member is not BaseTypeDeclarationSyntax &&
                    SourceTextSearch.ContainsAny(reference.SyntaxTree, member.Span, DirectoryApiModel.RenameWords, cancellationToken) &&
                    SourceTextSearch.ContainsAny(reference.SyntaxTree, member.Span, BackupProtocol.SourceWords, cancellationToken))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Bodies whose text names no call that changes an entry register nothing; the others get only invocations and creations.
    private static void OnBodyStart(
        OperationBlockStartAnalysisContext context,
        INamedTypeSymbol type,
        bool protocolOnly,
        bool followsProtocol,
        HashSet<string>? stateFiles,
        ChangeFinder finder,
        DirectoryApiModel directories,
        DirectorySyncModel syncs,
        CallerDirectorySync callers,
        CallerRenames callerRenames,
        StagedAcrossMethods staged,
        MemberDirectorySyncs memberSyncs,
        PathHelpers helpers,
        MemberPaths members,
        RecoveredFiles recovered,
        CreatedWhenMissing createdWhenMissing)
    {
        // The type's text and intent were checked at its start; each body is read again for the calls it makes. Outside
        // storage code a body must spell a rename and a deletion or a backup to follow the safe-save protocol.
        // A type keeping state in files reads every body for the changes to them.
        var anyChange = protocolOnly && stateFiles is null ? DirectoryApiModel.RenameWords : directories.SourceWords;
        if (context.OperationBlocks.IsEmpty || !SourceTextSearch.AnyContains(context.OperationBlocks, anyChange, context.CancellationToken))
        {
            return;
        }

        followsProtocol &= !protocolOnly || SourceTextSearch.AnyContains(context.OperationBlocks, BackupProtocol.SourceWords, context.CancellationToken);
        if (protocolOnly && !followsProtocol && stateFiles is null)
        {
            return;
        }

        var options = RuleOptionReader.For(context.Options, context.OperationBlocks[0].Syntax.SyntaxTree);
        var deletionReporting = DeletionPolicy.ReportingFrom(RuleOptionReader.GetRawValue(options, RuleIdentifiers.UnsyncedDirectoryEntry, OptionNames.ReportDeletions));
        var changes = new List<DirectoryEntryChange>();
        var asides = new List<DirectoryEntryChange>();
        var managesLeases = PathNames.ManagesLeases(context.OwningSymbol);
        var writesScratch = PathNames.WritesScratchFiles(context.OwningSymbol);
        var restoresBackups = PathNames.RestoresBackups(context.OwningSymbol);
        context.RegisterOperationAction(
            operationContext =>
            {
                if (finder.Classify(operationContext.Operation, operationContext.CancellationToken) is not { } change)
                {
                    return;
                }

                // A move aside is read for the gap before the rename that replaces it; outside storage code it is only that.
                var movesAside = BackupProtocol.MovesAside(change);
                if (movesAside)
                {
                    lock (changes)
                    {
                        asides.Add(change);
                    }
                }

                if (!(protocolOnly && movesAside) &&
                    (!PathNames.IsAuxiliaryFile(change.SyncedPath) || IsBackupDeletion(change)) &&
                    !(managesLeases && change.Kind == DirectoryEntryChangeKind.Rename) &&
                    !(writesScratch && change.Kind == DirectoryEntryChangeKind.Creation) &&
                    !(change.Kind == DirectoryEntryChangeKind.Rename && PathNames.IsBackupFile(change.Path) && (restoresBackups || IsGuardedByItsExistence(change))) &&
                    !IsInterruptedPublishFinished(change, finder, operationContext.CancellationToken) &&
                    !WindowsOnlyCode.IsInWindowsBranch(change.Operation) &&
                    !DelegatedPaths.IsGivenByCallee(change.Path) &&
                    !IsInUndoCallback(change.Operation))
                {
                    lock (changes)
                    {
                        changes.Add(change);
                    }
                }
            },
            OperationKind.Invocation,
            OperationKind.ObjectCreation,
            OperationKind.Invalid);
        context.RegisterOperationBlockEndAction(endContext =>
        {
            var checkedChanges = !protocolOnly ? changes : ProtocolOrStateChanges(changes, asides, followsProtocol, stateFiles, type);
            var deletions = new DeletionPolicy(deletionReporting, recovered, type, endContext.OwningSymbol, endContext.CancellationToken);
            if (asides.Count > 0 && ReportMovedAside(endContext, asides, changes, deletions) is { } reported)
            {
                // One finding a site: a move aside reported for the gap it opens is not checked again for its directory.
                checkedChanges = checkedChanges.FindAll(change => !reported.Contains(change));
            }

            if (checkedChanges.Count > 0)
            {
                var configured = MethodNamePatterns.Parse(RuleOptionReader.GetRawValue(options, RuleIdentifiers.UnsyncedDirectoryEntry, OptionNames.DirectorySyncMethods));
                ReportUnsynced(endContext, checkedChanges, finder, syncs, configured, callers, callerRenames, staged, memberSyncs, helpers, members, deletions, createdWhenMissing, recovered);
            }
        });
    }

    // Outside storage code: the new versions of the safe-save protocol, and the changes to files the type keeps state in.
    private static List<DirectoryEntryChange> ProtocolOrStateChanges(
        List<DirectoryEntryChange> changes, List<DirectoryEntryChange> asides, bool followsProtocol, HashSet<string>? stateFiles, INamedTypeSymbol type)
    {
        var found = followsProtocol ? BackupProtocol.NewVersions(changes, asides) : new List<DirectoryEntryChange>();
        if (found.Count > 0)
        {
            // File.Delete(target) before the new version is renamed onto it: the gap between the two loses the file even in
            // a process crash, and is reported with the rename it comes before.
            foreach (var change in changes)
            {
                if (ReplacingRenames.After(change, changes) is { } replacement && found.Contains(replacement))
                {
                    found.Add(change);
                }
            }
        }
        if (stateFiles is not null)
        {
            foreach (var change in changes)
            {
                // A helper of the type that writes a state file it is given (StoreSigner(signer, path)) is checked in its own body.
                if (!found.Contains(change) && StateFiles.Names(change.Operation.Syntax, stateFiles) &&
                    !StateFiles.AreWrittenThrough((change.Operation as IInvocationOperation)?.TargetMethod, type, stateFiles))
                {
                    found.Add(change);
                }
            }
        }

        return found;
    }

    private static void ReportUnsynced(
        OperationBlockAnalysisContext context,
        List<DirectoryEntryChange> changes,
        ChangeFinder finder,
        DirectorySyncModel syncs,
        MethodNamePatterns configured,
        CallerDirectorySync callers,
        CallerRenames callerRenames,
        StagedAcrossMethods staged,
        MemberDirectorySyncs memberSyncs,
        PathHelpers helpers,
        MemberPaths members,
        DeletionPolicy deletions,
        CreatedWhenMissing createdWhenMissing,
        RecoveredFiles recovered)
    {
        var caller = context.OwningSymbol.ContainingType;
        IOperation? HelperDirectory(IInvocationOperation call) => helpers.CombinedDirectory(call, caller, context.CancellationToken);
        IOperation? HelperSibling(IInvocationOperation call) => helpers.SiblingArgument(call, context.CancellationToken);
        IOperation? MemberValue(ISymbol member) =>
            SymbolEqualityComparer.Default.Equals(member.ContainingType, caller) ? members.ValueOf(member, context.CancellationToken) : null;

        changes.Sort((a, b) => a.Operation.Syntax.SpanStart.CompareTo(b.Operation.Syntax.SpanStart));
        foreach (var block in context.OperationBlocks)
        {
            var inBlock = changes.FindAll(change => block.Syntax.FullSpan.Contains(change.Operation.Syntax.Span));
            if (inBlock.Count == 0)
            {
                continue;
            }

            var keys = new PathResolver(block, HelperDirectory, helperSibling: HelperSibling);
            var search = new FollowingSyncSearch(syncs, keys, configured, context.CancellationToken);
            FollowingSyncSearch? searchThroughMembers = null;

            // Paths read through the members' values (_directory = Path.GetDirectoryName(path) in the constructor, DirectoryPath =>
            // Path.GetDirectoryName(FilePath)): made only for a would-be finding, since binding the constructor costs more than the
            // common case needs.
            FollowingSyncSearch SearchThroughMembers() =>
                searchThroughMembers ??= new FollowingSyncSearch(syncs, new PathResolver(block, HelperDirectory, MemberValue, HelperSibling), configured, context.CancellationToken);
            foreach (var change in inBlock)
            {
                // A step of a rotation (the oldest copy deleted, each older one moved down a slot) is made durable with the
                // chain's last rename, which is checked.
                var replacement = ReplacingRenames.After(change, inBlock);
                if (RotationShifts.IsShift(change, inBlock) || (replacement is { } shifted && RotationShifts.IsShift(shifted, inBlock)))
                {
                    continue;
                }

                if (replacement is { } replacing)
                {
                    // Deleted, then replaced by a rename onto its name: the gap between the two is the bug, whatever syncs follow.
                    context.ReportDiagnostic(DeletedBeforeRename(change, replacing));
                    continue;
                }

                if (change.Kind == DirectoryEntryChangeKind.Deletion && !deletions.Reports(change, inBlock, keys))
                {
                    continue;
                }

                if (change.CreatesADirectory &&
                    (PathNames.IsTemporaryFile(change.Path) ||
                     (!change.CreatesDirectoryOfPath && ExistingFiles.DirectoryExistsAt(change.Operation, change.Path)) ||
                     (!ReceivesFilesLater(change, inBlock, keys, helpers, context.CancellationToken) &&
                      !ReceivesFilesLater(change, inBlock, SearchThroughMembers().Keys, helpers, context.CancellationToken) &&
                      !finder.FillsThroughConstructor(change, block, keys, context.CancellationToken) &&
                      !IsSyncedByItsType(change, memberSyncs, configured, context.CancellationToken))))
                {
                    // Directory.CreateDirectory to make sure a folder exists (start-up) is left alone; a folder created
                    // to put files in at once (a new aggregate, old/ for a compaction) takes them down with it if its entry
                    // is lost, and so does the folder of a type that fsyncs the entries it creates there (Fsync.Directory(_dir)).
                    // Under if (Directory.Exists(dir)) the creation makes nothing.
                    continue;
                }

                if (change.Kind == DirectoryEntryChangeKind.Creation && !change.CreatesDirectoryOfPath &&
                    (IsRenamedLater(change, inBlock) || WasProducedEarlier(change, inBlock) || IsDeletedLater(change, inBlock) ||
                     (ReturnedPaths.Returns(block, FileIdentity.Of(change.Path)) &&
                      !recovered.IsFoundByPatternElsewhere(caller, context.OwningSymbol, change.Path, keys.InitializerOf, context.CancellationToken)) ||
                     callerRenames.RenamedByEveryCaller(context.OwningSymbol, change.Path, context.CancellationToken) ||
                     finder.IsRenamedLaterThroughOwnHelper(change, block, context.CancellationToken)))
                {
                    // Write-temp-then-rename: only the rename's entry must be durable, here or in every caller. Reopening a
                    // file that an earlier change in this method created or renamed into place adds no entry of its own, and
                    // a probe or scratch file deleted before the method is done is not meant to outlive it. A file whose path
                    // the method returns is its caller's to publish, send or sync, unless the type itself lists such files
                    // at start (a message saved as $"{stamp}.eml" in a folder loaded by "*.eml"): a record, not a draft.
                    continue;
                }

                if (change.Kind == DirectoryEntryChangeKind.Creation && !change.CreatesADirectory &&
                    (ExistingFiles.ExistsAt(change.Operation, change.Path) || UnwrittenOpenings.IsProbe(change.Operation, block) ||
                     createdWhenMissing.IsPlaceholder(caller, change.Operation, change.Path, context.CancellationToken)))
                {
                    // Written over a file the method has just read, or only when it exists: no new entry (the rewrite is DUR004's).
                    // Opened only to look at it (its length, a lock): an entry the open may have made holds nothing. A placeholder made
                    // empty only when missing, at a fixed path: the same code makes it again after a crash that lost it.
                    continue;
                }

                if (change.Kind == DirectoryEntryChangeKind.Creation && !change.CreatesDirectoryOfPath && PathNames.HasTemporaryFileName(change.Path, keys.InitializerOf))
                {
                    // A file named .tmp is renamed into place or thrown away: the rename that publishes it is what must be durable.
                    continue;
                }

                if (change.Kind == DirectoryEntryChangeKind.Rename && IsRenamedAgainOnEveryPath(change, inBlock))
                {
                    // Staged in two steps (Path.GetTempFileName() -> dir/x.tmp -> dir/x): only the last rename puts the file in place.
                    continue;
                }

                if (IsWrappedInCreated(change.Operation))
                {
                    continue;
                }

                var unsynced = UnsyncedDirectories(change, keys, search);
                if (unsynced.Count > 0 && search.MetSync)
                {
                    var throughMembers = SearchThroughMembers();
                    unsynced = UnsyncedDirectories(change, throughMembers.Keys, throughMembers);
                }

                // A staging file another method of the type renames when its job completes is checked at that rename.
                // A file the type creates when missing at start-up exists when its other methods write it: a rewrite, DUR004's.
                if (unsynced.Count > 0 &&
                    !(context.OwningSymbol is IMethodSymbol method && callers.EveryCallerSyncs(method, configured, context.CancellationToken)) &&
                    !IsStagedByEveryCaller(change, context.OwningSymbol, callers, context.CancellationToken) &&
                    !(change.Kind == DirectoryEntryChangeKind.Creation && !change.CreatesADirectory &&
                      (staged.RenamedByAnotherMethod(caller, context.OwningSymbol, block, change.Path, context.CancellationToken) ||
                       (!CreatedWhenMissing.IsGuardedByAbsence(change.Operation, change.Path) &&
                        createdWhenMissing.IsEnsuredByItsType(caller, context.OwningSymbol, change.Path, context.CancellationToken)))))
                {
                    context.ReportDiagnostic(CreateDiagnostic(change, unsynced, HelperDirectory));
                }
            }
        }
    }

    // Stream OpenFileWriteStream(string path) => File.OpenWrite(path), called only with temp paths: the caller's rename is
    // where the entry matters.
    private static bool IsStagedByEveryCaller(DirectoryEntryChange change, ISymbol owner, CallerDirectorySync callers, CancellationToken cancellationToken) =>
        change.Kind == DirectoryEntryChangeKind.Creation && !change.CreatesADirectory && owner is IMethodSymbol method &&
        FileApiModel.StripConversions(change.Path) is IParameterReferenceOperation { Parameter: var parameter } &&
        SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method) &&
        callers.EveryCallNamesATemporaryFile(method, parameter.Ordinal, cancellationToken);

    // The paths whose parent directory no later sync covers: the path; for a rename the destination, and the source when its directory can differ.
    private static List<IOperation> UnsyncedDirectories(DirectoryEntryChange change, PathResolver keys, FollowingSyncSearch search)
    {
        var paths = new List<IOperation> { change.SyncedPath };
        if (change.CreatesDirectoryOfPath)
        {
            // EnsureParent(file) made the directory file lies in: its entry is in the directory above.
            paths.RemoveAll(path => search.IsFollowedBySync(change.Operation, keys.AboveDirectoryOf(path)));
            return paths;
        }

        if (change.Destination is not null && !keys.ParentOf(change.Path).IsSame(keys.ParentOf(change.Destination)))
        {
            paths.Add(change.Path);
        }

        paths.RemoveAll(path => search.IsFollowedBySync(change.Operation, keys.ParentOf(path)));
        return paths;
    }

    // A file created in, or renamed into, the new directory later in the same body.
    private static bool ReceivesFilesLater(DirectoryEntryChange directory, List<DirectoryEntryChange> changes, PathResolver keys, PathHelpers helpers, CancellationToken cancellationToken)
    {
        var created = CreatedDirectoryOf(directory, keys);
        return ChangesInOrder.AnyAfter(
            changes,
            directory,
            other => other.Kind != DirectoryEntryChangeKind.Deletion && !other.CreatesADirectory &&
                     (created.IsSame(keys.ParentOf(other.SyncedPath)) ||
                      (!directory.CreatesDirectoryOfPath && helpers.Nests(other.SyncedPath, directory.Path, keys.InitializerOf, cancellationToken))));
    }

    // The directory a creation makes, known keys only: the path it is given, or, for EnsureParent(file), the one file lies in.
    private static DirectoryIdentity CreatedDirectoryOf(DirectoryEntryChange directory, PathResolver keys) =>
        (directory.CreatesDirectoryOfPath ? keys.ParentOf(directory.Path) : keys.DirectoryOf(directory.Path)).Known();

    // Directory.CreateDirectory(_dir) where another body of the type fsyncs _dir after creating entries in it.
    private static bool IsSyncedByItsType(DirectoryEntryChange directory, MemberDirectorySyncs memberSyncs, MethodNamePatterns configured, CancellationToken cancellationToken) =>
        DirectoryMemberOf(directory) is { } member && memberSyncs.TypeSyncs(member, configured, cancellationToken);

    // The field or property of this object that the created directory's path reads: Directory.CreateDirectory(_dir), _dir.Create().
    private static ISymbol? DirectoryMemberOf(DirectoryEntryChange directory) =>
        directory.CreatesDirectoryOfPath ? null : FileApiModel.StripConversions(directory.Path) switch
        {
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property.IsIndexer: false } property => property.Property,
            IPropertyReferenceOperation { Property.Name: "FullName", Instance: IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } info } => info.Field,
            _ => null,
        };

    private static bool IsRenamedLater(DirectoryEntryChange creation, List<DirectoryEntryChange> changes)
    {
        var created = FileIdentity.Of(creation.Path);
        return ChangesInOrder.AnyAfter(changes, creation, other => other.Kind == DirectoryEntryChangeKind.Rename && FileIdentity.Of(other.Path) == created);
    }

    // The file a rename put in place is renamed again on every path after it, before the method is done.
    private static bool IsRenamedAgainOnEveryPath(DirectoryEntryChange rename, List<DirectoryEntryChange> changes) =>
        IsFollowedOnEveryPathBy(DirectoryEntryChangeKind.Rename, rename, FileIdentity.Of(rename.SyncedPath), changes);

    // A probe or scratch file deleted on every path after its creation, before the method is done: nothing is meant to
    // outlive it. A deletion in another branch (an oversized file dropped and made again) does not count.
    private static bool IsDeletedLater(DirectoryEntryChange creation, List<DirectoryEntryChange> changes) =>
        IsFollowedOnEveryPathBy(DirectoryEntryChangeKind.Deletion, creation, FileIdentity.Of(creation.Path), changes);

    // A change of the kind, to the file, follows the change on every path.
    private static bool IsFollowedOnEveryPathBy(DirectoryEntryChangeKind kind, DirectoryEntryChange change, FileIdentity file, List<DirectoryEntryChange> changes) =>
        StructuredPaths.IsFollowedOnEveryPath(
            change.Operation,
            operation => changes.Exists(other => ReferenceEquals(other.Operation, operation) && other.Kind == kind && FileIdentity.Of(other.Path) == file));

    // An earlier change that made the file, and can run before this one: not one in a branch that returns first.
    private static bool WasProducedEarlier(DirectoryEntryChange creation, List<DirectoryEntryChange> changes)
    {
        var created = FileIdentity.Of(creation.Path);
        return ChangesInOrder.AnyBefore(changes, creation, other => other.Produces(created) && StructuredPaths.CanRunBefore(other.Operation, creation.Operation));
    }

    private static Diagnostic CreateDiagnostic(DirectoryEntryChange change, List<IOperation> unsynced, System.Func<IInvocationOperation, IOperation?> helperDirectory)
    {
        var directories = change.CreatesDirectoryOfPath ? "the directory above it"
            : unsynced.Count == 1 ? DescribeDirectory(unsynced[0])
            : "the directories of " + Quote(unsynced[0]) + " and " + Quote(unsynced[1]);
        var location = WholeCallOf(change.Operation).Syntax.GetLocation();
        var properties = ImmutableDictionary<string, string?>.Empty;
        var syncTargets = new List<Location>();
        if (FixSyncKinds(unsynced, change.CreatesDirectoryOfPath, helperDirectory, syncTargets) is { } kinds)
        {
            properties = properties.Add(SyncKindsProperty, kinds);
        }
        else
        {
            syncTargets.Clear();
        }

        if (change.Kind == DirectoryEntryChangeKind.Creation && IsWrappable(change.Operation.Type))
        {
            properties = properties.Add(WrapCreatedProperty, "true");
        }

        return change.Kind switch
        {
            DirectoryEntryChangeKind.Rename => Diagnostic.Create(RuleCatalog.UnsyncedRename, location, syncTargets, properties, Quote(change.Path), Quote(change.Destination!), directories),
            DirectoryEntryChangeKind.Deletion => Diagnostic.Create(RuleCatalog.UnsyncedDeletion, location, syncTargets, properties, Quote(change.Path), directories),
            _ when change.DirectoryHelper is { } helper => Diagnostic.Create(
                RuleCatalog.UnsyncedHelperDirectoryCreation, location, syncTargets, properties,
                (change.CreatesDirectoryOfPath ? "of " : string.Empty) + Quote(change.Path), helper.Name, directories),
            _ when change.CreatesADirectory => Diagnostic.Create(RuleCatalog.UnsyncedDirectoryCreation, location, syncTargets, properties, Quote(change.Path), directories),
            _ => Diagnostic.Create(RuleCatalog.UnsyncedCreation, location, syncTargets, properties, Quote(change.Path), directories),
        };
    }

    // A fix repeats each path expression, so only expressions without side effects qualify. The kinds go in a property and
    // the expressions, as locations, in targets: the fixer builds the calls from the syntax found there.
    // Path.Combine(dir, name) syncs dir itself, so changes in one directory share one call. A directory made for a file
    // (EnsureParent(file)) is synced above it, by the file's path.
    private static string? FixSyncKinds(List<IOperation> paths, bool aboveDirectory, System.Func<IInvocationOperation, IOperation?> helperDirectory, List<Location> targets)
    {
        var kinds = new List<string>();
        foreach (var path in paths)
        {
            if (aboveDirectory)
            {
                if (!RepeatableExpressions.IsRepeatable(path))
                {
                    return null;
                }

                kinds.Add(SyncParentDirectoryEntry);
                targets.Add(path.Syntax.GetLocation());
                continue;
            }

            var stripped = FileApiModel.StripConversions(path);
            if (stripped is IInvocationOperation { TargetMethod.ContainingType.Name: not "Path" } helper &&
                helperDirectory(helper) is { } directory && RepeatableExpressions.IsRepeatable(directory))
            {
                // A helper that builds the path (and may count, as NextPath() does) is not called again: its directory is synced.
                kinds.Add(SyncDirectory);
                targets.Add(directory.Syntax.GetLocation());
                continue;
            }

            if (stripped is IInvocationOperation { TargetMethod.Name: "CreateSubdirectory", Instance: { } parent })
            {
                // The subdirectory is not created again: the directory it was created in is synced.
                if (!RepeatableExpressions.IsRepeatable(parent))
                {
                    return null;
                }

                kinds.Add(SyncDirectoryOfInfo);
                targets.Add(parent.Syntax.GetLocation());
                continue;
            }

            if (!RepeatableExpressions.IsRepeatable(path))
            {
                return null;
            }

            if (stripped is IInvocationOperation combine && SystemIO.IsPathMethod(combine.TargetMethod, "Combine") && combine.Arguments.Length == 2)
            {
                kinds.Add(SyncDirectory);
                targets.Add(combine.Arguments[0].Value.Syntax.GetLocation());
            }
            else
            {
                kinds.Add(IsFileSystemInfo(path.Type) ? SyncParentDirectoryOfInfo : SyncParentDirectory);
                targets.Add(path.Syntax.GetLocation());
            }
        }

        return string.Join("|", kinds);
    }

    private static string DescribeDirectory(IOperation path) =>
        FileApiModel.StripConversions(path) switch
        {
            { } stripped when PathResolver.PathArgument(stripped, "Combine", 2) is { } directory => Quote(directory),
            IInvocationOperation { TargetMethod.Name: "CreateSubdirectory", Instance: { } parent } => Quote(parent),
            _ => "the directory of " + Quote(path),
        };

    // info.Directory?.Create() is reported whole, not at its ".Create()": the statement the fix goes beside holds the whole.
    private static IOperation WholeCallOf(IOperation call)
    {
        var current = call;
        while (current.Parent is IConditionalAccessOperation access && access.WhenNotNull == current)
        {
            current = access;
        }

        return current;
    }

    // Fsync.Created(new FileStream(...)) syncs the directory right after the creation it wraps.
    private static bool IsWrappedInCreated(IOperation creation)
    {
        var current = creation.Parent;
        while (current is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        return current is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "Created" } method } } &&
               method.ContainingType?.ToDisplayString() == FileApiModel.RuntimeFsyncTypeName;
    }

    // Fsync.Created takes a FileStream or StreamWriter, or a subclass of either (returned as itself).
    private static bool IsWrappable(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SystemIO.Is(current, "FileStream") || SystemIO.Is(current, "StreamWriter"))
            {
                return true;
            }
        }

        return false;
    }

    private static Diagnostic DeletedBeforeRename(DirectoryEntryChange deletion, DirectoryEntryChange rename) =>
        deletion.IsOfADirectory
            ? Emptied(RuleCatalog.DirectoryDeletedBeforeReplacingRename, deletion, rename, DirectorySwap)
            : Emptied(
                RuleCatalog.DeletedBeforeReplacingRename,
                deletion,
                rename,
                ReplacingRenames.OverwritingForm(rename) is { } form
                    ? ImmutableDictionary<string, string?>.Empty.Add(OverwritingMoveProperty, form)
                    : ImmutableDictionary<string, string?>.Empty);

    // A name emptied (deleted, or moved aside to a backup) before the rename that fills it again, reported at the emptying.
    private static Diagnostic Emptied(DiagnosticDescriptor descriptor, DirectoryEntryChange emptying, DirectoryEntryChange rename, ImmutableDictionary<string, string?> properties) =>
        emptying.Destination is { } backup && emptying.Kind == DirectoryEntryChangeKind.Rename
            ? Diagnostic.Create(
                descriptor, emptying.Operation.Syntax.GetLocation(), new[] { rename.Operation.Syntax.GetLocation() }, properties,
                Quote(emptying.Path), Quote(rename.Path), Quote(backup))
            : Diagnostic.Create(
                descriptor, emptying.Operation.Syntax.GetLocation(), new[] { rename.Operation.Syntax.GetLocation() }, properties,
                Quote(emptying.Path), Quote(rename.Path));

    // A live file moved aside to a backup, then replaced by a rename onto its name: between the two only the backup exists,
    // which readers do not look for unless the type's recovery puts it back or reads it.
    private static List<DirectoryEntryChange>? ReportMovedAside(
        OperationBlockAnalysisContext context, List<DirectoryEntryChange> asides, List<DirectoryEntryChange> changes, DeletionPolicy deletions)
    {
        List<DirectoryEntryChange>? reported = null;
        foreach (var aside in asides)
        {
            if (ReplacingRenames.AfterMoveAside(aside, changes) is { } replacing &&
                !deletions.IsRestoredFromBackup(aside.Destination!) && !deletions.IsBackupReadBack(aside.Destination!))
            {
                context.ReportDiagnostic(MovedAsideBeforeRename(aside, replacing));
                (reported ??= new List<DirectoryEntryChange>()).Add(aside);
            }
        }

        return reported;
    }

    private static Diagnostic MovedAsideBeforeRename(DirectoryEntryChange moveAside, DirectoryEntryChange rename) =>
        moveAside.IsOfADirectory
            ? Emptied(RuleCatalog.DirectoryMovedAsideBeforeReplacingRename, moveAside, rename, DirectorySwap)
            : Emptied(RuleCatalog.MovedAsideBeforeReplacingRename, moveAside, rename, MovedAsideFixes(moveAside, rename));

    // Directory.Move, Directory.Delete, DirectoryInfo.MoveTo and Delete: no rename replaces a directory that holds files.
    private static ImmutableDictionary<string, string?> MovedAsideFixes(DirectoryEntryChange moveAside, DirectoryEntryChange rename)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(MovedAsideProperty, "true");
        if (ReplacingRenames.CanReplaceWithBackup(moveAside, rename))
        {
            properties = properties.Add(ReplaceWithBackupProperty, "File");
        }

        return ReplacingRenames.CanCopyAside(moveAside.Operation) && ReplacingRenames.OverwritingForm(rename) is { } form
            ? properties.Add(OverwritingMoveProperty, form)
            : properties;
    }

    private static string Quote(IOperation operation) => "'" + NodeText.OnOneLine(operation.Syntax) + "'";

    private static bool IsFileSystemInfo(ITypeSymbol? type) =>
        SystemIO.Is(type, "FileInfo") || SystemIO.Is(type, "DirectoryInfo");

    /// <summary>Reads a call as a change: a System.IO call, or a call to the project's own file-system provider.</summary>
    private sealed class ChangeFinder
    {
        private readonly DirectoryApiModel _directories;
        private readonly EntryForwarders _forwarders;
        private readonly ConstructorCreations _constructors;
        private readonly System.Func<INamedTypeSymbol, bool> _isChecked;

        public ChangeFinder(DirectoryApiModel directories, EntryForwarders forwarders, ConstructorCreations constructors, System.Func<INamedTypeSymbol, bool> isChecked)
        {
            _constructors = constructors;
            _directories = directories;
            _forwarders = forwarders;
            _isChecked = isChecked;
        }

        public DirectoryEntryChange? Classify(IOperation operation, CancellationToken cancellationToken) =>
            _directories.Classify(operation) ?? _forwarders.Classify(operation, _isChecked, cancellationToken);

        /// <summary>
        /// True when a call later in <paramref name="block"/> renames the created file through a method of a checked type that
        /// forwards to a rename (a move with retries, AtomicMoveWithRetryAsync(temp, path)): that rename is checked in its own
        /// body, and the creation is of a temp file it publishes.
        /// </summary>
        public bool IsRenamedLaterThroughOwnHelper(DirectoryEntryChange creation, IOperation block, CancellationToken cancellationToken)
        {
            var created = FileIdentity.Of(creation.Path);
            var start = creation.Operation.Syntax.Span.End;
            foreach (var operation in block.Descendants())
            {
                if (operation is IInvocationOperation && operation.Syntax.SpanStart >= start &&
                    _forwarders.Classify(operation, AnyHolder, cancellationToken) is { Kind: DirectoryEntryChangeKind.Rename } rename &&
                    FileIdentity.Of(rename.Path) == created)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AnyHolder(INamedTypeSymbol holder) => false;

        /// <summary>
        /// True when, after the directory's creation in <paramref name="block"/>, a constructor of the project's own is handed
        /// a file in it, or the directory itself, and creates a file there (<c>new DataFile(Path.Combine(dir, "active.db"))</c>).
        /// </summary>
        public bool FillsThroughConstructor(DirectoryEntryChange directory, IOperation block, PathResolver keys, CancellationToken cancellationToken)
        {
            var created = CreatedDirectoryOf(directory, keys);
            if (created.IsUnknown)
            {
                return false;
            }

            var start = directory.Operation.Syntax.Span.End;
            foreach (var operation in block.Descendants())
            {
                if (operation is not IObjectCreationOperation { Constructor: { } constructor } creation || operation.Syntax.SpanStart < start)
                {
                    continue;
                }

                foreach (var from in _constructors.Of(constructor, cancellationToken))
                {
                    if (FileApiModel.ArgumentFor(creation, from.Ordinal) is { } argument &&
                        created.IsSame(from.InDirectory ? keys.DirectoryOf(argument) : keys.ParentOf(argument)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    /// <summary>Looks for a directory fsync that runs after a change on every path.</summary>
    private sealed class FollowingSyncSearch
    {
        private readonly DirectorySyncModel _syncs;
        private readonly PathResolver _keys;
        private readonly MethodNamePatterns _configured;
        private readonly CancellationToken _cancellationToken;

        public FollowingSyncSearch(DirectorySyncModel syncs, PathResolver keys, MethodNamePatterns configured, CancellationToken cancellationToken)
        {
            _syncs = syncs;
            _keys = keys;
            _configured = configured;
            _cancellationToken = cancellationToken;
        }

        public PathResolver Keys => _keys;

        /// <summary>True once a search has met a directory sync on a path after its change, whatever directory it syncs.</summary>
        public bool MetSync { get; private set; }

        public bool IsFollowedBySync(IOperation change, DirectoryIdentity wanted) =>
            StructuredPaths.IsFollowedOnEveryPath(change, operation =>
            {
                if (_syncs.SyncedDirectory(operation, _keys, _configured, _cancellationToken) is not { } synced)
                {
                    return false;
                }

                MetSync = true;
                return synced.IsSame(wanted);
            },
            PresenceGuards.GuardsItsBody);
    }
}
