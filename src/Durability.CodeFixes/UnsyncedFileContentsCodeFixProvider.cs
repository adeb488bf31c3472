using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Fixes = Durability.Analyzers.Rules.UnsyncedFileContentsFixes;

namespace Durability.CodeFixes;

/// <summary>
/// Fixes DUR004: fsyncs the stream that wrote the renamed file while it is still open
/// (<c>fs.Flush(flushToDisk: true)</c>, or <c>Fsync.File(writer)</c>); turns <c>File.WriteAll*(temp, ...)</c> followed by
/// a rename over the destination into <c>DurableFile.WriteAll*(destination, ...)</c>; and calls DurableFile instead of
/// File for a whole-file write; fsyncs a stream that rewrites a file in place last in its scope; and fsyncs by path a
/// file written elsewhere before its rename. One equivalence key, so Fix All and <c>dotnet format</c> apply each where it fits.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnsyncedFileContentsCodeFixProvider)), Shared]
public sealed class UnsyncedFileContentsCodeFixProvider : DocumentFixProvider
{
    private const string DurableFileType = RuntimeCalls.RuntimeNamespace + ".DurableFile";

    /// <inheritdoc />
    protected override string EquivalenceKey => RuleIdentifiers.UnsyncedFileContents;

    /// <inheritdoc />
    protected override string? TitleFor(Diagnostic diagnostic, SyntaxNode root, bool runtimeAvailable) => Property(diagnostic, Fixes.FixKindProperty) switch
    {
        Fixes.FixInsertFsync when Property(diagnostic, Fixes.FsyncCallProperty) == Fixes.FsyncFlushToDisk => "Fsync the file before the rename",
        Fixes.FixInsertFsync when runtimeAvailable => "Fsync the file with Fsync.File before the rename",
        Fixes.FixFsyncBeforeClose when Property(diagnostic, Fixes.FsyncCallProperty) == Fixes.FsyncFlushToDisk => "Fsync the file before it is closed",
        Fixes.FixFsyncBeforeClose when Property(diagnostic, Fixes.FsyncCallProperty) == Fixes.FsyncPathAfterClose && runtimeAvailable =>
            "Fsync the file by its path with Fsync.File once it is closed",
        Fixes.FixFsyncBeforeClose when Property(diagnostic, Fixes.FsyncCallProperty) == Fixes.FsyncRuntimeByPath && runtimeAvailable =>
            "Fsync the file with Fsync.File(writer, path) before it is closed",
        Fixes.FixFsyncBeforeClose when runtimeAvailable => "Fsync the file with Fsync.File before it is closed",
        Fixes.FixDurableWrite when runtimeAvailable => "Replace the file with DurableFile",
        Fixes.FixDurableFile when runtimeAvailable => "Write the file durably with DurableFile",
        Fixes.FixFsyncPath when runtimeAvailable => "Fsync the file with Fsync.File before the rename",
        Fixes.FixFsyncCopy when runtimeAvailable => "Fsync the copy and its directory before the source is deleted",
        Fixes.FixFsyncAfterSave when runtimeAvailable => "Fsync the file with Fsync.File once it is written",
        _ => null,
    };

    /// <inheritdoc />
    protected override async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var root = editor.OriginalRoot;
        var runtimeAvailable = RuntimeCalls.IsAvailable(editor.SemanticModel.Compilation);
        var inserted = new HashSet<(int, string)>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (TitleFor(diagnostic, root, runtimeAvailable) is null)
            {
                continue;
            }

            switch (Property(diagnostic, Fixes.FixKindProperty))
            {
                case Fixes.FixInsertFsync or Fixes.FixFsyncBeforeClose:
                    InsertFsync(editor, diagnostic, inserted);
                    break;
                case Fixes.FixDurableWrite:
                    ReplaceWriteAndRename(editor, diagnostic, cancellationToken);
                    break;
                case Fixes.FixDurableFile:
                    CallDurableFile(editor, diagnostic, cancellationToken);
                    break;
                case Fixes.FixFsyncPath:
                    FsyncPathBeforeRename(editor, diagnostic, cancellationToken);
                    break;
                case Fixes.FixFsyncCopy:
                    FsyncCopyBeforeDeletion(editor, diagnostic, cancellationToken);
                    break;
                case Fixes.FixFsyncAfterSave:
                    FsyncAfterSave(editor, diagnostic, cancellationToken);
                    break;
            }
        }

        return await RuntimeCalls.WithRuntimeImportsAsync(document.WithSyntaxRoot(editor.GetChangedRoot()), cancellationToken).ConfigureAwait(false);
    }

    private static void InsertFsync(DocumentEditor editor, Diagnostic diagnostic, HashSet<(int, string)> inserted)
    {
        var stream = Property(diagnostic, Fixes.StreamProperty);
        if (stream is null || !int.TryParse(Property(diagnostic, Fixes.InsertAtProperty), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            return;
        }

        var fsyncCall = Property(diagnostic, Fixes.FsyncCallProperty);
        if (!inserted.Add((position, fsyncCall + ":" + stream)))
        {
            return;
        }

        var target = FsyncStatements.Member(editor.Generator, stream);
        StatementSyntax call;
        if (fsyncCall is Fixes.FsyncRuntimeByPath or Fixes.FsyncPathAfterClose)
        {
            // Fsync.File(writer, path), or Fsync.File(path): the path as the code spells it where the writer is opened.
            if (diagnostic.AdditionalLocations.Count == 0 ||
                editor.OriginalRoot.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax path)
            {
                return;
            }

            call = fsyncCall == Fixes.FsyncPathAfterClose
                ? FsyncStatements.FsyncFile(editor.Generator, path.WithoutTrivia())
                : FsyncStatements.FsyncFile(editor.Generator, target, path.WithoutTrivia());
        }
        else
        {
            call = fsyncCall == Fixes.FsyncRuntime ? FsyncStatements.FsyncFile(editor.Generator, target) : FsyncStatements.FlushToDisk(editor.Generator, target);
        }

        var node = editor.OriginalRoot.FindToken(position).Parent;
        if (Property(diagnostic, Fixes.PlacementProperty) == Fixes.PlaceEndOfBlock)
        {
            if (node is not BlockSyntax { Statements.Count: > 0 } block || block.SpanStart != position)
            {
                return;
            }

            var last = block.Statements.Last();
            editor.InsertAfter(last, RuntimeCalls.StatementLike(last, call));
            return;
        }

        var statement = node?.FirstAncestorOrSelf<StatementSyntax>();
        if (statement is null || statement.SpanStart != position || StatementLists.Of(statement.Parent).Count == 0)
        {
            return;
        }

        if (Property(diagnostic, Fixes.PlacementProperty) == Fixes.PlaceAfterStatement)
        {
            editor.InsertAfter(statement, RuntimeCalls.StatementLike(statement, call));
            return;
        }

        editor.InsertBefore(statement, RuntimeCalls.StatementBefore(statement, call));
        return;
    }

    // File.WriteAllX(temp, args); File.Move(temp, destination, true); becomes DurableFile.WriteAllX(destination, args);
    private static void ReplaceWriteAndRename(DocumentEditor editor, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!int.TryParse(Property(diagnostic, Fixes.WriteAtProperty), NumberStyles.None, CultureInfo.InvariantCulture, out var position) ||
            InvocationAt(editor.OriginalRoot, diagnostic.Location.SourceSpan) is not { Parent: ExpressionStatementSyntax renameStatement } rename ||
            editor.OriginalRoot.FindToken(position).Parent?.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } write ||
            write.SpanStart != position || write.Expression is not MemberAccessExpressionSyntax writeMethod ||
            write.ArgumentList.Arguments.Count == 0 || rename.ArgumentList.Arguments.Count < 2)
        {
            return;
        }

        var destination = rename.ArgumentList.Arguments[1].Expression.WithoutTrivia();
        var firstArgument = write.ArgumentList.Arguments[0];
        var arguments = write.ArgumentList.Arguments.Replace(firstArgument, firstArgument.WithExpression(destination.WithTriviaFrom(firstArgument.Expression)));
        var replacement = DurableFileCall(writeMethod.Name.Identifier.ValueText, write.ArgumentList.WithArguments(arguments)).WithTriviaFrom(write);
        if (!Binds(editor, write, replacement, cancellationToken))
        {
            return;
        }

        editor.ReplaceNode(write, replacement);
        editor.RemoveNode(renameStatement, SyntaxRemoveOptions.KeepNoTrivia);
        return;
    }

    // File.WriteAllX(args) becomes DurableFile.WriteAllX(args): the reported call, or the write of a renamed file.
    private static void CallDurableFile(DocumentEditor editor, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var invocation = int.TryParse(Property(diagnostic, Fixes.WriteAtProperty), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? editor.OriginalRoot.FindToken(position).Parent?.FirstAncestorOrSelf<InvocationExpressionSyntax>(node => node.SpanStart == position)
            : InvocationAt(editor.OriginalRoot, diagnostic.Location.SourceSpan);
        if (invocation is not { Expression: MemberAccessExpressionSyntax method })
        {
            return;
        }

        var replacement = DurableFileCall(method.Name.Identifier.ValueText, invocation.ArgumentList).WithTriviaFrom(invocation);
        if (!Binds(editor, invocation, replacement, cancellationToken))
        {
            return;
        }

        editor.ReplaceNode(invocation, replacement);
        return;
    }

    // Fsync.File(source); before File.Move(source, ...) or info.MoveTo(...) (the source is then info.FullName).
    private static void FsyncPathBeforeRename(DocumentEditor editor, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (InvocationAt(editor.OriginalRoot, diagnostic.Location.SourceSpan) is not { } rename ||
            editor.SemanticModel.GetSymbolInfo(rename, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return;
        }

        // void Commit() => File.Move(_temp, _path); and if (done) File.Move(_temp, _path); become blocks that fsync first.
        if (StatementsBeside.HolderOf(rename) is not { } holder)
        {
            return;
        }

        ExpressionSyntax? source = method.IsStatic
            ? rename.ArgumentList.Arguments.FirstOrDefault()?.Expression
            : rename.Expression is MemberAccessExpressionSyntax { Expression: { } info }
                ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, info.WithoutTrivia(), SyntaxFactory.IdentifierName("FullName"))
                : null;
        if (source is null)
        {
            return;
        }

        var qualified = FsyncStatements.FsyncFileCall(editor.Generator, source.WithoutTrivia());
        if (!BindsToPathOverload(editor, rename.SpanStart, qualified))
        {
            return;
        }

        StatementsBeside.InsertBefore(editor, holder, (StatementSyntax)editor.Generator.ExpressionStatement(qualified));
    }

    // File.Copy(source, copy); File.Delete(source); gets Fsync.File(copy); Fsync.ParentDirectory(copy); before the deletion.
    private static void FsyncCopyBeforeDeletion(DocumentEditor editor, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (InvocationAt(editor.OriginalRoot, diagnostic.Location.SourceSpan) is not { Parent: ExpressionStatementSyntax { Parent: BlockSyntax } statement } ||
            LocatedExpressions.AtOnlyAdditionalLocation(editor.OriginalRoot, diagnostic) is not { } copy)
        {
            return;
        }

        var fsyncFile = FsyncStatements.FsyncFileCall(editor.Generator, copy.WithoutTrivia());
        var fsyncDirectory = (InvocationExpressionSyntax)editor.Generator.InvocationExpression(
            editor.Generator.MemberAccessExpression(RuntimeCalls.RuntimeType("Fsync"), "ParentDirectory"), copy.WithoutTrivia());
        if (!BindsToPathOverload(editor, statement.SpanStart, fsyncFile) || !BindsToPathOverload(editor, statement.SpanStart, fsyncDirectory))
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        editor.InsertBefore(statement, new[]
        {
            RuntimeCalls.StatementBefore(statement, (StatementSyntax)editor.Generator.ExpressionStatement(fsyncFile)),
            RuntimeCalls.StatementBefore(statement, (StatementSyntax)editor.Generator.ExpressionStatement(fsyncDirectory)),
        });
    }

    // document.Save(path); and File.Copy(source, path); get Fsync.File(path); after them; an expression-bodied void member
    // becomes a block.
    private static void FsyncAfterSave(DocumentEditor editor, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (InvocationAt(editor.OriginalRoot, diagnostic.Location.SourceSpan) is not { } save ||
            LocatedExpressions.AtOnlyAdditionalLocation(editor.OriginalRoot, diagnostic) is not { } path)
        {
            return;
        }

        var fsync = FsyncStatements.FsyncFileCall(editor.Generator, path.WithoutTrivia());
        if (!BindsToPathOverload(editor, save.SpanStart, fsync))
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var statement = (StatementSyntax)editor.Generator.ExpressionStatement(fsync);
        if (save.Parent is ExpressionStatementSyntax { Parent: BlockSyntax } written)
        {
            editor.InsertAfter(written, RuntimeCalls.StatementLike(written, statement));
        }
        else if (save.Parent is ArrowExpressionClauseSyntax arrow && ArrowBodies.VoidMemberOf(arrow) is { } member)
        {
            editor.ReplaceNode(member, ArrowBodies.WithBlockBody(member, System.Array.Empty<StatementSyntax>(), new[] { statement }));
        }
    }

    // The runtime referenced may lack the overload that takes a path.
    private static bool BindsToPathOverload(DocumentEditor editor, int position, InvocationExpressionSyntax call) =>
        editor.SemanticModel.GetSpeculativeSymbolInfo(position, call, SpeculativeBindingOption.BindAsExpression).Symbol is IMethodSymbol bound &&
        bound.Parameters.Length == 1 && bound.Parameters[0].Type.SpecialType == SpecialType.System_String;

    private static InvocationExpressionSyntax DurableFileCall(string method, ArgumentListSyntax arguments) =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, RuntimeCalls.RuntimeType("DurableFile"), SyntaxFactory.IdentifierName(method)),
            arguments);

    // The runtime referenced may predate DurableFile, or lack the overload: only rewrite to a call that binds.
    private static bool Binds(DocumentEditor editor, InvocationExpressionSyntax original, InvocationExpressionSyntax replacement, CancellationToken cancellationToken)
    {
        // The replacement names global::Durability.Runtime.DurableFile, so it binds to the runtime's type whatever is in scope.
        var symbol = editor.SemanticModel.GetSpeculativeSymbolInfo(original.SpanStart, replacement, SpeculativeBindingOption.BindAsExpression).Symbol;
        cancellationToken.ThrowIfCancellationRequested();
        return symbol is IMethodSymbol { ContainingType: { } type } && type.ToDisplayString() == DurableFileType;
    }

    private static InvocationExpressionSyntax? InvocationAt(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span) =>
        root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation && invocation.Span == span
            ? invocation
            : null;
}
