using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace Durability.Testing;

/// <summary>
/// Runs an analyzer over marked-up sources and checks that it reports exactly the expected
/// diagnostics: same IDs, same spans, same messages, nothing missing and nothing extra.
/// </summary>
public class AnalyzerTest<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Sources in markup; the first is /0/Test0.cs, the next /0/Test1.cs and so on.</summary>
    public List<string> Sources { get; } = new();

    public List<DiagnosticResult> ExpectedDiagnostics { get; } = new();

    /// <summary>An .editorconfig placed at /.editorconfig, above every source.</summary>
    public string? EditorConfig { get; set; }

    /// <summary>Compile against Durability.Runtime, as a project with the package installed does.</summary>
    public bool ReferenceRuntime { get; set; } = true;

    /// <summary>Compiler errors allowed in the sources (by default none: test code must compile).</summary>
    public List<string> AllowedCompilerErrors { get; } = new();

    protected TAnalyzer Analyzer { get; } = new();

    public static string PathOf(int index) => $"/0/Test{index}.cs";

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var (project, expected) = CreateProject(Sources, ExpectedDiagnostics);
        var actual = await GetAnalyzerDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false);
        await CheckCompilesAsync(project, "The test source", cancellationToken).ConfigureAwait(false);
        CompareDiagnostics(expected, actual, "analyzing the source");
    }

    /// <summary>
    /// The analyzer's diagnostics on the sources, whatever they are, failing only when the analyzer throws:
    /// for robustness tests on code that does not compile.
    /// </summary>
    public async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(CancellationToken cancellationToken = default)
    {
        var (project, _) = CreateProject(Sources, Array.Empty<DiagnosticResult>());
        return await GetAnalyzerDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds a one-project solution from marked-up sources and resolves the expected diagnostics against it.</summary>
    protected (Project Project, List<DiagnosticResult> Expected) CreateProject(IReadOnlyList<string> markupSources, IEnumerable<DiagnosticResult> explicitResults)
    {
        var workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
        var projectId = ProjectId.CreateNewId();
        var references = ReferenceRuntime ? TestReferences.Framework.Add(TestReferences.DurabilityRuntime) : TestReferences.Framework;
        var projectInfo = ProjectInfo.Create(
                projectId,
                VersionStamp.Create(),
                "TestProject",
                "TestProject",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: references);
        var solution = workspace.CurrentSolution.AddProject(projectInfo);

        var expected = new List<DiagnosticResult>();
        var locations = new Dictionary<int, (string Path, LinePositionSpan Span)>();
        for (var index = 0; index < markupSources.Count; index++)
        {
            var markup = TestMarkup.Parse(markupSources[index]);
            var path = PathOf(index);
            var text = SourceText.From(markup.Text, Encoding.UTF8);
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Test{index}.cs", text, filePath: path);
            foreach (var (id, span) in markup.ExpectedSpans)
            {
                expected.Add(new DiagnosticResult(id ?? DefaultId()) { Path = path, Span = text.Lines.GetLinePositionSpan(span) });
            }

            foreach (var (locationIndex, span) in markup.Locations)
            {
                locations[locationIndex] = (path, text.Lines.GetLinePositionSpan(span));
            }
        }

        if (EditorConfig is not null)
        {
            solution = solution.AddAnalyzerConfigDocument(
                DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From(EditorConfig, Encoding.UTF8), filePath: "/.editorconfig");
        }

        foreach (var result in explicitResults)
        {
            if (result.MarkupLocation is { } locationIndex)
            {
                if (!locations.TryGetValue(locationIndex, out var location))
                {
                    throw new VerificationException($"The expected diagnostic {result} names markup location #{locationIndex}, which no source defines.");
                }

                expected.Add(result with { Path = location.Path, Span = location.Span, MarkupLocation = null });
            }
            else
            {
                expected.Add(result.Path is null && result.Span is not null ? result with { Path = PathOf(0) } : result);
            }
        }

        return (solution.GetProject(projectId)!, expected);
    }

    private string DefaultId()
    {
        var ids = Analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().ToList();
        return ids.Count == 1
            ? ids[0]
            : throw new VerificationException($"[|...|] markup needs one rule, but {typeof(TAnalyzer).Name} reports {string.Join(", ", ids)}: use {{|ID:...|}}.");
    }

    /// <summary>The analyzer's diagnostics on the project; an exception inside the analyzer fails the test.</summary>
    protected async Task<ImmutableArray<Diagnostic>> GetAnalyzerDiagnosticsAsync(Project project, CancellationToken cancellationToken)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        var analyzerExceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (exception, analyzer, diagnostic) => analyzerExceptions.Add($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(Analyzer), options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        var thrown = diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage(CultureInfo.InvariantCulture)).Concat(analyzerExceptions).ToList();
        if (thrown.Count > 0)
        {
            throw new VerificationException("The analyzer threw (AD0001):" + Environment.NewLine + string.Join(Environment.NewLine, thrown));
        }

        return diagnostics.Sort((a, b) => CompareActual(a, b));
    }

    /// <summary>Fails when the project has compiler errors other than the allowed ones.</summary>
    protected async Task CheckCompilesAsync(Project project, string what, CancellationToken cancellationToken)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        var errors = compilation.GetDiagnostics(cancellationToken)
            .Where(d => d.Severity == DiagnosticSeverity.Error && !AllowedCompilerErrors.Contains(d.Id))
            .ToList();
        if (errors.Count > 0)
        {
            throw new VerificationException(
                $"{what} does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + DiagnosticResult.Describe(e))));
        }
    }

    /// <summary>Compares expected and actual diagnostics one to one and explains every difference.</summary>
    protected static void CompareDiagnostics(List<DiagnosticResult> expected, ImmutableArray<Diagnostic> actual, string when)
    {
        var remaining = actual.ToList();
        var missing = new List<DiagnosticResult>();
        var wrongMessage = new List<string>();
        foreach (var result in expected.OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Span?.Start))
        {
            var match = remaining.FirstOrDefault(d => Matches(result, d));
            if (match is null)
            {
                missing.Add(result);
                continue;
            }

            remaining.Remove(match);
            var message = match.GetMessage(CultureInfo.InvariantCulture);
            if (result.ExpectedMessage is { } expectedMessage && expectedMessage != message)
            {
                wrongMessage.Add($"  {result}{Environment.NewLine}    actual message: \"{message}\"");
            }
        }

        if (missing.Count == 0 && remaining.Count == 0 && wrongMessage.Count == 0)
        {
            return;
        }

        var report = new StringBuilder();
        report.AppendLine($"Diagnostics differ after {when}.");
        if (missing.Count > 0)
        {
            report.AppendLine("Expected but not reported:");
            missing.ForEach(m => report.AppendLine("  - " + m));
        }

        if (remaining.Count > 0)
        {
            report.AppendLine("Reported but not expected:");
            remaining.ForEach(d => report.AppendLine("  + " + DiagnosticResult.Describe(d)));
        }

        if (wrongMessage.Count > 0)
        {
            report.AppendLine("Reported with another message:");
            wrongMessage.ForEach(w => report.AppendLine(w));
        }

        report.AppendLine("All expected:");
        expected.ForEach(e => report.AppendLine("    " + e));
        report.AppendLine("All actual (paste-ready as expectations):");
        foreach (var diagnostic in actual)
        {
            report.AppendLine("    " + DiagnosticResult.Describe(diagnostic));
        }

        throw new VerificationException(report.ToString());
    }

    private static bool Matches(DiagnosticResult expected, Diagnostic actual)
    {
        if (expected.Id != actual.Id)
        {
            return false;
        }

        if (expected.Span is not { } span)
        {
            return !actual.Location.IsInSource;
        }

        var lineSpan = actual.Location.GetLineSpan();
        return string.Equals(lineSpan.Path, expected.Path, StringComparison.Ordinal) && lineSpan.Span == span;
    }

    private static int CompareActual(Diagnostic left, Diagnostic right)
    {
        var leftSpan = left.Location.GetLineSpan();
        var rightSpan = right.Location.GetLineSpan();
        var byPath = string.CompareOrdinal(leftSpan.Path, rightSpan.Path);
        if (byPath != 0)
        {
            return byPath;
        }

        var bySpan = DiagnosticResult.CompareLocations(leftSpan.Span, rightSpan.Span);
        return bySpan != 0 ? bySpan : string.CompareOrdinal(left.Id, right.Id);
    }
}
