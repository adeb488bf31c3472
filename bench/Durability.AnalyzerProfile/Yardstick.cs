using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.AnalyzerProfile;

/// <summary>
/// The analyzers the DUR rules are measured against, run in the same passes: the SDK's NetAnalyzers, loaded at run time
/// from the folder given (<c>--yardstick=&lt;sdk&gt;/Sdks/Microsoft.NET.Sdk/analyzers</c>), with the severities of the SDK's
/// Recommended analysis mode (its <c>analysislevel_*_recommended.globalconfig</c>), as the benchmark's generated project
/// builds with them. Nothing of the SDK is referenced at build time.
/// </summary>
internal sealed class Yardstick
{
    private Yardstick(ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableDictionary<string, ReportDiagnostic> severities)
    {
        Analyzers = analyzers;
        Severities = severities;
    }

    public static Yardstick None { get; } = new(ImmutableArray<DiagnosticAnalyzer>.Empty, ImmutableDictionary<string, ReportDiagnostic>.Empty);

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    /// <summary>The Recommended mode's severity of each CA rule, for the compilation's options.</summary>
    public ImmutableDictionary<string, ReportDiagnostic> Severities { get; }

    public static Yardstick Load(string analyzersFolder)
    {
        var context = new AssemblyLoadContext("yardstick");
        var analyzers = new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" }
            .Select(name => context.LoadFromAssemblyPath(Path.Combine(Path.GetFullPath(analyzersFolder), name)))
            .SelectMany(LoadableTypes)
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) &&
                        t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is { } attribute && attribute.Languages.Contains(LanguageNames.CSharp))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        // The level of the runtime the generated project targets (net10.0 builds with AnalysisLevel 10).
        var config = Path.Combine(analyzersFolder, "build", "config", $"analysislevel_{Environment.Version.Major}_recommended.globalconfig");
        var severities = ImmutableDictionary.CreateBuilder<string, ReportDiagnostic>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(config))
        {
            // dotnet_diagnostic.CA1000.severity = warning
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].StartsWith("dotnet_diagnostic.", StringComparison.Ordinal) && parts[0].EndsWith(".severity", StringComparison.Ordinal))
            {
                var id = parts[0]["dotnet_diagnostic.".Length..^".severity".Length];
                severities[id] = parts[1] switch
                {
                    "error" => ReportDiagnostic.Error,
                    "warning" => ReportDiagnostic.Warn,
                    "suggestion" => ReportDiagnostic.Info,
                    "silent" => ReportDiagnostic.Hidden,
                    _ => ReportDiagnostic.Suppress,
                };
            }
        }

        Console.Error.WriteLine($"yardstick: {analyzers.Length} NetAnalyzers analyzers, severities from {Path.GetFileName(config)}");
        return new Yardstick(analyzers, severities.ToImmutable());
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            return partial.Types.Where(t => t is not null)!;
        }
    }
}
