using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.AnalyzerProfile;

/// <summary>
/// One build of the DUR analyzers, loaded in a context of its own so that two builds of the same assembly can run in
/// one process; Roslyn itself comes from the default context, shared by both.
/// </summary>
internal sealed class ProfiledAnalyzers
{
    public ProfiledAnalyzers(string name, string assemblyPath)
    {
        Name = name;
        var context = new AssemblyLoadContext(name + " " + assemblyPath);
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
        Analyzers = assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
            .OrderBy(t => t.Name, System.StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)System.Activator.CreateInstance(t)!)
            .ToImmutableArray();
    }

    public string Name { get; }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public override string ToString() => Name;
}
