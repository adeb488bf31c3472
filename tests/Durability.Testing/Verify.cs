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

    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<TAnalyzer>();
        test.Sources.Add(source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static Task CodeFixAsync(string source, DiagnosticResult[] expected, string fixedSource, FixAllScope? fixAllScope = null)
    {
        var test = new CodeFixTest<TAnalyzer, TCodeFix> { FixAllScope = fixAllScope };
        test.Sources.Add(source);
        test.ExpectedDiagnostics.AddRange(expected);
        test.FixedSources.Add(fixedSource);
        return test.RunAsync();
    }
}
