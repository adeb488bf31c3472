using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.CodeFixes;
using Durability.Testing;
using Microsoft.CodeAnalysis.CodeFixes;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer, Durability.CodeFixes.FlushWithoutFsyncCodeFixProvider>;

namespace Durability.Analyzers.Tests.Verification;

/// <summary>The verifier must fail on every kind of mismatch, or the rule tests prove nothing.</summary>
public sealed class VerifierSelfTests
{
    private const string OneFlush = """
        using System.IO;

        class WalFile
        {
            private readonly FileStream _fd = new("wal", FileMode.Append);

            public void Append(byte b) { _fd.WriteByte(b); {|#0:_fd.Flush()|}; }
        }
        """;

    private const string OneFlushFixed = """
        using System.IO;

        class WalFile
        {
            private readonly FileStream _fd = new("wal", FileMode.Append);

            public void Append(byte b) { _fd.WriteByte(b); _fd.Flush(flushToDisk: true); }
        }
        """;

    [Fact]
    public async Task Passes_when_span_and_message_match() =>
        await Verifier.AnalyzerAsync(OneFlush, Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_fd"));

    [Fact]
    public async Task Fails_on_a_wrong_span()
    {
        var error = await Assert.ThrowsAsync<VerificationException>(() => Verifier.AnalyzerAsync(
            OneFlush.Replace("{|#0:_fd.Flush()|}", "{|#0:_fd.Flush|}()"),
            Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_fd")));
        Assert.Contains("Expected but not reported:", error.Message);
        Assert.Contains("- /0/Test0.cs(7,52,7,61): DUR001", error.Message);
        Assert.Contains("+ /0/Test0.cs(7,52,7,63): DUR001", error.Message);
    }

    [Fact]
    public async Task Fails_on_a_wrong_message()
    {
        var error = await Assert.ThrowsAsync<VerificationException>(() => Verifier.AnalyzerAsync(
            OneFlush, Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_other")));
        Assert.Contains("Reported with another message:", error.Message);
        Assert.Contains("actual message: \"Flush of '_fd' stops at the OS page cache", error.Message);
    }

    [Fact]
    public async Task Fails_on_a_missing_diagnostic()
    {
        var error = await Assert.ThrowsAsync<VerificationException>(() => Verifier.AnalyzerAsync(
            OneFlush.Replace("_fd.Flush()", "_fd.Flush(true)"),
            Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_fd")));
        Assert.Contains("Expected but not reported:", error.Message);
        Assert.DoesNotContain("Reported but not expected:", error.Message);
    }

    [Fact]
    public async Task Fails_on_an_extra_diagnostic()
    {
        var error = await Assert.ThrowsAsync<VerificationException>(() => Verifier.AnalyzerAsync(OneFlush));
        Assert.Contains("Reported but not expected:", error.Message);
        Assert.Contains("+ /0/Test0.cs(7,52,7,63): DUR001 \"Flush of '_fd' stops at the OS page cache", error.Message);
    }

    [Fact]
    public async Task Fails_on_source_that_does_not_compile()
    {
        var error = await Assert.ThrowsAsync<VerificationException>(() => Verifier.AnalyzerAsync("class WalFile { void M() { undefined(); } }"));
        Assert.Contains("The test source does not compile", error.Message);
        Assert.Contains("CS0103", error.Message);
    }

    [Fact]
    public async Task Plain_markup_expects_the_rule_at_its_span() =>
        await Verifier.AnalyzerAsync(OneFlush.Replace("{|#0:_fd.Flush()|}", "[|_fd.Flush()|]"));

    [Fact]
    public async Task Passes_when_the_fix_output_matches() =>
        await Verifier.CodeFixAsync(OneFlush, new[] { Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_fd") }, OneFlushFixed);

    [Fact]
    public async Task Fails_when_the_fix_output_differs_and_shows_a_diff()
    {
        var error = await Assert.ThrowsAsync<VerificationException>(() => Verifier.CodeFixAsync(
            OneFlush,
            new[] { Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_fd") },
            OneFlushFixed.Replace("flushToDisk: true", "true")));
        Assert.Contains("differs from the expected text", error.Message);
        Assert.Contains("-     public void Append(byte b) { _fd.WriteByte(b); _fd.Flush(true); }", error.Message);
        Assert.Contains("+     public void Append(byte b) { _fd.WriteByte(b); _fd.Flush(flushToDisk: true); }", error.Message);
    }

    [Fact]
    public async Task Fails_when_the_fixed_code_does_not_compile()
    {
        var test = new CodeFixTest<FlushWithoutFsyncAnalyzer, BrokenFlushFix>();
        test.Sources.Add(OneFlush);
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_fd"));
        test.FixedSources.Add(OneFlush.Replace("{|#0:_fd.Flush()|}", "_fd.FlushHarder()"));
        var error = await Assert.ThrowsAsync<VerificationException>(() => test.RunAsync());
        Assert.Contains("The fixed code does not compile", error.Message);
        Assert.Contains("CS1061", error.Message);
    }

    [Fact]
    public async Task Fails_when_the_fix_leaves_the_diagnostic()
    {
        var test = new CodeFixTest<FlushWithoutFsyncAnalyzer, NoOpFlushFix>();
        test.Sources.Add(OneFlush);
        test.ExpectedDiagnostics.Add(Verifier.Diagnostic(RuleCatalog.FlushWithoutFsync).WithLocation(0).WithArguments("_fd"));
        test.FixedSources.Add(OneFlush.Replace("{|#0:_fd.Flush()|}", "_fd.Flush( )"));
        test.MaxIterations = 3;
        var error = await Assert.ThrowsAsync<VerificationException>(() => test.RunAsync());
        Assert.Contains("does not converge", error.Message);
    }

    [Fact]
    public async Task Fails_when_the_analyzer_throws()
    {
        var test = new AnalyzerTest<ThrowingAnalyzer>();
        test.Sources.Add("class C { void M() { M(); } }");
        var error = await Assert.ThrowsAsync<VerificationException>(() => test.GetDiagnosticsAsync());
        Assert.Contains("The analyzer threw (AD0001)", error.Message);
        Assert.Contains("boom in the analyzer", error.Message);
    }

    /// <summary>A fix that writes a call that does not exist.</summary>
    private sealed class BrokenFlushFix : RewritingFix
    {
        protected override string Replacement => "_fd.FlushHarder()";
    }

    /// <summary>A fix that changes only whitespace, so the diagnostic stays.</summary>
    private sealed class NoOpFlushFix : RewritingFix
    {
        protected override string Replacement => "_fd.Flush( )";
    }
}
