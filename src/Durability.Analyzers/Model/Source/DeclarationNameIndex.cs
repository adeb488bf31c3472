using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Durability.Analyzers.Model;

/// <summary>
/// The compilation's methods by name and its classes' base-list names by class name, read from syntax alone. Each file's
/// part is kept with its tree, so a new compilation of the IDE reads only the edited file again and merges the rest.
/// Roslyn's own lookup by member name walks every type declaration per name; this answers a name in one probe.
/// </summary>
internal sealed class DeclarationNameIndex
{
    private static readonly SyntaxTreeCache<FileDeclarations> ByTree = new(Read);

    private DeclarationNameIndex(Dictionary<string, List<MethodDeclarationSyntax>> methodsByName, Dictionary<string, List<string>> basesByClass)
    {
        MethodsByName = methodsByName;
        BasesByClass = basesByClass;
    }

    /// <summary>The methods declared in the compilation's types, by name (overloads and partial parts together); no local functions.</summary>
    public Dictionary<string, List<MethodDeclarationSyntax>> MethodsByName { get; }

    /// <summary>The rightmost names in each class's base lists, by class name (every declaration of that name).</summary>
    public Dictionary<string, List<string>> BasesByClass { get; }

    public static DeclarationNameIndex Of(Compilation compilation)
    {
        var methodsByName = new Dictionary<string, List<MethodDeclarationSyntax>>(StringComparer.Ordinal);
        var basesByClass = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var declared = ByTree.Of(tree);
            foreach (var method in declared.Methods)
            {
                var name = method.Identifier.ValueText;
                if (!methodsByName.TryGetValue(name, out var named))
                {
                    methodsByName[name] = named = new List<MethodDeclarationSyntax>(1);
                }

                named.Add(method);
            }

            foreach (var (name, bases) in declared.ClassBases)
            {
                if (!basesByClass.TryGetValue(name, out var known))
                {
                    basesByClass[name] = known = new List<string>(bases.Length);
                }

                known.AddRange(bases);
            }
        }

        return new DeclarationNameIndex(methodsByName, basesByClass);
    }

    // The methods of a file's types (at any nesting) and its classes' base lists.
    private static FileDeclarations Read(SyntaxTree tree)
    {
        var methods = new List<MethodDeclarationSyntax>();
        var classBases = new List<(string, string[])>();
        foreach (var node in tree.GetRoot().DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            switch (node)
            {
                case MethodDeclarationSyntax method:
                    methods.Add(method);
                    break;
                case ClassDeclarationSyntax { BaseList: { } baseList } declaration:
                    var bases = new List<string>(baseList.Types.Count);
                    foreach (var baseType in baseList.Types)
                    {
                        if (TypeSyntaxNames.Rightmost(baseType.Type) is { } baseName)
                        {
                            bases.Add(baseName.Identifier.ValueText);
                        }
                    }

                    classBases.Add((declaration.Identifier.ValueText, bases.ToArray()));
                    break;
            }
        }

        return new FileDeclarations(methods.ToArray(), classBases.ToArray());
    }

    private sealed class FileDeclarations
    {
        public FileDeclarations(MethodDeclarationSyntax[] methods, (string Name, string[] Bases)[] classBases)
        {
            Methods = methods;
            ClassBases = classBases;
        }

        public MethodDeclarationSyntax[] Methods { get; }

        public (string Name, string[] Bases)[] ClassBases { get; }
    }
}
