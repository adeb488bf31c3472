using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Durability.Analyzers.Model;

/// <summary>
/// Whether a source method may, by what its syntax calls, reach an API that writes, opens, renames or fsyncs a file: a
/// call named like one (<c>Write...</c>, <c>Save...</c>, <c>Create...</c>, <c>Open...</c>, <c>Move...</c>, <c>Flush...</c>,
/// <c>...Sync</c>), a stream or writer created, a native import, or a source method of a name that may in turn.
/// Binding a callee's body is what a summary costs, and in the IDE every new compilation pays it again; most methods a
/// storage body hands a string to (path builders, log helpers) reach nothing, and this syntax walk tells so without binding.
/// It over-approximates: every name that may bind to such an API counts, and a walk that grows too wide answers yes.
/// </summary>
internal sealed class FileApiReach
{
    // A class's base classes are followed this deep, by name.
    private const int MaxBaseDepth = 8;

    // A method reaching past this many others by name is taken to reach a file API: the answer must stay cheap.
    private const int MaxMethods = 128;

    // A name declared this many times in source (Add, Get, Equals) says too little to follow.
    private const int MaxDeclarationsOfName = 8;

    // File.Create, File.Open*, File.AppendAll*, FileInfo.AppendText, File.Move, a rename, File.Copy, Flush(true), a commit or
    // Java's Force(true). Not StringBuilder.Append, an enumerator's MoveNext or string.Replace (File.Replace takes three paths).
    private static readonly string[] CallPrefixes = { "Create", "Open", "AppendAll", "AppendText", "Move", "Rename", "Copy", "Flush", "Truncate", "Commit", "Force" };

    // Calls no file API answers to, and that every project overrides: following them would read most of the project.
    private static readonly string[] ObjectMemberNames = { "ToString", "Equals", "GetHashCode" };

    private readonly Compilation _compilation;
    private readonly Lazy<DeclarationNameIndex> _index;
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _known = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxNode, bool> _reachNothing = new();

    public FileApiReach(Compilation compilation)
    {
        _compilation = compilation;
        _index = new Lazy<DeclarationNameIndex>(() => DeclarationNameIndex.Of(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// False only when <paramref name="method"/>, an ordinary source method, can reach no file API through the names its
    /// body and the bodies of the source methods so named call. Other kinds of methods (local functions, accessors) are
    /// not looked into and get true.
    /// </summary>
    public bool MayReach(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.IsExtern)
        {
            return true;
        }

        if (_known.TryGetValue(method, out var known))
        {
            return known;
        }

        var visited = new HashSet<SyntaxNode>();
        var pending = new Queue<MethodDeclarationSyntax>();
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (_compilation.ContainsSyntaxTree(reference.SyntaxTree) && reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration &&
                visited.Add(declaration))
            {
                pending.Enqueue(declaration);
            }
        }

        var namesFollowed = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Reaches(pending.Dequeue(), visited, pending, namesFollowed))
            {
                return _known.GetOrAdd(method, true);
            }
        }

        // Every method reachable from here was read and none reaches a file API: none of them does on its own either.
        foreach (var reached in visited)
        {
            _reachNothing.TryAdd(reached, false);
        }

        return _known.GetOrAdd(method, false);
    }

    // True when the method's own syntax may call a file API, or the walk grew too wide; queues the source methods it names.
    private bool Reaches(MethodDeclarationSyntax method, HashSet<SyntaxNode> visited, Queue<MethodDeclarationSyntax> pending, HashSet<string> namesFollowed)
    {
        if (_reachNothing.ContainsKey(method))
        {
            return false;
        }

        if (method.Modifiers.Any(Microsoft.CodeAnalysis.CSharp.SyntaxKind.ExternKeyword))
        {
            return true;
        }

        foreach (var node in method.DescendantNodes())
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation when MayNameFileApi(InvokedNames.Of(invocation), invocation.ArgumentList.Arguments.Count):
                    return true;
                case ObjectCreationExpressionSyntax creation when MayCreateFileObject(creation.Type):
                    return true;
                case ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: > 0 }:
                    return true;
                case SimpleNameSyntax name when namesFollowed.Add(name.Identifier.ValueText) && !Follow(name.Identifier.ValueText, visited, pending):
                    return true;
            }
        }

        return false;
    }

    // Queues the source methods named name; false when there are too many to follow.
    private bool Follow(string name, HashSet<SyntaxNode> visited, Queue<MethodDeclarationSyntax> pending)
    {
        if (Array.IndexOf(ObjectMemberNames, name) >= 0 || !_index.Value.MethodsByName.TryGetValue(name, out var declarations))
        {
            return true;
        }

        if (declarations.Count > MaxDeclarationsOfName)
        {
            return false;
        }

        foreach (var declaration in declarations)
        {
            if (visited.Add(declaration))
            {
                if (visited.Count > MaxMethods)
                {
                    return false;
                }

                pending.Enqueue(declaration);
            }
        }

        return true;
    }

    // new FileStream(...), new StreamWriter(...), new XmlTextWriter(...), or a class of the project's that derives from one,
    // told by the names in its base lists (a class named like a stream or writer, at any depth of source classes).
    private bool MayCreateFileObject(TypeSyntax type)
    {
        var name = TypeSyntaxNames.Rightmost(type)?.Identifier.ValueText ?? string.Empty;

        for (var depth = 0; depth < MaxBaseDepth && name.Length > 0; depth++)
        {
            if (NamesStreamOrWriter(name))
            {
                return true;
            }

            if (!_index.Value.BasesByClass.TryGetValue(name, out var bases))
            {
                return false;
            }

            name = string.Empty;
            foreach (var baseName in bases)
            {
                if (NamesStreamOrWriter(baseName))
                {
                    return true;
                }

                // Follow one source base class; several partial declarations name the same one.
                if (_index.Value.BasesByClass.ContainsKey(baseName))
                {
                    name = baseName;
                }
            }
        }

        return false;
    }

    private static bool NamesStreamOrWriter(string name) =>
        !name.EndsWith("Exception", StringComparison.Ordinal) &&
        (name.IndexOf("Stream", StringComparison.Ordinal) >= 0 || name.IndexOf("Writer", StringComparison.Ordinal) >= 0);

    // A call that may write, open, rename or fsync a file, by its name alone (and, for Replace, its argument count).
    private static bool MayNameFileApi(string name, int arguments)
    {
        if (LibraryWrites.NamedForWriting(name) || FsyncApiNames.MayNameFsync(name) || SpellsSync(name) || name.IndexOf("Disk", StringComparison.Ordinal) >= 0 ||
            (name == "Replace" && arguments >= 3))
        {
            return true;
        }

        foreach (var prefix in CallPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name != "MoveNext")
            {
                return true;
            }
        }

        return false;
    }

    // Sync or sync as a word of the name (FsyncAll, SyncToDisk, fsync), not inside Async.
    private static bool SpellsSync(string name)
    {
        if (name.Length < 4)
        {
            return false;
        }

        for (var at = name.IndexOf("ync", 1, StringComparison.Ordinal); at > 0; at = name.IndexOf("ync", at + 1, StringComparison.Ordinal))
        {
            if ((name[at - 1] == 'S' || name[at - 1] == 's') && (at < 2 || (name[at - 2] != 'A' && name[at - 2] != 'a')))
            {
                return true;
            }
        }

        return false;
    }
}
