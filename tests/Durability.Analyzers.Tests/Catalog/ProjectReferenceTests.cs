using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Durability.Analyzers.Tests.RealWorld;
using Durability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Analyzers.Tests.Catalog;

/// <summary>
/// In the IDE a project reference arrives as a compilation reference: the referenced project's types are source symbols
/// whose trees belong to another compilation. No rule may try to bind them (an ArgumentException, AD0001, in every file
/// that calls into the library).
/// </summary>
public sealed class ProjectReferenceTests
{
    private const string Library = """
        using System.IO;

        namespace Lib
        {
            public class FlushToDiskFileStream : FileStream
            {
                public FlushToDiskFileStream(string path) : base(path, FileMode.Append) { }

                public override void Flush() => base.Flush(true);
            }

            public class LogDevice
            {
                private readonly FileStream _file;

                public LogDevice(string path) => _file = new FileStream(path, FileMode.Append);

                public string Directory => Path.GetDirectoryName(_file.Name)!;

                public void Write(byte[] record) => _file.Write(record);

                public void Flush() => _file.Flush();

                public static void FsyncFile(FileStream file) => file.Flush(true);
            }
        }
        """;

    private const string Application = """
        using System.IO;
        using Lib;

        public sealed class WriteAheadLog
        {
            private readonly FlushToDiskFileStream _log = new("wal.log");
            private readonly LogDevice _device = new("device.log");
            private readonly FileStream _index = new("wal.idx", FileMode.Append);

            public void Append(byte[] record)
            {
                _log.Write(record);
                _log.Flush();
                _device.Write(record);
                _device.Flush();
                _index.Write(record);
                _index.Flush();
                LogDevice.FsyncFile(_index);
                File.Delete(Path.Combine(_device.Directory, "old.log"));
            }
        }
        """;

    [Fact]
    public async Task No_rule_binds_the_source_of_a_referenced_project()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
        var library = CSharpCompilation.Create("Lib", new[] { CSharpSyntaxTree.ParseText(Library, parse, "/lib/Lib.cs") }, TestReferences.Framework, options);
        var application = CSharpCompilation.Create(
            "App",
            new[] { CSharpSyntaxTree.ParseText(Application, parse, "/app/App.cs") },
            TestReferences.Framework.Add(library.ToMetadataReference()),
            options);
        Assert.Empty(application.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var errors = new ConcurrentQueue<string>();
        var analyzerOptions = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(System.Collections.Immutable.ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, _) => errors.Enqueue($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await application.WithAnalyzers(AllRules.Analyzers(), analyzerOptions).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(errors);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");

        // The library's types are read by their static types only: the flushes the application cannot see through are reported.
        var flushes = diagnostics.Where(d => d.Id == "DUR001").Select(d => d.GetMessage()).OrderBy(m => m, StringComparer.Ordinal).ToArray();
        Assert.Equal(
            new[]
            {
                "Flush of '_log' stops at the OS page cache and '_log' is never fsynced: its data is lost on power failure",
            },
            flushes);
    }
}
