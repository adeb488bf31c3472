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
    public ProfiledAnalyzers(string name, string assemblyPath, Yardstick yardstick)
    {
        Name = name;
        var context = new AssemblyLoadContext(name + " " + assemblyPath);
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
        Analyzers = assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
            .OrderBy(t => t.Name, System.StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)System.Activator.CreateInstance(t)!)
            .ToImmutableArray();
        Durability = Analyzers.Select(a => a.GetType().Name).ToImmutableHashSet();
        Analyzers = Analyzers.AddRange(yardstick.Analyzers);
    }

    public string Name { get; }

    /// <summary>The DUR analyzers, and the yardstick's run beside them in the same passes.</summary>
    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    /// <summary>The name an analyzer's time is reported under: a DUR rule's type name, a yardstick's full name.</summary>
    public string KeyOf(DiagnosticAnalyzer analyzer) =>
        Durability.Contains(analyzer.GetType().Name) ? analyzer.GetType().Name : analyzer.GetType().FullName!;

    /// <summary>The type names of the DUR analyzers among <see cref="Analyzers"/>.</summary>
    public ImmutableHashSet<string> Durability { get; }

    public override string ToString() => Name;
}
