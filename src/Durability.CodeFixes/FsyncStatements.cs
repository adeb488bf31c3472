using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Durability.CodeFixes;

/// <summary>
/// The fsync calls fixes insert, built as syntax from the expression they name (taken from the document, or a member
/// named in the diagnostic): <c>stream.Flush(flushToDisk: true)</c>, <c>Fsync.File(target)</c> and
/// <c>await Fsync.FileAsync(target, ...)</c>, the runtime's type marked for the import adder.
/// </summary>
internal static class FsyncStatements
{
    /// <summary><c>stream.Flush(flushToDisk: true);</c></summary>
    public static StatementSyntax FlushToDisk(SyntaxGenerator generator, SyntaxNode stream) =>
        (StatementSyntax)generator.ExpressionStatement(FlushToDiskCall(generator, stream));

    /// <summary><c>stream.Flush(flushToDisk: true)</c></summary>
    public static SyntaxNode FlushToDiskCall(SyntaxGenerator generator, SyntaxNode stream) =>
        generator.InvocationExpression(
            generator.MemberAccessExpression(stream, "Flush"),
            generator.Argument("flushToDisk", RefKind.None, generator.TrueLiteralExpression()));

    /// <summary><c>Fsync.File(target);</c>, or <c>Fsync.File(writer, path);</c></summary>
    public static StatementSyntax FsyncFile(SyntaxGenerator generator, params SyntaxNode[] arguments) =>
        (StatementSyntax)generator.ExpressionStatement(FsyncFileCall(generator, arguments));

    /// <summary><c>Fsync.File(target)</c>, or <c>Fsync.File(writer, path)</c> for an XML writer, which hides its stream.</summary>
    public static InvocationExpressionSyntax FsyncFileCall(SyntaxGenerator generator, params SyntaxNode[] arguments) =>
        (InvocationExpressionSyntax)generator.InvocationExpression(generator.MemberAccessExpression(RuntimeCalls.RuntimeType("Fsync"), "File"), arguments);

    /// <summary><c>Fsync.FileAsync(arguments)</c>, to take the place of a <c>FlushAsync</c> call that is already awaited.</summary>
    public static InvocationExpressionSyntax FsyncFileAsyncCall(SyntaxGenerator generator, ArgumentListSyntax arguments) =>
        ((InvocationExpressionSyntax)generator.InvocationExpression(generator.MemberAccessExpression(RuntimeCalls.RuntimeType("Fsync"), "FileAsync")))
            .WithArgumentList(arguments);

    /// <summary>The member <paramref name="name"/> of the type being fixed (a field, a property or a local), as an expression.</summary>
    public static SyntaxNode Member(SyntaxGenerator generator, string name) => generator.IdentifierName(name);
}
