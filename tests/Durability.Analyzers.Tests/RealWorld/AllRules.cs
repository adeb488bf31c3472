using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Durability.Analyzers.Rules;
using Durability.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Analyzers.Tests.RealWorld;

/// <summary>Every analyzer and code fix the package ships, found by reflection so that a new rule is covered without edits.</summary>
internal static class AllRules
{
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers() =>
        typeof(FlushWithoutFsyncAnalyzer).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();

    public static ImmutableArray<CodeFixProvider> Fixers() =>
        typeof(DocumentFixProvider).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(type) && type.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
            .ToImmutableArray();
}
