using System.Collections.Generic;
using System.Collections.Immutable;
using Durability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Rules;

/// <summary>
/// DUR004's diagnostics and the fix each carries, decided where the analyzer still has the operations: fsync the
/// stream that wrote the file before it is closed; or turn a whole-file write and the rename that publishes it into
/// one DurableFile call; or call DurableFile instead of File.
/// </summary>
public static class UnsyncedFileContentsFixes
{
    /// <summary>Diagnostic property naming the fix that applies; absent when none does.</summary>
    public const string FixKindProperty = "FixKind";

    /// <summary>Insert an fsync of the stream in <see cref="StreamProperty"/> at <see cref="InsertAtProperty"/>.</summary>
    public const string FixInsertFsync = "InsertFsync";

    /// <summary>File.WriteAll*(temp, ...) then a rename to the destination become DurableFile.WriteAll*(destination, ...).</summary>
    public const string FixDurableWrite = "DurableWrite";

    /// <summary>File.WriteAll*/AppendAll* become the DurableFile method of the same name.</summary>
    public const string FixDurableFile = "DurableFile";

    /// <summary>
    /// Insert an fsync of the stream in <see cref="StreamProperty"/> at <see cref="InsertAtProperty"/>, before the stream that
    /// rewrites a file in place is closed.
    /// </summary>
    public const string FixFsyncBeforeClose = "FsyncBeforeClose";

    /// <summary>Insert <c>Fsync.File(source)</c> before the rename: for files written where no stream is at hand (a helper, a library).</summary>
    public const string FixFsyncPath = "FsyncPath";

    /// <summary>
    /// Insert <c>Fsync.File(copy)</c> and <c>Fsync.ParentDirectory(copy)</c> before the deletion of a copied file's source; the
    /// copy's path is the diagnostic's additional location.
    /// </summary>
    public const string FixFsyncCopy = "FsyncCopy";

    /// <summary>
    /// Insert <c>Fsync.File(path)</c> after a library call that wrote the file whole (<c>XDocument.Save(path)</c>,
    /// <c>File.Copy(source, path)</c>); the path is the diagnostic's additional location.
    /// </summary>
    public const string FixFsyncAfterSave = "FsyncAfterSave";

    /// <summary>The variable to fsync.</summary>
    public const string StreamProperty = "Stream";

    /// <summary><see cref="FsyncFlushToDisk"/> for a FileStream, <see cref="FsyncRuntime"/> for a writer or wrapper.</summary>
    public const string FsyncCallProperty = "FsyncCall";

    /// <summary>The stream is a FileStream: <c>stream.Flush(flushToDisk: true)</c>.</summary>
    public const string FsyncFlushToDisk = "FlushToDisk";

    /// <summary>A writer or wrapper: <c>Fsync.File(writer)</c> flushes it and fsyncs the file under it.</summary>
    public const string FsyncRuntime = "Fsync.File";

    /// <summary>
    /// An XML writer, which hides its stream: <c>Fsync.File(writer, path)</c> flushes it and fsyncs its file by the path it
    /// was opened on, the diagnostic's additional location.
    /// </summary>
    public const string FsyncRuntimeByPath = "Fsync.File(writer, path)";

    /// <summary>
    /// A writer type of the project that keeps its file to itself (<c>new BinaryFileWriter(path)</c>): <c>Fsync.File(path)</c>
    /// after the statement that closes it, when its buffer has reached the file. The path is the diagnostic's additional location.
    /// </summary>
    public const string FsyncPathAfterClose = "Fsync.File(path) after the close";

    /// <summary>The position of the statement to insert before, or of the block to append to.</summary>
    public const string InsertAtProperty = "InsertAt";

    /// <summary><see cref="PlaceBeforeStatement"/> or <see cref="PlaceEndOfBlock"/>.</summary>
    public const string PlacementProperty = "Placement";

    /// <summary>Insert before the statement that starts at <see cref="InsertAtProperty"/>.</summary>
    public const string PlaceBeforeStatement = "BeforeStatement";

    /// <summary>Insert after the statement that starts at <see cref="InsertAtProperty"/>.</summary>
    public const string PlaceAfterStatement = "AfterStatement";

    /// <summary>Append to the block that starts at <see cref="InsertAtProperty"/>.</summary>
    public const string PlaceEndOfBlock = "EndOfBlock";

    /// <summary>For <see cref="FixDurableWrite"/>, and <see cref="FixDurableFile"/> on a rename: the position of the whole-file write to rewrite.</summary>
    public const string WriteAtProperty = "WriteAt";

    internal static Diagnostic ForRename(FileContentsScan scan, DirectoryEntryChange rename, List<FileWrite> written)
    {
        var properties = DurableWriteFix(rename, written) ?? InsertFsyncFix(scan, rename, written) ?? FsyncPathFix(rename) ?? ImmutableDictionary<string, string?>.Empty;
        return Diagnostic.Create(
            RuleCatalog.RenameOfUnsyncedFile, rename.Operation.Syntax.GetLocation(), properties, Quote(rename.Path), Quote(rename.Destination!));
    }

    internal static Diagnostic ForRewriteInPlace(FileContentsScan scan, InPlaceRewrite rewrite)
    {
        var properties = FsyncBeforeCloseFix(scan, rewrite.Stream, rewrite.Declarator, rewrite.Write.Path) ?? ImmutableDictionary<string, string?>.Empty;
        return Diagnostic.Create(
            RuleCatalog.RewriteInPlaceWithoutFsync, rewrite.Write.Operation.Syntax.GetLocation(), PathLocations(properties, rewrite.Write.Path), properties,
            Quote(rewrite.Write.Path), rewrite.Opening);
    }

    internal static Diagnostic ForUnsyncedClose(FileContentsScan scan, UnsyncedClose close)
    {
        var properties = FsyncBeforeCloseFix(scan, close.Stream, close.Declarator, close.Write.Path) ?? ImmutableDictionary<string, string?>.Empty;
        return Diagnostic.Create(
            RuleCatalog.WrittenAndClosedWithoutFsync, close.Write.Operation.Syntax.GetLocation(), PathLocations(properties, close.Write.Path), properties,
            Quote(close.Write.Path));
    }

    // The path the fix names again, for a writer that is fsynced by its path.
    private static Location[] PathLocations(ImmutableDictionary<string, string?> properties, IOperation path) =>
        properties.TryGetValue(FsyncCallProperty, out var call) && call is FsyncRuntimeByPath or FsyncPathAfterClose
            ? new[] { path.Syntax.GetLocation() }
            : System.Array.Empty<Location>();

    // The library gives no way to fsync what it wrote: the file is reopened by its path and fsynced once it returns. A
    // crash during the write can still tear it; only a temp file and a rename would not.
    internal static Diagnostic ForWholeFileSave(FileWrite write) => ForWriteByCall(RuleCatalog.WholeFileSaveWithoutFsync, write);

    internal static Diagnostic ForHelperWrite(FileWrite write) => ForWriteByCall(RuleCatalog.HelperWriteWithoutFsync, write);

    private static Diagnostic ForWriteByCall(DiagnosticDescriptor descriptor, FileWrite write)
    {
        var method = CalledName(write.Operation) ?? "Save";
        var fixable = StatementOf(write.Operation) is { Parent: IBlockOperation } && CanNameAgain(write.Path);
        return Diagnostic.Create(
            descriptor,
            write.Operation.Syntax.GetLocation(),
            new[] { write.Path.Syntax.GetLocation() },
            fixable ? ImmutableDictionary<string, string?>.Empty.Add(FixKindProperty, FixFsyncAfterSave) : ImmutableDictionary<string, string?>.Empty,
            method,
            Quote(write.Path));
    }

    internal static Diagnostic ForDeletedCopySource(DeletedCopySource copy)
    {
        var fixable = StatementOf(copy.Deletion) is { Parent: IBlockOperation } && CanNameAgain(copy.Destination);
        var properties = fixable ? ImmutableDictionary<string, string?>.Empty.Add(FixKindProperty, FixFsyncCopy) : ImmutableDictionary<string, string?>.Empty;
        return Diagnostic.Create(
            RuleCatalog.SourceDeletedBeforeCopyIsDurable,
            copy.Deletion.Syntax.GetLocation(),
            new[] { copy.Destination.Syntax.GetLocation() },
            properties,
            Quote(copy.Source),
            Quote(copy.Destination));
    }

    // A Stream subclass of the project's own (a hashing wrapper): the runtime cannot find the file under it, but the path can.
    private static bool IsOwnStreamWrapper(ITypeSymbol type, FileApiModel files) =>
        files.IsDeclaredHere(type) && FileApiModel.DerivesFrom(type, files.Stream);

    private static bool IsThroughWrapper(IOperation operation) => Call.TryRead(operation, out var call) && call.IsThroughWrapper;

    // A string path that Fsync.File(path) may evaluate a second time.
    private static bool CanNameAgain(IOperation path) =>
        path.Type?.SpecialType == SpecialType.System_String && RepeatableExpressions.IsRepeatable(path);

    // The fsync goes last in the stream's scope: the end of its using block, or of the block a using declaration is in
    // (before a closing return or throw), or before the statement that closes it. It makes the new contents durable when the stream closes; only a temp file
    // renamed over the live one would also keep a crash during the write from tearing it.
    private static ImmutableDictionary<string, string?>? FsyncBeforeCloseFix(FileContentsScan scan, ILocalSymbol stream, IVariableDeclaratorOperation declarator, IOperation path)
    {
        if (!scan.Files.IsTrackedType(stream.Type) && scan.Files.IsDeclaredHere(stream.Type) && !IsOwnStreamWrapper(stream.Type, scan.Files) &&
            !XmlWriters.IsWriter(stream.Type) && CanNameAgain(path))
        {
            // A writer of the project's own (new BinaryFileWriter(path)): its Close() writes its buffer out, so the file is
            // fsynced by its path after the statement that closes it.
            return ExplicitCloses.Of(declarator) is { } closing
                ? ImmutableDictionary<string, string?>.Empty
                    .Add(FixKindProperty, FixFsyncBeforeClose)
                    .Add(StreamProperty, stream.Name)
                    .Add(FsyncCallProperty, FsyncPathAfterClose)
                    .Add(InsertAtProperty, closing.Syntax.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Add(PlacementProperty, PlaceAfterStatement)
                : null;
        }

        var fsyncCall = scan.Files.IsFileStream(stream.Type) ? FsyncFlushToDisk :
            scan.Files.CanRuntimeReachFile(stream.Type) ? FsyncRuntime :
            (XmlWriters.IsWriter(stream.Type) || IsOwnStreamWrapper(stream.Type, scan.Files)) && CanNameAgain(path) ? FsyncRuntimeByPath :
            null;
        var scope = declarator.Parent?.Parent?.Parent;
        (string Kind, int Position)? placement = scope switch
        {
            IUsingOperation { Body: IBlockOperation { Operations.Length: > 0 } body } when body.Syntax.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.Block =>
                (PlaceEndOfBlock, body.Syntax.SpanStart),
            IUsingDeclarationOperation { Parent: IBlockOperation { Operations.Length: > 0 } block } when block.Syntax.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.Block =>
                block.Operations[block.Operations.Length - 1] is IReturnOperation or IThrowOperation or IBranchOperation or IExpressionStatementOperation { Operation: IThrowOperation }
                    ? (PlaceBeforeStatement, block.Operations[block.Operations.Length - 1].Syntax.SpanStart)
                    : (PlaceEndOfBlock, block.Syntax.SpanStart),
            // FileStream fileStream = File.Create(path); ...; fileStream.Close();: before the statement that closes it.
            _ => ExplicitCloses.Of(declarator) is { } close
                ? (PlaceBeforeStatement, close.Syntax.SpanStart)
                : ExplicitCloses.GuardedOf(declarator) is not null ? EndOfAssigningBlock(declarator) : null,
        };
        if (fsyncCall is null || placement is not { } place)
        {
            return null;
        }

        return ImmutableDictionary<string, string?>.Empty
            .Add(FixKindProperty, FixFsyncBeforeClose)
            .Add(StreamProperty, stream.Name)
            .Add(FsyncCallProperty, fsyncCall)
            .Add(InsertAtProperty, place.Position.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add(PlacementProperty, place.Kind);
    }

    // writer = new StreamWriter(file); ... in a try whose finally closes the writer when set: last in the block that assigns
    // it, where the writes are done and the writer is known to be there (before a closing return or throw).
    private static (string Kind, int Position)? EndOfAssigningBlock(IVariableDeclaratorOperation declarator)
    {
        if (declarator.Parent?.Parent?.Parent is not IBlockOperation scope)
        {
            return null;
        }

        foreach (var operation in scope.Descendants())
        {
            if (operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var assigned }, Parent: IExpressionStatementOperation { Parent: IBlockOperation block } } &&
                SymbolEqualityComparer.Default.Equals(assigned, declarator.Symbol) && block.Syntax.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.Block)
            {
                var last = block.Operations[block.Operations.Length - 1];
                return last is IReturnOperation or IThrowOperation or IBranchOperation or IExpressionStatementOperation { Operation: IThrowOperation }
                    ? (PlaceBeforeStatement, last.Syntax.SpanStart)
                    : (PlaceEndOfBlock, block.Syntax.SpanStart);
            }
        }

        return null;
    }

    // What the code calls: the project's wrapper (IFileSystem.WriteAllText) by its own name, System.IO's method by its.
    private static string? CalledName(IOperation operation)
    {
        if (!Call.TryRead(operation, out var call))
        {
            return null;
        }

        var method = call.WrapperMethod ?? call.Method;
        return method.ContainingType?.Name + "." + method.Name;
    }

    internal static Diagnostic ForWholeFileWrite(FileWrite write)
    {
        if (IsThroughWrapper(write.Operation))
        {
            // _fileSystem.WriteAllText(path, text): the wrapper cannot become DurableFile; the file is fsynced after it.
            return ForHelperWrite(write);
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(FixKindProperty, FixDurableFile);
        var method = Call.TryRead(write.Operation, out var call) ? call.Method.Name : "WriteAll";
        var descriptor = method.StartsWith("AppendAll", System.StringComparison.Ordinal) ? RuleCatalog.AppendWithoutFsync : RuleCatalog.WholeFileWriteWithoutFsync;
        return Diagnostic.Create(descriptor, write.Operation.Syntax.GetLocation(), properties, method, Quote(write.Path));
    }

    // One File.WriteAll* of a temp file: with the rename over the destination in the same statement list, one
    // DurableFile call to the destination replaces both; otherwise DurableFile writes the temp file durably.
    private static ImmutableDictionary<string, string?>? DurableWriteFix(DirectoryEntryChange rename, List<FileWrite> written)
    {
        if (written.Count != 1 || written[0].Kind != FileWriteKind.WholeFile || IsThroughWrapper(written[0].Operation))
        {
            return null;
        }

        var write = written[0].Operation;
        var writeStatement = StatementOf(write.Parent is IAwaitOperation awaited ? awaited : write);
        var renameStatement = StatementOf(rename.Operation);
        var merge = ReplacesWithoutBackup(rename.Operation) &&
                    writeStatement?.Parent is IBlockOperation block && renameStatement?.Parent == block &&
                    DeclaredBefore(rename.Destination!, writeStatement.Syntax.SpanStart);
        return ImmutableDictionary<string, string?>.Empty
            .Add(FixKindProperty, merge ? FixDurableWrite : FixDurableFile)
            .Add(WriteAtProperty, write.Syntax.SpanStart.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    // File.Move(temp, destination, overwrite: true) or File.Replace(temp, destination, null): what DurableFile does.
    private static bool ReplacesWithoutBackup(IOperation rename)
    {
        if (!Call.TryRead(rename, out var call) || call.Method.ContainingType?.Name != "File" || call.Method.Parameters.Length != 3)
        {
            return false;
        }

        var third = call.ArgumentFor(2)?.ConstantValue;
        return call.Method.Name switch
        {
            "Move" => third is { HasValue: true, Value: true },
            "Replace" => third is { HasValue: true, Value: null },
            _ => false,
        };
    }

    private static ImmutableDictionary<string, string?>? InsertFsyncFix(FileContentsScan scan, DirectoryEntryChange rename, List<FileWrite> written)
    {
        FileWrite? last = null;
        foreach (var write in written)
        {
            if (write.Kind == FileWriteKind.Stream && !write.Durable)
            {
                last = write;
            }
        }

        if (last is not { } streamWrite || scan.OutermostVariableOf(streamWrite.Operation) is not ILocalSymbol stream ||
            scan.DeclaratorOf(stream) is not { } declarator)
        {
            return null;
        }

        string fsyncCall;
        if (scan.Files.IsFileStream(stream.Type))
        {
            fsyncCall = FsyncFlushToDisk;
        }
        else if (scan.Files.CanRuntimeReachFile(stream.Type))
        {
            fsyncCall = FsyncRuntime;
        }
        else
        {
            return null;
        }

        if (Placement(declarator, rename, scan.StreamsOn(streamWrite.File)) is not { } placement)
        {
            return null;
        }

        return ImmutableDictionary<string, string?>.Empty
            .Add(FixKindProperty, FixInsertFsync)
            .Add(StreamProperty, stream.Name)
            .Add(FsyncCallProperty, fsyncCall)
            .Add(InsertAtProperty, placement.Position.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add(PlacementProperty, placement.Kind);
    }

    // Fsync.File(source) right before the rename, when the rename is a statement and its source can be evaluated again; a
    // statement braceless under an if or a loop gets a block holding both.
    private static ImmutableDictionary<string, string?>? FsyncPathFix(DirectoryEntryChange rename) =>
        StatementOf(rename.Operation) is { Parent: IBlockOperation or IConditionalOperation or ILoopOperation or IUsingOperation or ILockOperation } &&
        RepeatableExpressions.IsRepeatable(rename.Path)
            ? ImmutableDictionary<string, string?>.Empty.Add(FixKindProperty, FixFsyncPath)
            : null;

    // Where the stream is still open and written: the end of its using block, or before the rename (or before the
    // stream is disposed) when it is a using declaration or a plain local of the rename's block.
    private static (string Kind, int Position)? Placement(IVariableDeclaratorOperation declarator, DirectoryEntryChange rename, HashSet<ISymbol> streams)
    {
        var group = declarator.Parent?.Parent;
        switch (group?.Parent)
        {
            case IUsingOperation @using when !@using.Syntax.Span.Contains(rename.Operation.Syntax.Span):
                return @using.Body is IBlockOperation { Operations.Length: > 0 } body && body.Syntax.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.Block
                    ? (PlaceEndOfBlock, body.Syntax.SpanStart)
                    : null;
            case IUsingOperation:
            case IBlockOperation:
            case IUsingDeclarationOperation:
                var renameStatement = StatementOf(rename.Operation);
                if (renameStatement?.Parent is not IBlockOperation || !DeclaredBefore(declarator, renameStatement))
                {
                    return null;
                }

                var disposal = FirstDisposalBetween(group!, renameStatement, streams);
                return (PlaceBeforeStatement, (disposal ?? renameStatement).Syntax.SpanStart);
            default:
                return null;
        }
    }

    // A plain local disposed before the rename must be fsynced before that.
    private static IOperation? FirstDisposalBetween(IOperation declaration, IOperation renameStatement, HashSet<ISymbol> streams)
    {
        if (renameStatement.Parent is not IBlockOperation block)
        {
            return null;
        }

        foreach (var statement in block.Operations)
        {
            if (statement.Syntax.SpanStart <= declaration.Syntax.SpanStart || statement.Syntax.SpanStart >= renameStatement.Syntax.SpanStart)
            {
                continue;
            }

            if (statement is IExpressionStatementOperation { Operation: IInvocationOperation { TargetMethod.Name: "Dispose" or "Close", Instance: { } instance } } &&
                FileApiModel.ResolveVariable(instance) is { } disposed && streams.Contains(disposed))
            {
                return statement;
            }
        }

        return null;
    }

    private static bool DeclaredBefore(IVariableDeclaratorOperation declarator, IOperation statement) =>
        declarator.Syntax.SpanStart < statement.Syntax.SpanStart && statement.Syntax.SyntaxTree == declarator.Syntax.SyntaxTree;

    // Every local the expression reads is declared before position, so the expression can move there.
    private static bool DeclaredBefore(IOperation expression, int position)
    {
        foreach (var part in expression.DescendantsAndSelf())
        {
            if (part is ILocalReferenceOperation local)
            {
                foreach (var reference in local.Local.DeclaringSyntaxReferences)
                {
                    if (reference.Span.Start >= position)
                    {
                        return false;
                    }
                }
            }
            else if (part is IInvocationOperation or IObjectCreationOperation && !(part is IInvocationOperation pathCall && SystemIO.IsPathMethod(pathCall.TargetMethod)))
            {
                // A call could depend on what happens in between; only pure path computations move.
                return false;
            }
        }

        return true;
    }

    private static IOperation? StatementOf(IOperation operation) =>
        operation.Parent is IExpressionStatementOperation statement ? statement : null;

    private static string Quote(IOperation operation) => "'" + NodeText.OnOneLine(operation.Syntax) + "'";
}
