using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Testing;

/// <summary>The short forms most tests use, after Microsoft.CodeAnalysis.Testing's CSharpCodeFixVerifier.</summary>
public static class Verify<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        ConfiguredAnalyzerAsync(null, source, expected);

    /// <summary>As <see cref="AnalyzerAsync"/>, with an .editorconfig for the source.</summary>
    public static Task ConfiguredAnalyzerAsync(string? editorConfig, string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<TAnalyzer> { EditorConfig = editorConfig };
        test.Sources.Add(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static Task CodeFixAsync(string source, DiagnosticResult[] expected, string fixedSource, FixAllScope? fixAllScope = null, string? editorConfig = null)
    {
        var test = new CodeFixTest<TAnalyzer, TCodeFix> { FixAllScope = fixAllScope, EditorConfig = editorConfig };
        test.Sources.Add(source);
        test.ExpectedDiagnostics.AddRange(expected);
        test.FixedSources.Add(fixedSource);
        return test.RunAsync();
    }
}
