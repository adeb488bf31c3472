using System.Collections.Generic;
using System.Linq;
using Durability.Analyzers.Model;
using Durability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace Durability.Analyzers.Tests.Identity;

/// <summary>"Same file" and "same directory" as the rules ask them: <see cref="FileIdentity"/> and <see cref="PathResolver"/>.</summary>
public sealed class PathIdentityTests
{
    private const string Source = """
        using System.IO;

        class Paths
        {
            void Use(object value) { }

            void Names(string dir, string path, string other, string name)
            {
                var tmp = Path.Combine(dir, name);
                Use(path);
                Use(new FileInfo(path));
                Use(Path.GetFullPath(path));
                Use(new FileInfo(path).FullName);
                Use(path + ".tmp");
                Use(Path.Combine(dir, "a"));
                Use(dir);
                Use(tmp);
                Use(Path.Combine(other, "a"));
                Use(Path.GetDirectoryName(path));
                Use(new DirectoryInfo(dir).FullName);
                Use(Geometry.Path.Combine(dir, "a"));
            }
        }

        namespace Geometry
        {
            static class Path
            {
                public static string Combine(string from, string to) => from + "->" + to;
            }
        }
        """;

    private static readonly (IOperation Body, IReadOnlyList<IOperation> Used) Parsed = Parse();

    private static IOperation Used(int index) => Parsed.Used[index];

    [Fact]
    public void A_path_its_FileInfo_its_full_path_and_its_FullName_are_one_file()
    {
        var file = FileIdentity.Of(Used(0));
        Assert.Equal(file, FileIdentity.Of(Used(1)));
        Assert.Equal(file, FileIdentity.Of(Used(2)));
        Assert.Equal(file, FileIdentity.Of(Used(3)));
        Assert.NotEqual(file, FileIdentity.Of(Used(4)));
        Assert.NotEqual(file, FileIdentity.Of(Used(6)));
    }

    [Fact]
    public void A_file_lies_in_the_directory_it_was_combined_with_and_beside_its_temp_copy()
    {
        var paths = new PathResolver(Parsed.Body);
        var dir = paths.DirectoryOf(Used(6));
        Assert.True(paths.ParentOf(Used(5)).IsSame(dir));
        Assert.True(paths.ParentOf(Used(7)).IsSame(dir), "a local is followed to its one initializer");
        Assert.True(paths.ParentOf(Used(4)).IsSame(paths.ParentOf(Used(0))), "path + \".tmp\" lies beside path");
        Assert.True(paths.DirectoryOf(Used(9)).IsSame(paths.ParentOf(Used(1))), "GetDirectoryName(path) is the parent of path");
        Assert.True(paths.DirectoryOf(Used(10)).IsSame(dir), "a DirectoryInfo's FullName names its directory");
    }

    [Fact]
    public void Directories_named_by_different_variables_differ_unless_one_cannot_be_told()
    {
        var paths = new PathResolver(Parsed.Body);
        var dir = paths.DirectoryOf(Used(6));
        var other = paths.ParentOf(Used(8));
        Assert.False(other.IsSame(dir));
        Assert.False(paths.ParentOf(Used(0)).IsSame(dir));
        Assert.True(DirectoryIdentity.Any.IsSame(dir));
        Assert.False(DirectoryIdentity.Any.Known().IsSame(dir));
        Assert.True(dir.Or(other).IsSame(other));
        Assert.False(paths.ParentOf(Used(11)).IsSame(dir), "a project's own Path type is not System.IO.Path");
    }

    private static (IOperation Body, IReadOnlyList<IOperation> Used) Parse()
    {
        var tree = CSharpSyntaxTree.ParseText(Source);
        var compilation = CSharpCompilation.Create("Identity", new[] { tree }, TestReferences.Framework, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Names");
        var body = compilation.GetSemanticModel(tree).GetOperation(method)!;
        var used = body.Descendants().OfType<IInvocationOperation>()
            .Where(call => call.TargetMethod.Name == "Use")
            .OrderBy(call => call.Syntax.SpanStart)
            .Select(call => call.Arguments[0].Value)
            .ToList();
        return (body, used);
    }
}
