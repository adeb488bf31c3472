using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Durability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace Durability.Analyzers.Tests.RealWorld;

/// <summary>
/// Real storage files, damaged the way code is while someone types (a token dropped, a method cut short,
/// lines gone, the file cut off), go through every analyzer and every fix the analyzers' findings offer.
/// Nothing may throw: in an IDE each exception is an AD0001 warning or a failed light bulb.
/// </summary>
public sealed class DamagedSourceFuzzTests
{
    private const int VariantsPerFile = 12;

    private static readonly string[] CorpusStorageFiles =
    {
        "mgholam+RaptorDB-Document@4c1c2af582/RaptorDB/Storage/StorageFile.cs",
        "mgholam+RaptorDB-Document@4c1c2af582/RaptorDB/Storage/KeyStoreHF.cs",
        "mgholam+RaptorDB-Document@4c1c2af582/RaptorDB/Indexes/IndexFile.cs",
        "mgholam+hOOt@90007e7c5a/Hoot/MGIndex/BitmapIndex.cs",
        "akkadotnet+akka.net@07c2b51640/src/core/Akka.Persistence/Snapshot/LocalSnapshotStore.cs",
        "eventflow+EventFlow@73a9b46633/Source/EventFlow/EventStores/Files/FilesEventPersistence.cs",
        "apache+logging-log4net@1231d72f76/src/log4net/Appender/RollingFileAppender.cs",
    };

    public static IEnumerable<object[]> Files()
    {
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "LegacyStorage");
        foreach (var file in Directory.GetFiles(sample, "*.cs").OrderBy(f => f, StringComparer.Ordinal))
        {
            yield return new object[] { Path.GetRelativePath(RepositoryPaths.Root, file) };
        }

        if (CorpusProject.CorpusRoot is { } corpus)
        {
            foreach (var file in CorpusStorageFiles)
            {
                if (File.Exists(Path.Combine(corpus, file)))
                {
                    yield return new object[] { Path.Combine("..", "shared", "corpus", file) };
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Analyzers_and_fixes_survive_damaged_versions_of(string file)
    {
        var original = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, file));
        var failures = new List<string>();
        for (var seed = 0; seed < VariantsPerFile; seed++)
        {
            var (damage, text) = Damage(original, new Random(seed * 7919 + file.Length));
            var errors = await RunEverythingAsync(text);
            failures.AddRange(errors.Select(error => $"seed {seed} ({damage}): {error}"));
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static (string Damage, string Text) Damage(string text, Random random)
    {
        var root = CSharpSyntaxTree.ParseText(text).GetRoot();
        switch (random.Next(4))
        {
            case 0:
            {
                var tokens = root.DescendantTokens().ToList();
                var dropped = new HashSet<int>();
                var count = 1 + random.Next(3);
                for (var i = 0; i < count; i++)
                {
                    dropped.Add(random.Next(tokens.Count));
                }

                var builder = new StringBuilder();
                for (var i = 0; i < tokens.Count; i++)
                {
                    builder.Append(dropped.Contains(i) ? tokens[i].LeadingTrivia.ToFullString() + tokens[i].TrailingTrivia.ToFullString() : tokens[i].ToFullString());
                }

                return ($"dropped {count} tokens", builder.ToString());
            }

            case 1:
            {
                var bodies = root.DescendantNodes().OfType<BlockSyntax>().Where(b => b.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax).ToList();
                if (bodies.Count == 0)
                {
                    return ("cut at the middle", text[..(text.Length / 2)]);
                }

                var body = bodies[random.Next(bodies.Count)];
                var cut = body.SpanStart + random.Next(Math.Max(1, body.Span.Length));
                return ($"method cut at {cut}", text[..cut] + text[body.Span.End..]);
            }

            case 2:
            {
                var lines = text.Split('\n').ToList();
                var start = random.Next(lines.Count);
                var length = Math.Min(lines.Count - start, 1 + random.Next(8));
                lines.RemoveRange(start, length);
                return ($"lines {start + 1}-{start + length} removed", string.Join("\n", lines));
            }

            default:
            {
                var cut = random.Next(text.Length);
                return ($"file cut at {cut}", text[..cut]);
            }
        }
    }

    private static async Task<List<string>> RunEverythingAsync(string text)
    {
        var errors = new ConcurrentQueue<string>();
        var workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            "Damaged",
            "Damaged",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: TestReferences.Framework.Add(TestReferences.DurabilityRuntime)));
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution
            .AddDocument(documentId, "Damaged.cs", SourceText.From(text, Encoding.UTF8), filePath: "/0/Damaged.cs")
            .AddAnalyzerConfigDocument(
                DocumentId.CreateNewId(projectId),
                ".editorconfig",
                SourceText.From("root = true\n[*.cs]\ndotnet_code_quality.durability_scope = all\n", Encoding.UTF8),
                filePath: "/0/.editorconfig");
        var project = solution.GetProject(projectId)!;
        var compilation = (await project.GetCompilationAsync())!;
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            (exception, analyzer, _) => errors.Enqueue($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(AllRules.Analyzers(), options).GetAnalyzerDiagnosticsAsync();

        var document = project.GetDocument(documentId)!;
        foreach (var diagnostic in diagnostics.Where(d => d.Id.StartsWith("DUR", StringComparison.Ordinal)))
        {
            foreach (var fixer in AllRules.Fixers().Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                try
                {
                    var actions = new List<CodeAction>();
                    await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
                    foreach (var action in actions)
                    {
                        _ = await action.GetOperationsAsync(CancellationToken.None);
                    }
                }
                catch (Exception exception)
                {
                    errors.Enqueue($"{fixer.GetType().Name} on {diagnostic} threw {exception.GetType().Name}: {exception.Message}");
                }
            }
        }

        return errors.ToList();
    }
}
