using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Analyzers.Model;

/// <summary>
/// Whether a whole compilation runs on Windows only (<see cref="WindowsOnlyCode"/> for single members and branches): its
/// assembly is marked <c>[SupportedOSPlatform("windows")]</c> (the SDK writes that for a <c>net8.0-windows</c> target), its
/// target framework is a Windows one, it references WPF or WinUI, or its code imports WPF's controls or media (a WPF app
/// built without its references, as a lone analysis of its sources sees it). WinForms is not enough: Mono runs it elsewhere.
/// </summary>
internal sealed class WindowsApps
{
    private const int Unknown = 0, Windows = 1, Anywhere = 2;

    // Namespaces only WPF declares: a file importing them is part of a WPF app.
    private static readonly string[] WpfNamespaces = { "System.Windows.Controls", "System.Windows.Media" };

    private static readonly string[] WindowsOnlyAssemblies = { "PresentationFramework", "PresentationCore", "Microsoft.WinUI", "Microsoft.Windows.SDK.NET" };

    private static readonly SyntaxTreeCache<object> ImportsWpf = new(tree => ImportsWpfIn(tree) ? (object)true : false);

    private readonly Compilation _compilation;
    private int _state;

    public WindowsApps(Compilation compilation) => _compilation = compilation;

    /// <summary>True when the compilation can run on Windows only.</summary>
    public bool IsWindowsOnly(AnalyzerOptions options)
    {
        var known = Volatile.Read(ref _state);
        if (known == Unknown)
        {
            known = Decide(options) ? Windows : Anywhere;
            Volatile.Write(ref _state, known);
        }

        return known == Windows;
    }

    private bool Decide(AnalyzerOptions options)
    {
        if (WindowsOnlyCode.IsMarkedItself(_compilation.Assembly))
        {
            return true;
        }

        if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.TargetFramework", out var framework) &&
            framework.IndexOf("-windows", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return true;
        }

        foreach (var assembly in _compilation.ReferencedAssemblyNames)
        {
            if (Array.IndexOf(WindowsOnlyAssemblies, assembly.Name) >= 0)
            {
                return true;
            }
        }

        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (ImportsWpf.Of(tree) is true)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ImportsWpfIn(SyntaxTree tree)
    {
        if (!SourceTextSearch.ContainsAny(tree, new Microsoft.CodeAnalysis.Text.TextSpan(0, tree.Length), WpfNamespaces, default))
        {
            return false;
        }

        foreach (var node in tree.GetRoot().DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax))
        {
            if (node is UsingDirectiveSyntax { Alias: null, StaticKeyword.RawKind: 0, Name: { } name })
            {
                var imported = name.ToString();
                foreach (var wpf in WpfNamespaces)
                {
                    if (imported == wpf || imported.StartsWith(wpf + ".", StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
