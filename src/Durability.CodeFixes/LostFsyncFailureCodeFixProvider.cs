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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Durability.CodeFixes;

/// <summary>
/// Fixes DUR005: the catch that drops an fsync failure ends with <c>throw;</c> (a trailing <c>return</c>,
/// <c>continue</c> or <c>break</c> becomes it), keeping what the catch did; a native fsync whose result was
/// discarded is checked, and a failure throws an IOException carrying the OS error code, as does the branch of an if
/// that only logged it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LostFsyncFailureCodeFixProvider)), Shared]
public sealed class LostFsyncFailureCodeFixProvider : DocumentFixProvider
{
    /// <inheritdoc />
    protected override string EquivalenceKey => RuleIdentifiers.LostFsyncFailure;

    /// <inheritdoc />
    protected override string? TitleFor(Diagnostic diagnostic, SyntaxNode root, bool runtimeAvailable) => Property(diagnostic, LostFsyncFailureAnalyzer.FixKindProperty) switch
    {
        LostFsyncFailureAnalyzer.FixRethrow when CatchAt(root, diagnostic) is not null => "Rethrow the fsync failure",
        LostFsyncFailureAnalyzer.FixCheckResult when DiscardingStatement(root, diagnostic) is not null => "Throw when the fsync fails",
        LostFsyncFailureAnalyzer.FixCallOnce when RetryLambda(root, diagnostic) is not null => "Fsync once, without the retry helper",
        LostFsyncFailureAnalyzer.FixCallDirectly when RetryLambda(root, diagnostic) is not null => "Fsync directly, without the helper that swallows its failure",
        LostFsyncFailureAnalyzer.FixThrowInBranch when FailureBranch(root, diagnostic) is not null => "Throw when the fsync fails",
        _ => null,
    };

    /// <inheritdoc />
    protected override async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var root = editor.OriginalRoot;
        var errorCall = ErrorCodeCall(editor.Generator, editor.SemanticModel.Compilation);
        var ioException = editor.SemanticModel.Compilation.GetTypeByMetadataName("System.IO.IOException");
        var rethrown = new HashSet<CatchClauseSyntax>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            switch (Property(diagnostic, LostFsyncFailureAnalyzer.FixKindProperty))
            {
                case LostFsyncFailureAnalyzer.FixRethrow when CatchAt(root, diagnostic) is { } handler && rethrown.Add(handler):
                    Rethrow(editor, handler);
                    break;
                case LostFsyncFailureAnalyzer.FixCallOnce or LostFsyncFailureAnalyzer.FixCallDirectly when RetryLambda(root, diagnostic) is { } retry:
                    editor.ReplaceNode(retry.Helper, retry.Body.WithTriviaFrom(retry.Helper));
                    break;
                case LostFsyncFailureAnalyzer.FixCheckResult when DiscardingStatement(root, diagnostic) is { } statement && errorCall is not null && ioException is not null:
                    var check = FailureCheck(editor.Generator, statement, Property(diagnostic, LostFsyncFailureAnalyzer.ResultTypeProperty) == "bool", errorCall, ioException)
                        .WithLeadingTrivia(statement.GetLeadingTrivia())
                        .WithTrailingTrivia(statement.GetTrailingTrivia())
                        .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation, Simplifier.AddImportsAnnotation);
                    editor.ReplaceNode(statement, check);
                    break;
                case LostFsyncFailureAnalyzer.FixThrowInBranch when FailureBranch(root, diagnostic) is { } branch && errorCall is not null && ioException is not null:
                    ThrowInBranch(editor, branch.Statement, editor.Generator.ThrowStatement(FailureException(editor.Generator, branch.Call, errorCall, ioException)));
                    break;
            }
        }

        var changed = document.WithSyntaxRoot(editor.GetChangedRoot());
        changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // A trailing return, continue or break was how the catch carried on: throw; takes its place. Otherwise throw; goes last.
    private static void Rethrow(DocumentEditor editor, CatchClauseSyntax handler)
    {
        var block = handler.Block;
        var rethrow = SyntaxFactory.ThrowStatement();
        var last = block.Statements.LastOrDefault();
        if (last is ReturnStatementSyntax or ContinueStatementSyntax or BreakStatementSyntax)
        {
            editor.ReplaceNode(last, rethrow.WithTriviaFrom(last));
        }
        else if (last is not null)
        {
            editor.InsertAfter(last, RuntimeCalls.StatementLike(last, rethrow));
        }
        else
        {
            editor.ReplaceNode(block, block.WithStatements(SyntaxFactory.SingletonList<StatementSyntax>(rethrow)).WithAdditionalAnnotations(Formatter.Annotation));
        }
    }

    // Retry.Times(3, () => fsync) becomes fsync: the helper's call and the lambda's expression body.
    private static (InvocationExpressionSyntax Helper, ExpressionSyntax Body)? RetryLambda(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!int.TryParse(Property(diagnostic, LostFsyncFailureAnalyzer.HelperAtProperty), NumberStyles.None, CultureInfo.InvariantCulture, out var position) ||
            position >= root.FullSpan.End ||
            root.FindToken(position).Parent?.FirstAncestorOrSelf<InvocationExpressionSyntax>(i => i.SpanStart == position) is not { } helper)
        {
            return null;
        }

        foreach (var argument in helper.ArgumentList.Arguments)
        {
            if (argument.Expression is LambdaExpressionSyntax { ExpressionBody: { } body } && body.Span.Contains(diagnostic.Location.SourceSpan))
            {
                return (helper, body.WithoutTrivia());
            }
        }

        return null;
    }

    // Marshal.GetLastPInvokeError (.NET 6+) reads errno as set by the call; older frameworks have only GetLastWin32Error.
    private static SyntaxNode? ErrorCodeCall(SyntaxGenerator generator, Compilation compilation)
    {
        if (compilation.GetTypeByMetadataName("System.Runtime.InteropServices.Marshal") is not { } marshal)
        {
            return null;
        }

        var method = !marshal.GetMembers("GetLastPInvokeError").IsEmpty ? "GetLastPInvokeError" : "GetLastWin32Error";
        return generator.InvocationExpression(generator.MemberAccessExpression(generator.TypeExpression(marshal), method));
    }

    private static CatchClauseSyntax? CatchAt(SyntaxNode root, Diagnostic diagnostic) =>
        int.TryParse(Property(diagnostic, LostFsyncFailureAnalyzer.CatchAtProperty), NumberStyles.None, CultureInfo.InvariantCulture, out var position) &&
        position < root.FullSpan.End && root.FindToken(position).Parent?.FirstAncestorOrSelf<CatchClauseSyntax>() is { } handler && handler.SpanStart == position
            ? handler
            : null;

    // fsync(fd); or _ = fsync(fd); as a statement of a block.
    private static ExpressionStatementSyntax? DiscardingStatement(SyntaxNode root, Diagnostic diagnostic)
    {
        var invocation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
        var statement = invocation?.Parent switch
        {
            ExpressionStatementSyntax direct => direct,
            AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Parent: ExpressionStatementSyntax discarded } => discarded,
            _ => null,
        };
        return statement is not null && StatementLists.Of(statement.Parent).Count > 0 ? statement : null;
    }

    // if (!call) or if (call != 0): throw new IOException("<callee> failed with error " + <errno>);
    private static StatementSyntax FailureCheck(SyntaxGenerator generator, ExpressionStatementSyntax statement, bool returnsBool, SyntaxNode errorCode, INamedTypeSymbol ioException)
    {
        var call = (statement.Expression is AssignmentExpressionSyntax assignment ? assignment.Right : statement.Expression).WithoutTrivia();
        var failed = returnsBool ? generator.LogicalNotExpression(call) : generator.ValueNotEqualsExpression(call, generator.LiteralExpression(0));
        return (StatementSyntax)generator.IfStatement(failed, new[] { generator.ThrowStatement(FailureException(generator, call, errorCode, ioException)) });
    }

    // new IOException("<callee> failed with error " + <errno>)
    private static SyntaxNode FailureException(SyntaxGenerator generator, ExpressionSyntax call, SyntaxNode errorCode, INamedTypeSymbol ioException)
    {
        var callee = call is InvocationExpressionSyntax invocation ? invocation.Expression.ToString() : call.ToString();
        var message = generator.AddExpression(generator.LiteralExpression(callee + " failed with error "), errorCode);
        return generator.ObjectCreationExpression(generator.TypeExpression(ioException), message);
    }

    // The statement an if runs when the fsync in its condition (or the local its result went into, checked by the next
    // statement) failed, and the fsync's call.
    private static (InvocationExpressionSyntax Call, StatementSyntax Statement)? FailureBranch(SyntaxNode root, Diagnostic diagnostic)
    {
        var call = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (call is null)
        {
            return null;
        }

        if (call.FirstAncestorOrSelf<IfStatementSyntax>(check => check.Condition.Span.Contains(call.Span)) is { } direct)
        {
            return (call, direct.Statement);
        }

        return call.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is { Parent: BlockSyntax block } declaration &&
               block.Statements.IndexOf(declaration) is var index && index >= 0 && index + 1 < block.Statements.Count &&
               block.Statements[index + 1] is IfStatementSyntax next
            ? (call, next.Statement)
            : null;
    }

    // The branch logged the failure and went on: it now ends by throwing (a lone statement becomes a block).
    private static void ThrowInBranch(DocumentEditor editor, StatementSyntax branch, SyntaxNode throwing)
    {
        var statement = ((StatementSyntax)throwing).WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        if (branch is BlockSyntax block)
        {
            editor.ReplaceNode(block, block.AddStatements(statement).WithAdditionalAnnotations(Formatter.Annotation));
        }
        else
        {
            editor.ReplaceNode(branch, RuntimeCalls.BlockWith(branch, new[] { statement }));
        }
    }
}
