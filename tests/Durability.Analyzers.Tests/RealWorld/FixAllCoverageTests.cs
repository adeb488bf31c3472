using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Durability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace Durability.Analyzers.Tests.RealWorld;

/// <summary>
/// Every finding has a fix: over the sample engines and every must-flag input of the rules' tests, Fix All of every
/// rule, applied until nothing changes (as <c>dotnet format analyzers</c> does), leaves no finding, and the fixed
/// code compiles. Deletions are reported here too (<c>report_deletions = true</c>), so they must be fixable as well.
/// Two kinds are allowed to stay, where only a person can restructure: a DUR001 finding marked UnreachableFile, a stream
/// that hides its file (a CryptoStream over an inline File.Create) with nothing else holding the file; and a DUR002 finding
/// marked DirectorySwap, a directory replaced in two steps, which no call does in one.
/// </summary>
public sealed class FixAllCoverageTests
{
    private const int MaxPasses = 4;

    private static readonly Regex RawString = new("\"\"\"\\r?\\n(?<body>.*?)\\r?\\n[ \\t]*\"\"\"", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private readonly ITestOutputHelper _output;

    public FixAllCoverageTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Inputs()
    {
        yield return new object[] { "samples/LegacyStorage" };
        var tests = Path.Combine(RepositoryPaths.Root, "tests", "Durability.Analyzers.Tests");
        foreach (var file in Directory.GetFiles(tests, "*Tests.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (Path.GetFileName(Path.GetDirectoryName(file)!).StartsWith("DUR", StringComparison.Ordinal) && !name.Contains("Quiet", StringComparison.Ordinal))
            {
                yield return new object[] { Path.GetRelativePath(RepositoryPaths.Root, file) };
            }
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Fix_All_leaves_no_finding_in(string input)
    {
        var sources = Sources(input);
        var left = new List<string>();
        var fixedCount = 0;
        foreach (var (name, files) in sources)
        {
            var (before, after, errors) = await FixEverythingAsync(files);
            fixedCount += before;
            left.AddRange(after.Select(d => $"{name}: {d}"));
            left.AddRange(errors.Select(e => $"{name}: the fixed code does not compile: {e}"));
        }

        _output.WriteLine($"{input}: {sources.Count} inputs, {fixedCount} findings, {left.Count} left");
        Assert.True(left.Count == 0, string.Join(Environment.NewLine, left));
    }

    // The sample as one project of its files; a test file as one project per must-flag input (a raw string with markup).
    private static List<(string Name, List<string> Files)> Sources(string input)
    {
        var path = Path.Combine(RepositoryPaths.Root, input);
        if (Directory.Exists(path))
        {
            var all = Directory.GetFiles(path, "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToList();
            return new List<(string, List<string>)> { (input, all) };
        }

        var inputs = new List<(string, List<string>)>();
        var index = 0;
        foreach (Match match in RawString.Matches(File.ReadAllText(path)))
        {
            var body = match.Groups["body"].Value;
            if (body.Contains("{|", StringComparison.Ordinal) || body.Contains("[|", StringComparison.Ordinal))
            {
                inputs.Add(($"{Path.GetFileNameWithoutExtension(path)}#{index}", new List<string> { TestMarkup.Parse(Unindent(body)).Text }));
            }

            index++;
        }

        return inputs;
    }

    private static string Unindent(string body)
    {
        var lines = body.Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    private static async Task<(int Before, List<string> After, List<string> Errors)> FixEverythingAsync(List<string> files)
    {
        using var workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Create(),
                "Input",
                "Input",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: TestReferences.Framework.Add(TestReferences.DurabilityRuntime)));
        for (var i = 0; i < files.Count; i++)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), $"Input{i}.cs", SourceText.From(files[i], Encoding.UTF8), filePath: $"/0/Input{i}.cs");
        }

        solution = solution.AddAnalyzerConfigDocument(
            DocumentId.CreateNewId(projectId),
            ".editorconfig",
            SourceText.From("root = true\n[*.cs]\ndotnet_code_quality.DUR002.report_deletions = true\n", Encoding.UTF8),
            filePath: "/0/.editorconfig");
        var project = solution.GetProject(projectId)!;
        var before = (await DiagnosticsAsync(project)).Length;

        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var changed = false;
            foreach (var fixer in AllRules.Fixers())
            {
                var diagnostics = (await DiagnosticsAsync(project)).Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)).ToList();

                // One Fix All per document; a fix in one document leaves the others' spans as they were.
                foreach (var inDocument in diagnostics.GroupBy(d => d.Location.SourceTree!.FilePath))
                {
                    var document = project.Documents.Single(d => d.FilePath == inDocument.Key);
                    foreach (var diagnostic in inDocument)
                    {
                        var actions = new List<CodeAction>();
                        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
                        if (actions.Count == 0)
                        {
                            continue;
                        }

                        var tree = await document.GetSyntaxTreeAsync();
                        Location InDocument(Location location) =>
                            location.SourceTree?.FilePath == tree!.FilePath ? Location.Create(tree, location.SourceSpan) : location;
                        var mapped = inDocument.Select(d => Diagnostic.Create(
                            d.Descriptor, InDocument(d.Location), d.AdditionalLocations.Select(InDocument), d.Properties, d.GetMessage())).ToImmutableArray();
                        var context = new FixAllContext(
                            document, fixer, FixAllScope.Document, actions[0].EquivalenceKey, fixer.FixableDiagnosticIds, new Provider(mapped), CancellationToken.None);
                        var fixAll = await fixer.GetFixAllProvider()!.GetFixAsync(context);
                        var operations = await fixAll!.GetOperationsAsync(CancellationToken.None);
                        var newSolution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
                        var oldText = (await document.GetTextAsync()).ToString();
                        var newText = (await newSolution.GetDocument(document.Id)!.GetTextAsync()).ToString();
                        if (oldText != newText)
                        {
                            project = newSolution.GetProject(projectId)!;
                            changed = true;
                        }

                        break;
                    }
                }
            }

            if (!changed)
            {
                break;
            }
        }

        var left = (await DiagnosticsAsync(project))
            .Where(d => !d.Properties.ContainsKey(Rules.FlushWithoutFsyncAnalyzer.UnreachableFileProperty) &&
                        !d.Properties.ContainsKey(Rules.UnsyncedDirectoryEntryAnalyzer.DirectorySwapProperty))
            .Select(d => $"{d.Id} at {d.Location.GetLineSpan().Path}{d.Location.GetLineSpan().StartLinePosition}: {d.GetMessage()}")
            .ToList();
        var compilation = (await project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        return (before, left, errors);
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var options = new CompilationWithAnalyzersOptions(project.AnalyzerOptions, null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(AllRules.Analyzers(), options).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => d.Id.StartsWith("DUR", StringComparison.Ordinal)).ToImmutableArray();
    }

    private sealed class Provider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public Provider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(ImmutableArray<Diagnostic>.Empty);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}
