using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Durability.CodeFixes;

/// <summary>What every fixer needs to call into Durability.Runtime: whether it is referenced, the using directive, and new statements laid out like their neighbours.</summary>
internal static class RuntimeCalls
{
    public const string RuntimeNamespace = "Durability.Runtime";

    /// <summary>True when the compilation references Durability.Runtime, so fixes that call it compile.</summary>
    public static bool IsAvailable(Compilation? compilation) =>
        compilation?.GetTypeByMetadataName(RuntimeNamespace + ".Fsync") is not null;

    /// <summary>Adds <c>using Durability.Runtime;</c> unless the file already has it, keeping sorted usings sorted.</summary>
    public static SyntaxNode AddUsingIfMissing(SyntaxNode root)
    {
        if (root is not CompilationUnitSyntax unit || HasRuntimeUsing(unit))
        {
            return root;
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(RuntimeNamespace))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(DetectNewLine(unit)));

        var usings = unit.Usings;
        var index = usings.Count;
        for (var i = 0; i < usings.Count; i++)
        {
            if (SortsAfterRuntime(usings[i]))
            {
                index = i;
                break;
            }
        }

        if (usings.Count == 0)
        {
            // Keep a file header comment above the new directive, and a blank line below it.
            var firstToken = unit.GetFirstToken(includeZeroWidth: true);
            var newline = SyntaxFactory.EndOfLine(DetectNewLine(unit));
            directive = directive.WithLeadingTrivia(firstToken.LeadingTrivia).WithTrailingTrivia(newline, newline);
            unit = unit.ReplaceToken(firstToken, firstToken.WithLeadingTrivia());
            return unit.WithUsings(unit.Usings.Add(directive));
        }

        if (index == 0)
        {
            // Move the first directive's leading trivia (a file header) onto the new one.
            var first = usings[0];
            directive = directive.WithLeadingTrivia(first.GetLeadingTrivia());
            usings = usings.Replace(first, first.WithLeadingTrivia());
        }

        return unit.WithUsings(usings.Insert(index, directive));
    }

    // System usings first, then ordinal order, then static and alias directives.
    private static bool SortsAfterRuntime(UsingDirectiveSyntax directive)
    {
        if (!directive.StaticKeyword.IsKind(SyntaxKind.None) || directive.Alias is not null)
        {
            return true;
        }

        var name = directive.Name?.ToString() ?? string.Empty;
        var isSystem = name == "System" || name.StartsWith("System.", System.StringComparison.Ordinal);
        return !isSystem && string.CompareOrdinal(name, RuntimeNamespace) > 0;
    }

    private static bool HasRuntimeUsing(CompilationUnitSyntax unit)
    {
        foreach (var directive in unit.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>())
        {
            if (directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.Name?.ToString() == RuntimeNamespace)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A statement parsed from <paramref name="text"/>, to follow <paramref name="neighbour"/>: on its own line with the
    /// same indentation, or, when the neighbour shares its line with others (<c>{ a(); }</c>), on the same line.
    /// </summary>
    public static StatementSyntax StatementLike(StatementSyntax neighbour, string text) => StatementLike(neighbour, SyntaxFactory.ParseStatement(text));

    /// <summary><paramref name="statement"/>, laid out to follow <paramref name="neighbour"/> as <see cref="StatementLike(StatementSyntax, string)"/> does.</summary>
    public static StatementSyntax StatementLike(StatementSyntax neighbour, StatementSyntax statement)
    {
        var endOfLine = neighbour.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (endOfLine.IsKind(SyntaxKind.None))
        {
            return statement.WithLeadingTrivia().WithTrailingTrivia(neighbour.GetTrailingTrivia());
        }

        var indentation = neighbour.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        statement = indentation.IsKind(SyntaxKind.None) ? statement.WithLeadingTrivia() : statement.WithLeadingTrivia(indentation);
        return statement.WithTrailingTrivia(endOfLine);
    }

    /// <summary>A statement parsed from <paramref name="text"/>, to stand on its own line above <paramref name="target"/>, indented like it.</summary>
    public static StatementSyntax StatementBefore(StatementSyntax target, string text)
    {
        var statement = SyntaxFactory.ParseStatement(text);
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
    /// A block holding <paramref name="embedded"/> and the statements parsed from <paramref name="lines"/>, in its place:
    /// <c>if (x) a();</c> becomes <c>if (x) { a(); b(); }</c>, laid out by the formatter.
    /// </summary>
    public static BlockSyntax BlockWith(StatementSyntax embedded, System.Collections.Generic.IEnumerable<string> lines) =>
        BlockWith(embedded, lines.Select(line => SyntaxFactory.ParseStatement(line)));

    /// <summary>A block holding <paramref name="embedded"/> and <paramref name="added"/>, in its place, as <see cref="BlockWith(StatementSyntax, System.Collections.Generic.IEnumerable{string})"/> lays it out.</summary>
    public static BlockSyntax BlockWith(StatementSyntax embedded, System.Collections.Generic.IEnumerable<StatementSyntax> added)
    {
        // Elastic line breaks: the formatter puts each statement on its own line with the document's newline.
        var statements = new System.Collections.Generic.List<StatementSyntax> { embedded.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.ElasticLineFeed) };
        statements.AddRange(added.Select(statement => statement.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.ElasticLineFeed)));
        return SyntaxFactory.Block(statements).WithTriviaFrom(embedded).WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
    }

    /// <summary>True when a new statement can be inserted after <paramref name="statement"/> without adding braces.</summary>
    public static bool CanInsertAfter(SyntaxNode statement) => StatementLists.Of(statement.Parent).Count > 0;

    private static string DetectNewLine(SyntaxNode root)
    {
        foreach (var trivia in root.DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia.ToString();
            }
        }

        return "\n";
    }
}
