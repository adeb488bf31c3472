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
/// files with FileOptions.WriteThrough, or declares a native fsync. Judged per outermost type (evidence in a
/// nested type counts for its containers and the other way round) and per compilation. The places where a file's
/// text names an fsync API are found once per file; a place is confirmed with the semantic model only when a
/// question about the type holding it is asked, so asking about a type that says nothing binds nothing.
/// </summary>
internal sealed class FsyncEvidence
{
    // Searched for ignoring case, so that "fsync" also finds Fsync.File, F_FULLFSYNC and a NativeFsync import.
    private static readonly string[] MarkerTexts =
    {
        FsyncApiNames.FlushToDisk, "fsync", "fdatasync", "FlushFileBuffers", "WriteThrough",
    };

    private const int Unknown = 0, Shown = 1, NotShown = 2;

    // The places are the file's syntax alone: kept with the tree, so the IDE's next compilation reads only the edited file.
    private static readonly SyntaxTreeCache<SyntaxNode[]> PlacesByTree = new(tree => PlacesIn(tree, CancellationToken.None));

    private static readonly List<Candidate> NoCandidates = new();

    private readonly Compilation _compilation;
    private readonly FileApiModel _files;

    /// <summary>The compilation's file API, which the evidence is read by.</summary>
    public FileApiModel Files => _files;
    private readonly ConcurrentDictionary<SyntaxTree, List<Candidate>> _candidatesByTree = new();
    private int _inCompilation;

    public FsyncEvidence(Compilation compilation, FileApiModel files)
    {
        _compilation = compilation;
        _files = files;
    }

    /// <summary>True when <paramref name="type"/> or a type containing it fsyncs, writes through, or imports fsync.</summary>
    public bool InType(INamedTypeSymbol type, CancellationToken cancellationToken) => InDeclarationsOf(type, onlyIn: null, cancellationToken);

    /// <summary>True when the part of <paramref name="type"/> (or of a type containing it) declared in <paramref name="tree"/> does.</summary>
    public bool InTypeDeclaredIn(INamedTypeSymbol type, SyntaxTree tree, CancellationToken cancellationToken) =>
        InDeclarationsOf(type, onlyIn: tree, cancellationToken);

    // The declarations of the outermost type holding type, all of them or those in one file.
    private bool InDeclarationsOf(INamedTypeSymbol type, SyntaxTree? onlyIn, CancellationToken cancellationToken)
    {
        var outermost = type;
        while (outermost.ContainingType is { } container)
        {
            outermost = container;
        }

        foreach (var reference in outermost.DeclaringSyntaxReferences)
        {
            // A type of a referenced project (its source in the IDE) is not this compilation's to bind.
            if ((onlyIn is null || reference.SyntaxTree == onlyIn) && _compilation.ContainsSyntaxTree(reference.SyntaxTree) &&
                InDeclaration(reference.SyntaxTree, reference.Span, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when any source in the compilation does.</summary>
    public bool InCompilation
    {
        get
        {
            // Not a blocking lazy: every thread that asks may look, and what one finds the others reuse.
            var known = Volatile.Read(ref _inCompilation);
            if (known != Unknown)
            {
                return known == Shown;
            }

            foreach (var tree in _compilation.SyntaxTrees)
            {
                foreach (var candidate in CandidatesOf(tree, CancellationToken.None))
                {
                    if (Confirms(candidate, CancellationToken.None))
                    {
                        Volatile.Write(ref _inCompilation, Shown);
                        return true;
                    }
                }
            }

            Volatile.Write(ref _inCompilation, NotShown);
            return false;
        }
    }

    private bool InDeclaration(SyntaxTree tree, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
    {
        // Each place remembers what it showed; a file holds few of them, so they are simply asked again.
        foreach (var candidate in CandidatesOf(tree, cancellationToken))
        {
            if (span.Contains(candidate.Node.Span) && Confirms(candidate, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    // The places in a file's text that name an fsync API, found once per file; most files have none.
    private List<Candidate> CandidatesOf(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (_candidatesByTree.TryGetValue(tree, out var known))
        {
            return known;
        }

        // Whether a place shows an fsync is this compilation's to confirm; the places themselves are the tree's.
        var places = PlacesByTree.Of(tree);
        var candidates = NoCandidates;
        if (places.Length > 0)
        {
            candidates = new List<Candidate>(places.Length);
            foreach (var place in places)
            {
                candidates.Add(new Candidate(place));
            }
        }

        return _candidatesByTree.GetOrAdd(tree, candidates);
    }

    private static SyntaxNode[] PlacesIn(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var text = SourceTextSearch.TextOf(tree, cancellationToken);
        var whole = new Microsoft.CodeAnalysis.Text.TextSpan(0, text.Length);
        var positions = new List<int>();
        var places = new List<SyntaxNode>();
        SyntaxNode? root = null;
        void AddAll()
        {
            foreach (var position in positions)
            {
                root ??= tree.GetRoot(cancellationToken);
                if (CandidateAt(root, position) is { } node && !places.Contains(node))
                {
                    places.Add(node);
                }
            }

            positions.Clear();
        }

        // Flush with an argument (Flush(true), Flush(flushToDisk: durable)); Flush() alone is no evidence.
        SourceTextSearch.FindAll(tree, whole, "Flush(", positions, cancellationToken);
        positions.RemoveAll(at => ArgumentsEmpty(text, at + "Flush".Length));
        AddAll();
        foreach (var marker in MarkerTexts)
        {
            SourceTextSearch.FindAll(tree, whole, marker, positions, cancellationToken, StringComparison.OrdinalIgnoreCase);
            AddAll();
        }

        return places.Count == 0 ? System.Array.Empty<SyntaxNode>() : places.ToArray();
    }

    // Flush() or Flush ( ): past the name, the parenthesis and white space, the call closes at once (or the text ends).
    private static bool ArgumentsEmpty(string text, int afterName)
    {
        var open = SourceTextSearch.SkipWhiteSpace(text.AsSpan(), afterName);
        var first = SourceTextSearch.SkipWhiteSpace(text.AsSpan(), open + 1);
        return first >= text.Length || text[first] == ')';
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

    // Whether the code at a candidate place really fsyncs (or writes through, or imports fsync); asked once per place.
    private bool Confirms(Candidate candidate, CancellationToken cancellationToken)
    {
        var known = Volatile.Read(ref candidate.State);
        if (known != Unknown)
        {
            return known == Shown;
        }

        var model = ModelOf(candidate.Node.SyntaxTree);
        var shows = candidate.Node switch
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

        Volatile.Write(ref candidate.State, shows ? Shown : NotShown);
        return shows;
    }

#pragma warning disable RS1030 // Evidence is read from bodies outside the analyzed symbol; each file is read once and cached.
    private SemanticModel ModelOf(SyntaxTree tree) => _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030

    private static bool MayFsync(InvocationExpressionSyntax invocation)
    {
        return FsyncApiNames.MayNameFsync(InvokedNames.Of(invocation));
    }

    /// <summary>A place in a file that may show an fsync, and whether it was found to.</summary>
    private sealed class Candidate
    {
        public int State;

        public Candidate(SyntaxNode node) => Node = node;

        public SyntaxNode Node { get; }
    }
}
