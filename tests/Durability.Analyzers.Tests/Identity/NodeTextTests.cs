using System.Linq;
using Durability.Analyzers.Model;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Durability.Analyzers.Tests.Identity;

/// <summary>A node's code read from its file's text, as path keys and quoted messages use it.</summary>
public sealed class NodeTextTests
{
    private const string Source = """
        class Paths
        {
            string Name(string dir) => System.IO.Path.Combine(
                dir ,   /* the log */ "a.log");

            string Short(string dir) => dir;
        }
        """;

    private static ArrowExpressionClauseSyntax[] Bodies() =>
        CSharpSyntaxTree.ParseText(Source).GetRoot().DescendantNodes().OfType<ArrowExpressionClauseSyntax>().ToArray();

    [Fact]
    public void WithoutWhitespaceDropsLineBreaksIndentationAndSpacesButKeepsComments()
    {
        Assert.Equal("System.IO.Path.Combine(dir,/*thelog*/\"a.log\")", NodeText.WithoutWhitespace(Bodies()[0].Expression));
    }

    [Fact]
    public void OnOneLineTurnsEachRunOfWhitespaceIntoOneSpace()
    {
        Assert.Equal("System.IO.Path.Combine( dir , /* the log */ \"a.log\")", NodeText.OnOneLine(Bodies()[0].Expression));
    }

    [Fact]
    public void AShortNodeAfterALongOneIsNotPaddedWithTheBuffersEarlierContent()
    {
        var bodies = Bodies();
        NodeText.WithoutWhitespace(bodies[0].Expression);

        Assert.Equal("dir", NodeText.WithoutWhitespace(bodies[1].Expression));
        Assert.Equal("dir", NodeText.OnOneLine(bodies[1].Expression));
    }

    [Fact]
    public void ANodeBuiltInCodeWithoutAParsedTextIsReadFromItsTokens()
    {
        var built = SyntaxFactory.ParseExpression("Path.Combine(dir,\n    \"a.log\")");

        Assert.Equal("Path.Combine(dir,\"a.log\")", NodeText.WithoutWhitespace(built));
        Assert.Equal("Path.Combine(dir, \"a.log\")", NodeText.OnOneLine(built));
    }

    [Fact]
    public void ANodeLongerThanTheKeptBufferIsReadWhole()
    {
        var longName = new string('x', 40_000);
        var tree = CSharpSyntaxTree.ParseText("class C { string P => " + longName + " + \"a\"; }");
        var expression = tree.GetRoot().DescendantNodes().OfType<ArrowExpressionClauseSyntax>().Single().Expression;

        Assert.Equal(longName + "+\"a\"", NodeText.WithoutWhitespace(expression));
    }
}
