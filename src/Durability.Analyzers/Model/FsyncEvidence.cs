using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Whether code shows, by what it does rather than by its names, that it means to make data durable: it
/// fsyncs something (Flush(true), RandomAccess.FlushToDisk, native fsync, Durability.Runtime's Fsync), opens
/// files with FileOptions.WriteThrough, or declares a native fsync. Judged per type (with its containing
/// types) and per compilation, from one syntax scan per file confirmed by the semantic model.
/// </summary>
internal sealed class FsyncEvidence
{
    // Searched for ignoring case, so that "fsync" also finds Fsync.File and a NativeFsync import.
    private static readonly string[] MarkerTexts =
    {
        "FlushToDisk", "fsync", "fdatasync", "FlushFileBuffers", "WriteThrough",
    };

    private readonly Compilation _compilation;
    private readonly FileApiModel _files;
    private readonly ConcurrentDictionary<SyntaxTree, TreeEvidence> _byTree = new();
    private readonly Lazy<bool> _inCompilation;

    public FsyncEvidence(Compilation compilation, FileApiModel files)
    {
        _compilation = compilation;
        _files = files;
        _inCompilation = new Lazy<bool>(ScanCompilation, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>True when <paramref name="type"/> or a type containing it fsyncs, writes through, or imports fsync.</summary>
    public bool InType(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        // Evidence anywhere in the outermost type's declarations marks every type nested in it.
        var outermost = type;
        while (outermost.ContainingType is { } container)
        {
            outermost = container;
        }

        foreach (var reference in outermost.DeclaringSyntaxReferences)
        {
            if (Of(reference.SyntaxTree, cancellationToken).Types.Contains(outermost))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when any source in the compilation does.</summary>
    public bool InCompilation => _inCompilation.Value;

    private bool ScanCompilation()
    {
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (Of(tree, CancellationToken.None).Any)
            {
                return true;
            }
        }

        return false;
    }

    // Each file is read once per compilation, whichever rule asks first. Only the code around the places where
    // its text names an fsync API is looked at: most files never do, and in those that do, few lines are candidates.
    private TreeEvidence Of(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (_byTree.TryGetValue(tree, out var known))
        {
            return known;
        }

        var candidates = CandidatesIn(tree, cancellationToken);
        return _byTree.GetOrAdd(tree, candidates.Count == 0 ? TreeEvidence.None : Confirm(tree, candidates, cancellationToken));
    }

    private static List<SyntaxNode> CandidatesIn(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var text = tree.GetText(cancellationToken).ToString();
        var candidates = new List<SyntaxNode>();
        SyntaxNode? root = null;
        void AddAt(int position)
        {
            root ??= tree.GetRoot(cancellationToken);
            if (CandidateAt(root, position) is { } candidate && !candidates.Contains(candidate))
            {
                candidates.Add(candidate);
            }
        }

        // Flush with an argument (Flush(true), Flush(flushToDisk: durable)); Flush() alone is no evidence.
        for (var at = text.IndexOf("Flush(", StringComparison.Ordinal); at >= 0; at = text.IndexOf("Flush(", at + 6, StringComparison.Ordinal))
        {
            if (at + 6 < text.Length && text[at + 6] != ')')
            {
                AddAt(at);
            }
        }

        foreach (var marker in MarkerTexts)
        {
            for (var at = text.IndexOf(marker, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(marker, at + marker.Length, StringComparison.OrdinalIgnoreCase))
            {
                AddAt(at);
            }
        }

        return candidates;
    }

    // The call, WriteThrough name or method declaration that the text at position belongs to; comments have none.
    private static SyntaxNode? CandidateAt(SyntaxNode root, int position)
    {
        var token = root.FindToken(position);
        if (!token.Span.Contains(position))
        {
            return null;
        }

        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case IdentifierNameSyntax { Identifier.ValueText: "WriteThrough" }:
                case InvocationExpressionSyntax:
                case MethodDeclarationSyntax:
                    return node;
                case StatementSyntax or MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    private TreeEvidence Confirm(SyntaxTree tree, List<SyntaxNode> candidates, CancellationToken cancellationToken)
    {
        var model = ModelOf(tree);
        TreeEvidence? found = null;
        foreach (var node in candidates)
        {
            var shows = node switch
            {
                InvocationExpressionSyntax invocation =>
                    invocation.ArgumentList.Arguments.Count > 0 && MayFsync(invocation) &&
                    model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation &&
                    (_files.GetFsyncTarget(operation) is not null || _files.IsRuntimeFsync(operation.TargetMethod)),
                IdentifierNameSyntax identifier =>
                    model.GetSymbolInfo(identifier, cancellationToken).Symbol is IFieldSymbol field && _files.IsFileOptions(field.ContainingType),
                MethodDeclarationSyntax method =>
                    (method.Modifiers.Any(SyntaxKind.ExternKeyword) || method.Modifiers.Any(SyntaxKind.PartialKeyword)) &&
                    model.GetDeclaredSymbol(method, cancellationToken) is { } symbol && FileApiModel.IsNativeFsync(symbol),
                _ => false,
            };

            if (shows)
            {
                found ??= new TreeEvidence();
                if (OutermostTypeOf(node) is { } declaration && model.GetDeclaredSymbol(declaration, cancellationToken) is { } type)
                {
                    found.Types.Add(type);
                }
            }
        }

        return found ?? TreeEvidence.None;
    }

    private static BaseTypeDeclarationSyntax? OutermostTypeOf(SyntaxNode node)
    {
        BaseTypeDeclarationSyntax? outermost = null;
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            if (current is BaseTypeDeclarationSyntax declaration)
            {
                outermost = declaration;
            }
        }

        return outermost;
    }

#pragma warning disable RS1030 // Evidence is read from bodies outside the analyzed symbol; each file is read once and cached.
    private SemanticModel ModelOf(SyntaxTree tree) => _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030

    private static bool MayFsync(InvocationExpressionSyntax invocation)
    {
        var name = InvokedNames.Of(invocation);
        // Exact API names, and native imports named like fsync; "...Async" must not match.
        return name is "Flush" or "FlushToDisk" or "File" or "FileAsync" or "FileData" or "Directory" or "ParentDirectory" or "fcntl" or "FlushFileBuffers" ||
               name.EndsWith("fsync", StringComparison.OrdinalIgnoreCase) || name.EndsWith("fdatasync", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What one file shows: whether anything in it fsyncs, and the outermost types whose code does.</summary>
    private sealed class TreeEvidence
    {
        public static readonly TreeEvidence None = new();

        public bool Any => !ReferenceEquals(this, None);

        public HashSet<INamedTypeSymbol> Types { get; } = new(SymbolEqualityComparer.Default);
    }
}
