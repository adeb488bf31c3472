using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace Durability.CodeFixes;

/// <summary>
/// Fixes DUR001: <c>fs.Flush()</c> becomes <c>fs.Flush(flushToDisk: true)</c>; <c>FlushAsync</c> becomes an
/// awaited <c>Fsync.FileAsync</c>; a writer keeps its flush and gains <c>Fsync.File</c> on the file under it; a FileStream
/// member that is only closed gets <c>Flush(flushToDisk: true)</c> before its close, and a writer <c>Fsync.File</c>.
/// All share one equivalence key, so FixAll and <c>dotnet format</c> apply each where it fits.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FlushWithoutFsyncCodeFixProvider)), Shared]
public sealed class FlushWithoutFsyncCodeFixProvider : DocumentFixProvider
{
    /// <inheritdoc />
    protected override string EquivalenceKey => RuleIdentifiers.FlushWithoutFsync;

    /// <inheritdoc />
    protected override string? TitleFor(Diagnostic diagnostic, SyntaxNode root, bool runtimeAvailable)
    {
        if (FindInvocation(root, diagnostic) is not { } invocation)
        {
            return null;
        }

        switch (Property(diagnostic, FlushWithoutFsyncAnalyzer.FixKindProperty))
        {
            case FlushWithoutFsyncAnalyzer.FixFlushToDiskAfterHelper:
                return HandedStream(invocation, diagnostic) is { } fileStream && CanFollow(invocation) ? $"Flush '{fileStream}' to disk after the call" : null;
            case FlushWithoutFsyncAnalyzer.FixFsyncAfterHelper:
                return runtimeAvailable && HandedStream(invocation, diagnostic) is { } stream && CanFollow(invocation) ? $"Fsync '{stream}' with Fsync.File after the call" : null;
            case FlushWithoutFsyncAnalyzer.FixFlushToDiskAfterWrites:
                return AfterWrites(invocation) is not null ? "Flush to disk after the writes" : null;
            case FlushWithoutFsyncAnalyzer.FixFsyncFileAfterWrites:
                return runtimeAvailable && AfterWrites(invocation) is not null ? "Fsync the file with Fsync.File after the writes" : null;
            case FlushWithoutFsyncAnalyzer.FixFlushToDiskBeforeClose:
                return HolderOf(invocation) is not null ? "Flush to disk before closing" : null;
            case FlushWithoutFsyncAnalyzer.FixFsyncFileBeforeClose:
                return runtimeAvailable && HolderOf(invocation) is not null ? "Fsync the file with Fsync.File before closing" : null;
        }

        if (invocation.Expression is MemberBindingExpressionSyntax)
        {
            // _log?.Flush(): only the arguments can change in place; a statement after it would run when _log is null.
            return Property(diagnostic, FlushWithoutFsyncAnalyzer.FixKindProperty) == FlushWithoutFsyncAnalyzer.FixFlushToDisk ? "Flush to disk" : null;
        }

        return Property(diagnostic, FlushWithoutFsyncAnalyzer.FixKindProperty) switch
        {
            FlushWithoutFsyncAnalyzer.FixFlushToDisk => "Flush to disk",
            FlushWithoutFsyncAnalyzer.FixFsyncByName when runtimeAvailable => "Fsync the file by its name with Fsync.File",
            FlushWithoutFsyncAnalyzer.FixAwaitFsyncFileAsync when runtimeAvailable => "Flush to disk with Fsync.FileAsync",
            FlushWithoutFsyncAnalyzer.FixAddFsyncFile when runtimeAvailable && CanFollow(invocation) => "Fsync the file under it with Fsync.File",
            FlushWithoutFsyncAnalyzer.FixFsyncWrapped when runtimeAvailable && CanFollow(invocation) => $"Fsync '{diagnostic.Properties[FlushWithoutFsyncAnalyzer.WrappedProperty]}', the stream it wraps",
            _ => null,
        };
    }

    /// <inheritdoc />
    protected override async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var runtimeAvailable = RuntimeCalls.IsAvailable(editor.SemanticModel.Compilation);
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (TitleFor(diagnostic, editor.OriginalRoot, runtimeAvailable) is null || FindInvocation(editor.OriginalRoot, diagnostic) is not { } invocation)
            {
                continue;
            }

            var generator = editor.Generator;
            switch (Property(diagnostic, FlushWithoutFsyncAnalyzer.FixKindProperty))
            {
                case FlushWithoutFsyncAnalyzer.FixFlushToDiskAfterHelper:
                    InsertAfter(editor, invocation, FsyncStatements.FlushToDisk(generator, HandedStream(invocation, diagnostic)!.WithoutTrivia()));
                    continue;
                case FlushWithoutFsyncAnalyzer.FixFsyncAfterHelper:
                    InsertAfter(editor, invocation, FsyncStatements.FsyncFile(generator, HandedStream(invocation, diagnostic)!.WithoutTrivia()));
                    continue;
            }

            var receiver = ReceiverOf(invocation).WithoutTrivia();
            switch (Property(diagnostic, FlushWithoutFsyncAnalyzer.FixKindProperty))
            {
                case FlushWithoutFsyncAnalyzer.FixFlushToDisk:
                    var flushToDisk = (InvocationExpressionSyntax)FsyncStatements.FlushToDiskCall(generator, receiver);
                    editor.ReplaceNode(invocation.ArgumentList, flushToDisk.ArgumentList.WithTriviaFrom(invocation.ArgumentList));
                    break;
                case FlushWithoutFsyncAnalyzer.FixFsyncByName:
                    // By name: Fsync.File(path) reopens the file writable, which Windows' FlushFileBuffers needs.
                    editor.ReplaceNode(invocation, FsyncStatements.FsyncFileCall(generator, generator.MemberAccessExpression(receiver, "Name")).WithTriviaFrom(invocation));
                    break;
                case FlushWithoutFsyncAnalyzer.FixAwaitFsyncFileAsync:
                    var arguments = invocation.ArgumentList.Arguments.Insert(0, SyntaxFactory.Argument(receiver));
                    editor.ReplaceNode(invocation, FsyncStatements.FsyncFileAsyncCall(generator, invocation.ArgumentList.WithArguments(arguments)).WithTriviaFrom(invocation));
                    break;
                case FlushWithoutFsyncAnalyzer.FixAddFsyncFile:
                    InsertAfter(editor, invocation, FsyncStatements.FsyncFile(generator, receiver));
                    break;
                case FlushWithoutFsyncAnalyzer.FixFsyncWrapped:
                    var wrapped = FsyncStatements.Member(generator, diagnostic.Properties[FlushWithoutFsyncAnalyzer.WrappedProperty]!);
                    InsertAfter(editor, invocation, FsyncStatements.FsyncFile(generator, wrapped));
                    break;
                case FlushWithoutFsyncAnalyzer.FixFlushToDiskAfterWrites:
                    StatementsBeside.InsertAfter(editor, AfterWrites(invocation)!, FsyncStatements.FlushToDisk(generator, receiver));
                    break;
                case FlushWithoutFsyncAnalyzer.FixFsyncFileAfterWrites:
                    StatementsBeside.InsertAfter(editor, AfterWrites(invocation)!, FsyncStatements.FsyncFile(generator, receiver));
                    break;
                case FlushWithoutFsyncAnalyzer.FixFlushToDiskBeforeClose:
                    FlushBeforeClose(editor, invocation, FlushToDiskBefore(editor, invocation, receiver));
                    break;
                case FlushWithoutFsyncAnalyzer.FixFsyncFileBeforeClose:
                    FlushBeforeClose(editor, invocation, FsyncFileBefore(editor, invocation, receiver));
                    break;
            }
        }

        var changed = await RuntimeCalls.WithRuntimeImportsAsync(document.WithSyntaxRoot(editor.GetChangedRoot()), cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // _data.Flush(flushToDisk: true); for _data.Dispose(), _log?.Flush(flushToDisk: true); for _log?.Close().
    private static StatementSyntax FlushToDiskBefore(DocumentEditor editor, InvocationExpressionSyntax close, ExpressionSyntax receiver) =>
        close.Expression is MemberBindingExpressionSyntax
            ? SyntaxFactory.ExpressionStatement(SyntaxFactory.ConditionalAccessExpression(
                receiver,
                SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberBindingExpression(SyntaxFactory.IdentifierName("Flush")),
                    ((InvocationExpressionSyntax)FsyncStatements.FlushToDiskCall(editor.Generator, receiver)).ArgumentList)))
            : FsyncStatements.FlushToDisk(editor.Generator, receiver);

    // Fsync.File(_writer); for _writer.Dispose(), and for _writer?.Dispose() only when there is a writer.
    private static StatementSyntax FsyncFileBefore(DocumentEditor editor, InvocationExpressionSyntax close, ExpressionSyntax receiver)
    {
        var fsync = FsyncStatements.FsyncFile(editor.Generator, receiver);
        return close.Expression is MemberBindingExpressionSyntax
            ? (StatementSyntax)editor.Generator.IfStatement(
                editor.Generator.ReferenceNotEqualsExpression(receiver, editor.Generator.NullLiteralExpression()), new SyntaxNode[] { fsync })
            : fsync;
    }

    // The fsync goes before the close's statement; void Dispose() => _data.Dispose(); becomes a block holding both.
    private static void FlushBeforeClose(DocumentEditor editor, InvocationExpressionSyntax close, StatementSyntax flush)
    {
        if (HolderOf(close) is { } holder)
        {
            StatementsBeside.InsertBefore(editor, holder, flush);
        }
    }

    // The statement that holds the call (the whole _log?.Close() for a conditional one), awaited or not, or the void member
    // whose arrow body the call is: where a statement can go before or after it.
    private static SyntaxNode? HolderOf(InvocationExpressionSyntax call)
    {
        ExpressionSyntax expression = call.Expression is MemberBindingExpressionSyntax ? call.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>()! : call;
        return StatementsBeside.HolderOf(expression.Parent is AwaitExpressionSyntax awaited ? awaited : expression);
    }

    // Where the fsync of what a member writes goes: after the write's statement, or after the loops and ifs around it (one
    // fsync for all a loop writes, whichever branch wrote), but inside a lock, using or try that holds it. Null when the
    // write is part of a value that is used (return _data.WriteAsync(...)).
    private static SyntaxNode? AfterWrites(InvocationExpressionSyntax write)
    {
        var expression = write.Parent is AwaitExpressionSyntax awaited ? (ExpressionSyntax)awaited : write;
        var holder = StatementsBeside.HolderOf(expression);
        if (holder is not StatementSyntax statement)
        {
            return holder;
        }

        for (var outer = statement.Parent; outer is BlockSyntax or CommonForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or
                                                     IfStatementSyntax or ElseClauseSyntax or SwitchSectionSyntax or SwitchStatementSyntax; outer = outer.Parent)
        {
            if (outer is StatementSyntax enclosing and not BlockSyntax)
            {
                statement = enclosing;
            }
        }

        return statement;
    }

    // After the call's statement; an embedded one (if (now) w.Flush();) becomes a block holding both, and so does a void
    // member's arrow body (public void Flush() => _stream.Flush();).
    private static void InsertAfter(DocumentEditor editor, InvocationExpressionSyntax call, StatementSyntax fsync)
    {
        if (HolderOf(call) is { } holder)
        {
            StatementsBeside.InsertAfter(editor, holder, fsync);
        }
    }

    private static InvocationExpressionSyntax? FindInvocation(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation && invocation.Span == diagnostic.Location.SourceSpan &&
               (invocation.Expression is MemberAccessExpressionSyntax or MemberBindingExpressionSyntax || diagnostic.Properties.ContainsKey(FlushWithoutFsyncAnalyzer.HandedArgumentProperty))
            ? invocation
            : null;
    }

    // Flush(_data): the argument that hands the helper its stream.
    private static ExpressionSyntax? HandedStream(InvocationExpressionSyntax call, Diagnostic diagnostic) =>
        int.TryParse(Property(diagnostic, FlushWithoutFsyncAnalyzer.HandedArgumentProperty), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) &&
        index < call.ArgumentList.Arguments.Count
            ? call.ArgumentList.Arguments[index].Expression
            : null;

    private static bool CanFollow(InvocationExpressionSyntax call) => HolderOf(call) is not null;

    // stream.Flush() names its stream; stream?.Flush() names it in the conditional access around it.
    private static ExpressionSyntax ReceiverOf(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax access
            ? access.Expression
            : invocation.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>()!.Expression;
}
