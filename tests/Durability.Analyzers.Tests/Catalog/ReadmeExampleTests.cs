using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Durability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Durability.Analyzers.Tests.Catalog;

/// <summary>The README's code examples compile against the runtime as shipped.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_write_ahead_log_example_compiles()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("## The runtime's write-ahead log", System.StringComparison.Ordinal)..];
        var code = Regex.Match(section, "```csharp\n(?<code>.*?)```", RegexOptions.Singleline).Groups["code"].Value;
        Assert.Contains("WriteAheadLog.Open", code);

        var compilation = CSharpCompilation.Create(
            "ReadmeExample",
            new[] { CSharpSyntaxTree.ParseText("using System;\n" + code, new CSharpParseOptions(LanguageVersion.Latest)) },
            TestReferences.Framework.Add(TestReferences.DurabilityRuntime),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));

        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
    }
}
