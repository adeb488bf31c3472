using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Durability.Analyzers.Configuration;
using Durability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Rules;

/// <summary>
/// DUR004: a file written in a method and then renamed (File.Move/Replace, FileInfo.MoveTo/Replace) with no fsync
/// of it before the rename on every path; and File.WriteAll*/AppendAll*, which cannot fsync, in storage code.
/// A rename is checked in storage code, and anywhere the rename itself shows the intent: it replaces a file, or
/// publishes a file named as a temp file; so is a move written as a copy and a deletion of the source.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsyncedFileContentsAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(
            RuleCatalog.RenameOfUnsyncedFile,
            RuleCatalog.WholeFileWriteWithoutFsync, RuleCatalog.AppendWithoutFsync,
            RuleCatalog.RewriteInPlaceWithoutFsync,
            RuleCatalog.WrittenAndClosedWithoutFsync,
            RuleCatalog.SourceDeletedBeforeCopyIsDurable,
            RuleCatalog.WholeFileSaveWithoutFsync,
            RuleCatalog.HelperWriteWithoutFsync);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(compilationContext => CompilationModel.RegisterTypeStart(compilationContext, OnTypeStart));
    }

    // The words of a rename, a whole-file write or a copy.
    private static readonly string[] IdiomWords = System.Linq.Enumerable.ToArray(
        System.Linq.Enumerable.Concat(FileWriteApiModel.WholeWriteOrRenameWords, CopiesThenDeletes.CopyWords));

    // The words of what storage code alone is checked for: an opening for writing, an XML save to a path or a helper that
    // saves one (IoUtil.SaveObject(state, path)), a data set written as XML, a copy, a zip entry extracted to a file.
    private static readonly string[] StorageWriteWords = System.Linq.Enumerable.ToArray(
        System.Linq.Enumerable.Concat(FileWriteApiModel.RewriteWords, new[] { "Save", "WriteXml", "Copy", "ExtractToFile" }));

    // A type whose text spells no rename, whole-file write or truncating open registers nothing for its bodies.
    private static void OnTypeStart(SymbolStartAnalysisContext context, CompilationModel model)
    {
        // Renames and whole-file writes are checked in storage code and where the idiom may show intent; rewrites in
        // place only in storage code. The type's intent is found here once for all its bodies.
        var type = (INamedTypeSymbol)context.Symbol;
        var cancellationToken = context.CancellationToken;
        var renamesOrWritesWhole = SourceTextSearch.AnyDeclarationContains(type, FileWriteApiModel.WholeWriteOrRenameWords, cancellationToken) ||
            (SourceTextSearch.AnyDeclarationContains(type, CopiesThenDeletes.CopyWords, cancellationToken) &&
             SourceTextSearch.AnyDeclarationContains(type, CopiesThenDeletes.DeleteWords, cancellationToken));
        if (model.Files.File is null ||
            (!renamesOrWritesWhole && !SourceTextSearch.AnyDeclarationContains(type, StorageWriteWords, cancellationToken) &&
             !SourceTextSearch.AnyDeclarationContains(type, model.WriteWrappers.Names, cancellationToken)))
        {
            return;
        }

        var admitsIdiom = renamesOrWritesWhole && model.Intents.AdmitsIdiom(type, context.Options, RuleIdentifiers.UnsyncedFileContents);
        var durable = model.Intents.IsDurable(type, context.Options, RuleIdentifiers.UnsyncedFileContents, compilationEvidenceCounts: false, cancellationToken);

        // A type that writes files it reads back (a settings or key manager) keeps state in those: they are checked as
        // storage code's files are, and its other files as before.
        var stateFiles = durable ? null : model.Intents.StateFilesOf(type, context.Options, RuleIdentifiers.UnsyncedFileContents, cancellationToken);
        if (!durable && !admitsIdiom && stateFiles is null)
        {
            return;
        }

        // A partial type that is storage code only by what one of its files does: its other files are checked for the idiom.
        var partsShowingIntent = durable ? model.Intents.PartsShowingIntent(type, context.Options, RuleIdentifiers.UnsyncedFileContents, cancellationToken) : null;
        RegisterBodies(context, model, type, durable, admitsIdiom, stateFiles, partsShowingIntent);
    }

    // Apart from OnTypeStart so that the closure is made only for the types that register (most return before).
    private static void RegisterBodies(
        SymbolStartAnalysisContext context,
        CompilationModel model,
        INamedTypeSymbol type,
        bool durable,
        bool admitsIdiom,
        HashSet<string>? stateFiles,
        HashSet<SyntaxTree>? partsShowingIntent)
    {
        context.RegisterOperationBlockStartAction(blockContext =>
        {
            // A nested type's bodies are its own type's to check; exports, reports and templates are files for people, and
            // a method that hands back a lock writes the lock's file; a file-system interface's wrapper is checked at its calls.
            if (SymbolEqualityComparer.Default.Equals(blockContext.OwningSymbol.ContainingType, type) &&
                !model.Intents.KeepsNoData(blockContext.OwningSymbol, blockContext.Options, RuleIdentifiers.UnsyncedFileContents) &&
                !model.WriteWrappers.IsCheckedAtCalls(blockContext.OwningSymbol))
            {
                var bodyDurable = durable &&
                    (partsShowingIntent is null || blockContext.OperationBlocks.IsEmpty || partsShowingIntent.Contains(blockContext.OperationBlocks[0].Syntax.SyntaxTree));
                OnBodyStart(blockContext, model, bodyDurable, admitsIdiom, stateFiles);
            }
        });
    }

    private static void OnBodyStart(
        OperationBlockStartAnalysisContext context,
        CompilationModel model,
        bool durable,
        bool admitsIdiom,
        HashSet<string>? stateFiles)
    {
        if (context.OperationBlocks.IsEmpty)
        {
            return;
        }

        // Renames and whole-file writes are checked in storage code and where an idiom shows intent; rewrites in place
        // only in storage code. A body that spells neither kind of call is left at once.
        var cancellationToken = context.CancellationToken;
        // One pass for all the idiom's words: a body that copies but deletes nothing is left by the operations it holds.
        var renamesOrWritesWhole = SourceTextSearch.AnyContains(context.OperationBlocks, IdiomWords, cancellationToken);
        if (!renamesOrWritesWhole && !SourceTextSearch.AnyContains(context.OperationBlocks, StorageWriteWords, cancellationToken) &&
            !SourceTextSearch.AnyContains(context.OperationBlocks, model.WriteWrappers.Names, cancellationToken))
        {
            return;
        }

        var intent = new TypeIntent(durable || stateFiles is not null, durable || (renamesOrWritesWhole && admitsIdiom), stateFiles);
        if (!intent.Durable && !intent.AdmitsIdiom)
        {
            return;
        }

        // Only bodies that rename a file, write one whole, or (in storage code) open one emptying it are scanned, at their end.
        var candidate = false;
        context.RegisterOperationAction(
            operationContext =>
            {
                // One call that makes the body a candidate is enough: the rest of its operations are not looked at.
                if (Volatile.Read(ref candidate))
                {
                    return;
                }

                var operation = operationContext.Operation;
                if ((Call.TryRead(operation, out var call) && (model.Writes.IsWholeFileWrite(call.Method) || WholeFileSaves.IsWholeFileSave(call, model.Files))) ||
                    model.Directories.Classify(operation) is { Kind: DirectoryEntryChangeKind.Rename } ||
                    model.Forwarders.Classify(operation, FileContentsScan.AlwaysReadThrough, operationContext.CancellationToken) is { Kind: DirectoryEntryChangeKind.Rename } ||
                    (intent.Durable && model.Writes.OpenedPath(operation, out var opensForWriting) is not null && opensForWriting && (IsHeldByUsing(operation) || IsClosedByStatement(operation, model.Files))) ||
                    (intent.Durable && HelperOf(operation) is { } helper &&
                     WritesThroughHelperElsewhere(helper, model, operationContext.ContainingSymbol, operationContext.Options, operationContext.CancellationToken)))
                {
                    Volatile.Write(ref candidate, true);
                }
            },
            OperationKind.Invocation,
            OperationKind.ObjectCreation,
            OperationKind.Invalid);
        context.RegisterOperationBlockEndAction(endContext =>
        {
            if (candidate)
            {
                Report(endContext, model, intent);
            }
        });
    }

    private static void Report(OperationBlockAnalysisContext context, CompilationModel model, TypeIntent intent)
    {
        var fileContext = model.FileContents.ContextFor(context.CancellationToken);

        // In a type that keeps state in some of its files, only those are held to what storage code's files are.
        // A helper of the type that writes a state file it is given (StoreSigner(signer, path)) is checked in its own body.
        bool IsCheckedFile(IOperation operation) =>
            intent.StateFiles is null ||
            (StateFiles.Names(operation.Syntax, intent.StateFiles) && !StateFiles.AreWrittenThrough(HelperOf(operation), context.OwningSymbol.ContainingType, intent.StateFiles));
        // A type kept to its state files alone may be no storage code for DUR001 either: a flush there is no fsync, and no one's finding.
        var flushesLeftToFlushRule = intent.StateFiles is null || IsCheckedByFlushRule(context.OwningSymbol.ContainingType, model, context.Options, context.CancellationToken);
        foreach (var block in context.OperationBlocks)
        {
            var scan = new FileContentsScan(block, fileContext, FileContentSummaries.NewWalk(context.CancellationToken)) { FlushesLeftToFlushRule = flushesLeftToFlushRule };
            foreach (var rename in scan.Renames)
            {
                var renameIntent = IsCheckedFile(rename.Operation) ? intent : intent.IdiomOnly;
                if (UnsyncedRename(model.MemberFileWrites, block, scan, rename, renameIntent) is { } written)
                {
                    context.ReportDiagnostic(UnsyncedFileContentsFixes.ForRename(scan, rename, written));
                }
            }

            var deletedCopySources = CopiesThenDeletes.In(block, scan, model.Directories, model.Forwarders);
            foreach (var copy in deletedCopySources)
            {
                context.ReportDiagnostic(UnsyncedFileContentsFixes.ForDeletedCopySource(copy));
            }

            if (!intent.Durable)
            {
                continue;
            }

            // A file written and kept: not renamed into place later (the rename is checked), not a lock, backup or export,
            // not named by a callee's delegate, not fsynced after, not renamed by every caller of the method.
            bool IsKeptUnsynced(FileWrite write) =>
                !scan.IsRenamedAfter(write) && !PathNames.IsAuxiliaryFile(write.Path) && !DelegatedPaths.IsGivenByCallee(write.Path) &&
                !IsFsyncedAfter(scan, write) && !model.CallerRenames.RenamedByEveryCaller(context.OwningSymbol, write.Path, context.CancellationToken);

            foreach (var write in scan.Writes)
            {
                if (!IsCheckedFile(write.Operation))
                {
                    continue;
                }

                if (write.Kind == FileWriteKind.WholeFile && !EmptyContents.AreWrittenBy(write.Operation) && IsKeptUnsynced(write))
                {
                    context.ReportDiagnostic(UnsyncedFileContentsFixes.ForWholeFileWrite(write));
                }
                else if (write.Kind == FileWriteKind.Library && Call.TryRead(write.Operation, out var save) && WholeFileSaves.IsWholeFileSave(save, model.Files) &&
                    !PathNames.IsTemporaryFile(write.Path) && !CopiesFromDeletedSource(write, deletedCopySources) &&
                    !IsDeletedLater(block, write, model.Directories) && IsKeptUnsynced(write))
                {
                    context.ReportDiagnostic(UnsyncedFileContentsFixes.ForWholeFileSave(write));
                }
                else if (write.Kind == FileWriteKind.Helper && !write.Durable && write.Path != write.Operation &&
                    HelperOf(write.Operation)?.ContainingType is { } helperType &&
                    !model.Intents.IsDurable(helperType, context.Options, RuleIdentifiers.UnsyncedFileContents, compilationEvidenceCounts: false, context.CancellationToken) &&
                    !PathNames.IsTemporaryFile(write.Path) && !IsDeletedLater(block, write, model.Directories) && !ReturnedPaths.Returns(block, write.File) &&
                    IsKeptUnsynced(write))
                {
                    // A helper outside storage code (IOUtil.SaveObject(state, path)) is not checked in its own body: the
                    // storage code that hands it a file it keeps is where the write must be made durable.
                    context.ReportDiagnostic(UnsyncedFileContentsFixes.ForHelperWrite(write));
                }
            }

            var rewrites = InPlaceRewrites.In(block, scan, fileContext.Writes);
            foreach (var rewrite in rewrites)
            {
                if (IsCheckedFile(rewrite.Write.Operation))
                {
                    context.ReportDiagnostic(UnsyncedFileContentsFixes.ForRewriteInPlace(scan, rewrite));
                }
            }

            if (PathNames.WritesScratchFiles(context.OwningSymbol))
            {
                // WriteChunkToTempFile: scratch files, deleted when done and never read after a restart.
                continue;
            }

            // A file whose path the body returns is its caller's, unless the type lists such files at start (a mail spool).
            bool IsFoundAgain(IOperation path) =>
                model.RecoveredFiles.IsFoundByPatternElsewhere(
                    context.OwningSymbol.ContainingType, context.OwningSymbol, path, local => SourceBodies.InitializerOf(local, block), context.CancellationToken);
            foreach (var close in UnsyncedCloses.In(block, scan, rewrites, IsFoundAgain))
            {
                // A file a caller renames into place (a helper's temp file), or that a commit reopens by path and fsyncs, is
                // made durable there.
                if (IsCheckedFile(close.Write.Operation) &&
                    !model.CallerRenames.RenamedByEveryCaller(context.OwningSymbol, close.Write.Path, context.CancellationToken) &&
                    !model.PathSyncers.SyncsFilesByPath(context.OwningSymbol.ContainingType, context.CancellationToken))
                {
                    context.ReportDiagnostic(UnsyncedFileContentsFixes.ForUnsyncedClose(scan, close));
                }
            }
        }
    }

    // What DUR001 asks before it reads a type's flushes: storage code by its own intent, or a member named for durability.
    private static bool IsCheckedByFlushRule(INamedTypeSymbol type, CompilationModel model, AnalyzerOptions options, CancellationToken cancellationToken) =>
        model.Intents.IsDurable(type, options, RuleIdentifiers.FlushWithoutFsync, compilationEvidenceCounts: true, cancellationToken) || DurableMethodNames.AnyIn(type);

    // The writes of the renamed file that no fsync covers, or null when the rename is fine or out of scope. A path member
    // that this body does not write at all may name a temp file another method writes (opened when a writer starts,
    // renamed when it completes): reported with no writes of its own when nothing in the type fsyncs it, and fixed by an
    // fsync by path.
    private static List<FileWrite>? UnsyncedRename(MemberFileWrites memberWrites, IOperation block, FileContentsScan scan, DirectoryEntryChange rename, TypeIntent intent)
    {
        // What a rename publishes is named by its destination: a lock or backup renamed over the live file (git's index.lock
        // over index) carries the live file's contents, and a file renamed onto a lock or backup name is no data.
        if (PathNames.IsAuxiliaryFile(rename.Destination!) || (!intent.Durable && !RenameIdiom.ShowsIntent(rename)))
        {
            return null;
        }

        var key = FileIdentity.Of(rename.Path);
        var written = new List<FileWrite>();
        var writtenHere = false;
        var anyUnsynced = false;
        foreach (var write in scan.Writes)
        {
            if (write.File != key)
            {
                continue;
            }

            if (!UnsyncedCloses.MayWrite(block, scan, write))
            {
                // File.Open(path, FileMode.Open) to hash what an earlier run wrote: nothing written here to publish.
                continue;
            }

            writtenHere = true;
            if (write.Operation.Syntax.SpanStart < rename.Operation.Syntax.SpanStart && StructuredPaths.CanRunBefore(write.Operation, rename.Operation))
            {
                written.Add(write);
                anyUnsynced |= !write.Durable;
            }
        }

        if (!writtenHere)
        {
            // The kept file moved aside to a temp name (File.Move(_dbPath, _dbPath + "_" + guid) before a new version is
            // written) publishes nothing: what it holds was written, and is reported, where the file was written.
            if (PathNames.IsTemporaryFile(rename.Destination!) && !PathNames.IsTemporaryFile(rename.Path))
            {
                return null;
            }

            return MemberFileWrites.PathMemberOf(rename.Path) is { } member && !scan.FsyncsFileAnywhere(key) &&
                   memberWrites.WrittenUnsyncedElsewhere(member, block, scan.Context, countWholeFileWrites: !intent.Durable)
                ? written
                : null;
        }

        return !anyUnsynced || StructuredPaths.IsPrecededOnEveryPath(rename.Operation, operation => scan.FsyncsFile(operation, key), SettingGuards.IsSetting) ? null : written;
    }

    // A call of another type's source method, named for writing, that writes a path it is given (IOUtil.SaveObject(state,
    // path)). The name first: most calls of a storage body are not to such helpers, and a summary reads the callee's body.
    // A helper in storage code is checked in its own body, and is never reported at its calls.
    private static bool WritesThroughHelperElsewhere(IMethodSymbol target, CompilationModel model, ISymbol caller, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        return LibraryWrites.NamedForWriting(target.Name) &&
               !SymbolEqualityComparer.Default.Equals(target.ContainingType, caller.ContainingType) && SourceBodies.CanSummarise(target) &&
               FileIdentity.HasPathParameter(target) &&
               !model.Intents.IsDurable(target.ContainingType, options, RuleIdentifiers.UnsyncedFileContents, compilationEvidenceCounts: false, cancellationToken) &&
               !model.FileContents.Get(target.OriginalDefinition, FileContentSummaries.NewWalk(cancellationToken)).Writes.IsEmpty;
    }

    // The method a call means, bound or not (a helper given an argument of a type the build lacks).
    private static IMethodSymbol? HelperOf(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => invocation.TargetMethod,
        IInvalidOperation invalid => UnboundCalls.IntendedMethod(invalid),
        _ => null,
    };

    // A copy whose source is deleted afterwards is reported once, at the deletion.
    private static bool CopiesFromDeletedSource(FileWrite write, List<DeletedCopySource> deleted)
    {
        foreach (var copy in deleted)
        {
            if (copy.Copy == write.Operation)
            {
                return true;
            }
        }

        return false;
    }

    // A copy kept only while the method runs (data.old beside a file being replaced, deleted at the end) is scratch.
    private static bool IsDeletedLater(IOperation block, FileWrite write, DirectoryApiModel directories)
    {
        foreach (var operation in block.DescendantsAndSelf())
        {
            if (operation.Syntax.SpanStart > write.Operation.Syntax.SpanStart && operation is IInvocationOperation &&
                directories.Classify(operation) is { Kind: DirectoryEntryChangeKind.Deletion } deletion && FileIdentity.Of(deletion.Path) == write.File)
            {
                return true;
            }
        }

        return false;
    }

    // A file written whole, then reopened and fsynced on every path after.
    private static bool IsFsyncedAfter(FileContentsScan scan, FileWrite write)
    {
        var key = write.File;
        return StructuredPaths.IsFollowedOnEveryPath(write.Operation, operation => scan.FsyncsFile(operation, key), SettingGuards.IsSetting);
    }

    // Rewrites in place and unsynced closes are of streams a using closes: using (var s = ...), using var w = new StreamWriter(...),
    // or a statement (file.Close()).
    // A stream kept in a field (a log opened in the constructor) is DUR001's, through its flushes.
    private static bool IsHeldByUsing(IOperation opening)
    {
        var current = opening.Parent;
        for (var depth = 0; depth < 12 && current is not null; depth++, current = current.Parent)
        {
            switch (current)
            {
                case IUsingOperation or IUsingDeclarationOperation:
                    return true;
                case IBlockOperation or IExpressionStatementOperation or IReturnOperation or IAssignmentOperation:
                    return false;
            }
        }

        return false;
    }

    // FileStream file = File.Create(path); ... file.Close();: a local that a statement of the body closes; or that a writer
    // over it closes with itself (using var writer = new StreamWriter(file), or a writer closed in a finally).
    private static bool IsClosedByStatement(IOperation opening, FileApiModel files)
    {
        var current = opening.Parent;
        while (current is IConversionOperation)
        {
            current = current.Parent;
        }

        return current is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } &&
               (ExplicitCloses.Of(declarator) is not null || IsClosedByWriterOver(declarator, files));
    }

    // The writer is made in the stream local's scope; a writer assigned there may be declared further out (before a try).
    private static bool IsClosedByWriterOver(IVariableDeclaratorOperation declaration, FileApiModel files)
    {
        if (declaration.Parent?.Parent?.Parent is not IBlockOperation scope)
        {
            return false;
        }

        var stream = declaration.Symbol;
        foreach (var operation in scope.Descendants())
        {
            if (operation is not IObjectCreationOperation { Arguments.Length: > 0 } wrapper || !files.IsTrackedType(wrapper.Type) ||
                FileApiModel.StripConversions(wrapper.Arguments[0].Value) is not ILocalReferenceOperation { Local: var wrapped } ||
                !SymbolEqualityComparer.Default.Equals(wrapped, stream))
            {
                continue;
            }

            var holder = wrapper.Parent;
            while (holder is IConversionOperation)
            {
                holder = holder.Parent;
            }

            var writer = holder switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var assigned } } => SourceBodies.DeclaratorOf(assigned, SourceBodies.RootOf(declaration)),
                _ => null,
            };
            if (writer is not null &&
                (InPlaceRewrites.IsUsingVariable(writer) || ExplicitCloses.Of(writer) is not null || ExplicitCloses.GuardedOf(writer) is not null))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class TypeIntent
    {
        public TypeIntent(bool durable, bool admitsIdiom, HashSet<string>? stateFiles = null)
        {
            Durable = durable;
            AdmitsIdiom = admitsIdiom;
            StateFiles = stateFiles;
        }

        /// <summary>The type is storage code, or keeps state in files: every rule of DUR004 applies (to those files).</summary>
        public bool Durable { get; }

        /// <summary>Renames that replace a file or publish a temp file show intent on their own.</summary>
        public bool AdmitsIdiom { get; }

        /// <summary>The only files held to storage code's rules, in a type that keeps state in them; null for all.</summary>
        public HashSet<string>? StateFiles { get; }

        /// <summary>The same type's intent for a file that is not one of its state files.</summary>
        public TypeIntent IdiomOnly => new(durable: false, AdmitsIdiom);
    }
}
