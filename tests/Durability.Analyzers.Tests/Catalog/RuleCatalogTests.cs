using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Analyzers.Tests.Catalog;

/// <summary>Every rule is catalogued once, documented, tracked for release and listed in the README.</summary>
public sealed class RuleCatalogTests
{
    private static readonly string RepositoryRoot = RepositoryPaths.Root;

    public static IEnumerable<object[]> Descriptors() =>
        AllDescriptors().Select(d => new object[] { d.Id, d.MessageFormat.ToString() });

    private static IReadOnlyList<DiagnosticDescriptor> AllDescriptors() =>
        typeof(RuleCatalog).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Descriptor_follows_the_catalogue_conventions(string id, string messageFormat)
    {
        var descriptor = AllDescriptors().First(d => d.Id == id && d.MessageFormat.ToString() == messageFormat);
        Assert.Matches("^DUR[0-9]{3}$", descriptor.Id);
        Assert.Equal("Durability", descriptor.Category);
        Assert.Equal(DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.Equal($"{RuleCatalog.RepositoryUrl}/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot, "docs", "rules", id + ".md")), $"docs/rules/{id}.md is missing");
    }

    [Fact]
    public void Help_links_use_the_repository_url_of_the_build()
    {
        var props = XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Build.props"));
        var url = props.Descendants("RepositoryUrl").Single().Value;
        Assert.Equal(RuleCatalog.RepositoryUrl, url);
    }

    [Fact]
    public void Every_rule_is_tracked_documented_and_in_the_readme_table()
    {
        var unshipped = File.ReadAllText(Path.Combine(RepositoryRoot, "src", "Durability.Analyzers", "AnalyzerReleases.Unshipped.md"));
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot, "README.md"));
        foreach (var id in AllDescriptors().Select(d => d.Id).Distinct())
        {
            Assert.Contains(id + " | Durability | Warning |", unshipped);
            Assert.Contains($"| [{id}](docs/rules/{id}.md) |", readme);
            var page = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "rules", id + ".md"));
            foreach (var section in new[] { "## What it finds", "## The crash that loses data", "## Bad", "## Good", "## Suppress" })
            {
                Assert.Contains(section, page);
            }
        }
    }

    [Fact]
    public void Every_analyzer_reports_only_catalogued_descriptors()
    {
        var catalogued = AllDescriptors();
        var analyzers = typeof(RuleCatalog).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToList();
        Assert.NotEmpty(analyzers);
        foreach (var descriptor in analyzers.SelectMany(a => a.SupportedDiagnostics))
        {
            Assert.Contains(descriptor, catalogued);
        }
    }

}
