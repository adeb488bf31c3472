using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Durability.Analyzers.Model;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Analyzers.Tests.RealWorld;

/// <summary>
/// The IDE's case: every keystroke makes a new compilation that keeps the trees of the files not edited, and the rules keep
/// what they find in one file's syntax with its tree (the project's wrappers, its stream subclasses, the places that may
/// fsync). An edit to one file must still change what the rules see in the others.
/// </summary>
public sealed class IncrementalEditTests
{
    private const string Storage = """
        using System.IO;

        public sealed class PackageFileStorage
        {
            private readonly FileSystemService _fileSystem = new FileSystemService();

            public void Save(string path, byte[] package)
            {
                var stream = _fileSystem.OpenWrite(path);
                stream.Write(package, 0, package.Length);
                stream.Dispose();
            }
        }
        """;

    private const string PassThroughService = """
        using System.IO;

        public sealed class FileSystemService
        {
            public Stream OpenWrite(string path) => Stream.Null;
        }
        """;

    private const string WrappingService = """
        using System.IO;

        public sealed class FileSystemService
        {
            public Stream OpenWrite(string path) => new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        }
        """;

    [Fact]
    public async Task A_wrapper_made_by_editing_another_file_is_read_at_the_unchanged_files_calls_and_unmade_again()
    {
        var storage = Parse(Storage, "Storage.cs");
        var service = Parse(PassThroughService, "Service.cs");
        var compilation = Compile(storage, service);
        Assert.Empty(await DiagnosticsAsync(compilation, new UnsyncedDirectoryEntryAnalyzer()));

        var wrapping = service.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(WrappingService));
        compilation = compilation.ReplaceSyntaxTree(service, wrapping);
        var created = string.Format(RuleCatalog.UnsyncedCreation.MessageFormat.ToString(), "'path'", "the directory of 'path'");
        Assert.Equal(
            new[] { $"DUR002 Storage.cs {Span(Storage, "_fileSystem.OpenWrite(path)")}: {created}" },
            await DiagnosticsAsync(compilation, new UnsyncedDirectoryEntryAnalyzer()));

        compilation = compilation.ReplaceSyntaxTree(wrapping, wrapping.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(PassThroughService)));
        Assert.Empty(await DiagnosticsAsync(compilation, new UnsyncedDirectoryEntryAnalyzer()));
    }

    private const string SegmentWriter = """
        public sealed class SegmentWriter
        {
            public void Append(string path, byte[] record)
            {
                using var stream = new SegmentStream(path);
                stream.Write(record, 0, record.Length);
            }
        }
        """;

    private const string MemorySegmentStream = """
        public sealed class SegmentStream : System.IO.MemoryStream
        {
            public SegmentStream(string path) { }
        }
        """;

    private const string FileSegmentStream = """
        public sealed class SegmentStream : System.IO.FileStream
        {
            public SegmentStream(string path) : base(path, System.IO.FileMode.CreateNew) { }
        }
        """;

    [Fact]
    public async Task A_stream_subclass_made_a_file_stream_by_editing_another_file_creates_files_where_the_unchanged_file_makes_one()
    {
        var writer = Parse(SegmentWriter, "SegmentWriter.cs");
        var stream = Parse(MemorySegmentStream, "SegmentStream.cs");
        var compilation = Compile(writer, stream);
        Assert.Empty(await DiagnosticsAsync(compilation, new UnsyncedDirectoryEntryAnalyzer()));

        compilation = compilation.ReplaceSyntaxTree(stream, stream.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(FileSegmentStream)));
        var created = string.Format(RuleCatalog.UnsyncedCreation.MessageFormat.ToString(), "'path'", "the directory of 'path'");
        // The subclass's own creation (its base constructor's) is reported in it as well.
        Assert.Equal(
            new[]
            {
                $"DUR002 SegmentStream.cs {Span(FileSegmentStream, ": base(path, System.IO.FileMode.CreateNew)")}: {created}",
                $"DUR002 SegmentWriter.cs {Span(SegmentWriter, "new SegmentStream(path)")}: {created}",
            },
            await DiagnosticsAsync(compilation, new UnsyncedDirectoryEntryAnalyzer()));
    }

    private const string SettingsWriter = """
        using System.IO;

        public sealed class SettingsWriter
        {
            private readonly FileStream _stream = new FileStream("settings.bin", FileMode.Append);

            public void Append(byte[] entry)
            {
                _stream.Write(entry, 0, entry.Length);
                _stream.Flush();
            }
        }
        """;

    private const string NoFsync = """
        public static class StreamHelpers
        {
            public static void Settle(System.IO.FileStream stream) => stream.Flush();
        }
        """;

    private const string Fsync = """
        public static class StreamHelpers
        {
            public static void Settle(System.IO.FileStream stream) => stream.Flush(true);
        }
        """;

    [Fact]
    public async Task An_fsync_added_to_another_file_makes_the_unchanged_files_flush_a_finding_and_removing_it_takes_the_finding_away()
    {
        // A compilation that fsyncs anywhere intends durability everywhere, for DUR001 (docs/durability-intent.md).
        var settings = Parse(SettingsWriter, "SettingsWriter.cs");
        var helpers = Parse(NoFsync, "StreamHelpers.cs");
        var compilation = Compile(settings, helpers);
        Assert.Empty(await DiagnosticsAsync(compilation, new FlushWithoutFsyncAnalyzer()));

        var fsyncing = helpers.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Fsync));
        compilation = compilation.ReplaceSyntaxTree(helpers, fsyncing);
        var flushed = string.Format(RuleCatalog.FlushWithoutFsync.MessageFormat.ToString(), "_stream");
        Assert.Equal(
            new[] { $"DUR001 SettingsWriter.cs {Span(SettingsWriter, "_stream.Flush()")}: {flushed}" },
            await DiagnosticsAsync(compilation, new FlushWithoutFsyncAnalyzer()));

        compilation = compilation.ReplaceSyntaxTree(fsyncing, fsyncing.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(NoFsync)));
        Assert.Empty(await DiagnosticsAsync(compilation, new FlushWithoutFsyncAnalyzer()));
    }

    [Fact]
    public void What_is_kept_per_tree_is_computed_once_for_each_tree_and_again_for_an_edited_one()
    {
        var computed = 0;
        var cache = new SyntaxTreeCache<string>(tree =>
        {
            Interlocked.Increment(ref computed);
            return tree.GetText().ToString();
        });
        var tree = Parse(NoFsync, "StreamHelpers.cs");

        Assert.Equal(NoFsync, cache.Of(tree));
        Assert.Equal(NoFsync, cache.Of(tree));
        Assert.Equal(1, computed);

        var edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Fsync));
        Assert.Equal(Fsync, cache.Of(edited));
        Assert.Equal(2, computed);
    }

    private static SyntaxTree Parse(string source, string path) =>
        CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path);

    private static CSharpCompilation Compile(params SyntaxTree[] trees) =>
        CSharpCompilation.Create("Edited", trees, TestReferences.Framework, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static string Span(string source, string text)
    {
        var start = source.IndexOf(text, StringComparison.Ordinal);
        Assert.True(start >= 0 && source.IndexOf(text, start + 1, StringComparison.Ordinal) < 0, $"'{text}' once in the source");
        return $"[{start}..{start + text.Length})";
    }

    private static async Task<string[]> DiagnosticsAsync(Compilation compilation, DiagnosticAnalyzer analyzer)
    {
        Assert.Empty(compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzer)).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return diagnostics
            .Select(diagnostic => $"{diagnostic.Id} {diagnostic.Location.SourceTree!.FilePath} [{diagnostic.Location.SourceSpan.Start}..{diagnostic.Location.SourceSpan.End}): {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            // The driver reports in no fixed order when it analyses files concurrently.
            .OrderBy(line => line, StringComparer.Ordinal)
            .ToArray();
    }
}
