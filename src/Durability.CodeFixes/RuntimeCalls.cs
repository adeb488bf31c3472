using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace Durability.CodeFixes;

/// <summary>What every fixer needs to call into Durability.Runtime: whether it is referenced, its types marked for the import adder, and new statements laid out like their neighbours.</summary>
internal static class RuntimeCalls
{
    public const string RuntimeNamespace = "Durability.Runtime";

    /// <summary>
    /// <c>global::Durability.Runtime.</c><paramref name="type"/> (Fsync, DurableFile), marked for the simplifier and the
    /// import adder: <see cref="WithRuntimeImportsAsync"/> adds <c>using Durability.Runtime;</c> where it is missing and
    /// writes the short name, unless another type of that name is in scope.
    /// </summary>
    public static NameSyntax RuntimeType(string type) =>
        SyntaxFactory.ParseName("global::" + RuntimeNamespace + "." + type).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>Adds the using directive that the runtime types marked in <paramref name="document"/> need, then shortens their names.</summary>
    public static async Task<Document> WithRuntimeImportsAsync(Document document, CancellationToken cancellationToken)
    {
        document = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the compilation references Durability.Runtime, so fixes that call it compile.</summary>
    public static bool IsAvailable(Compilation? compilation) =>
        compilation?.GetTypeByMetadataName(RuntimeNamespace + ".Fsync") is not null;

    /// <summary>
    /// <paramref name="statement"/>, laid out to follow <paramref name="neighbour"/>: on its own line with the same
    /// indentation, or, when the neighbour shares its line with others (<c>{ a(); }</c>), on the same line.
    /// </summary>
    public static StatementSyntax StatementLike(StatementSyntax neighbour, StatementSyntax statement)
    {
        var endOfLine = neighbour.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (endOfLine.IsKind(SyntaxKind.None))
        {
            return statement.WithLeadingTrivia().WithTrailingTrivia(neighbour.GetTrailingTrivia());
        }

        var indentation = neighbour.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        statement = indentation.IsKind(SyntaxKind.None) ? statement.WithLeadingTrivia() : statement.WithLeadingTrivia(indentation);
        if (neighbour.GetLastToken().IsKind(SyntaxKind.CloseBraceToken))
        {
            // After a block (a using, an if, a loop), a blank line, as the code it joins is laid out.
            statement = statement.WithLeadingTrivia(statement.GetLeadingTrivia().Insert(0, endOfLine));
        }

        return statement.WithTrailingTrivia(endOfLine);
    }

    /// <summary><paramref name="statement"/>, laid out to stand on its own line above <paramref name="target"/>, indented like it.</summary>
    public static StatementSyntax StatementBefore(StatementSyntax target, StatementSyntax statement)
    {
        var indentation = target.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var newline = target.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        statement = indentation.IsKind(SyntaxKind.None) ? statement : statement.WithLeadingTrivia(indentation);
        return newline.IsKind(SyntaxKind.None) ? statement.WithTrailingTrivia(SyntaxFactory.Space) : statement.WithTrailingTrivia(newline);
    }

    /// <summary>True for the statement of an if, else, loop, using, lock or fixed written without braces.</summary>
    public static bool IsEmbedded(StatementSyntax statement) => statement.Parent switch
    {
        IfStatementSyntax @if => @if.Statement == statement,
        ElseClauseSyntax @else => @else.Statement == statement,
        CommonForEachStatementSyntax forEach => forEach.Statement == statement,
        ForStatementSyntax @for => @for.Statement == statement,
        WhileStatementSyntax @while => @while.Statement == statement,
        DoStatementSyntax @do => @do.Statement == statement,
        UsingStatementSyntax @using => @using.Statement == statement,
        LockStatementSyntax @lock => @lock.Statement == statement,
        FixedStatementSyntax @fixed => @fixed.Statement == statement,
        _ => false,
    };

    /// <summary>
    /// A block holding <paramref name="embedded"/> and <paramref name="added"/>, in its place: <c>if (x) a();</c> becomes
    /// <c>if (x) { a(); b(); }</c>, laid out by the formatter.
    /// </summary>
    public static BlockSyntax BlockWith(StatementSyntax embedded, System.Collections.Generic.IEnumerable<StatementSyntax> added) =>
        BlockOf(new[] { embedded }.Concat(added)).WithTriviaFrom(embedded);

    /// <summary>A new block holding <paramref name="statements"/>, each on its own line, laid out by the formatter.</summary>
    public static BlockSyntax BlockOf(System.Collections.Generic.IEnumerable<StatementSyntax> statements) =>
        // Elastic line breaks: the formatter puts each statement on its own line with the document's newline.
        SyntaxFactory.Block(statements.Select(statement => statement.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.ElasticLineFeed)))
            .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);

    /// <summary>True when a new statement can be inserted after <paramref name="statement"/> without adding braces.</summary>
    public static bool CanInsertAfter(SyntaxNode statement) => StatementLists.Of(statement.Parent).Count > 0;

    /// <summary>
    /// True when a fix can put a statement before or after <paramref name="statement"/>: in its list, or in a new block with it
    /// when it is embedded (<c>if (x) w.Flush();</c>).
    /// </summary>
    public static bool CanPlaceBeside(StatementSyntax statement) => CanInsertAfter(statement) || IsEmbedded(statement);
}
