using System;
using System.Collections.Concurrent;
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
/// types) and per compilation, once each, from a syntax scan confirmed by the semantic model.
/// </summary>
internal sealed class FsyncEvidence
{
    private static readonly string[] MarkerTexts =
    {
        "FlushToDisk", "fsync", "fdatasync", "FlushFileBuffers", "F_FULLFSYNC", "WriteThrough", "Fsync.",
    };

    private readonly Compilation _compilation;
    private readonly FileApiModel _files;
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _byType = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, bool> _treeMentionsFsync = new();
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
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (_byType.GetOrAdd(current, t => ScanType(t, cancellationToken)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when any source in the compilation does.</summary>
    public bool InCompilation => _inCompilation.Value;

    private bool ScanType(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            // Most files never mention an fsync API: one text search per file spares walking their types.
            if (_treeMentionsFsync.GetOrAdd(reference.SyntaxTree, tree => ContainsMarker(tree.GetText(cancellationToken).ToString())) &&
                Scan(reference.GetSyntax(cancellationToken), cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private bool ScanCompilation()
    {
        foreach (var tree in _compilation.SyntaxTrees)
        {
            if (_treeMentionsFsync.GetOrAdd(tree, t => ContainsMarker(t.GetText().ToString())) && Scan(tree.GetRoot(), CancellationToken.None))
            {
                return true;
            }
        }

        return false;
    }

    // A cheap text filter before a compilation-wide walk: most files never mention an fsync API.
    private static bool ContainsMarker(string text)
    {
        // Flush with an argument (Flush(true), Flush(flushToDisk: durable)); Flush() alone is no evidence.
        for (var at = text.IndexOf("Flush(", StringComparison.Ordinal); at >= 0; at = text.IndexOf("Flush(", at + 6, StringComparison.Ordinal))
        {
            if (at + 6 < text.Length && text[at + 6] != ')')
            {
                return true;
            }
        }

        foreach (var marker in MarkerTexts)
        {
            if (text.IndexOf(marker, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private bool Scan(SyntaxNode root, CancellationToken cancellationToken)
    {
        SemanticModel? model = null;
        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation when invocation.ArgumentList.Arguments.Count > 0 && MayFsync(invocation):
                    model ??= ModelOf(root.SyntaxTree);
                    if (model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation &&
                        (_files.GetFsyncTarget(operation) is not null || _files.IsRuntimeFsync(operation.TargetMethod)))
                    {
                        return true;
                    }

                    break;
                case IdentifierNameSyntax { Identifier.ValueText: "WriteThrough" } identifier:
                    model ??= ModelOf(root.SyntaxTree);
                    if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is IFieldSymbol field && _files.IsFileOptions(field.ContainingType))
                    {
                        return true;
                    }

                    break;
                case MethodDeclarationSyntax method when method.Modifiers.Any(SyntaxKind.ExternKeyword) || method.Modifiers.Any(SyntaxKind.PartialKeyword):
                    model ??= ModelOf(root.SyntaxTree);
                    if (model.GetDeclaredSymbol(method, cancellationToken) is { } symbol && FileApiModel.IsNativeFsync(symbol))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

#pragma warning disable RS1030 // Evidence is read from bodies outside the analyzed symbol; each type is judged once and cached.
    private SemanticModel ModelOf(SyntaxTree tree) => _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030

    private static bool MayFsync(InvocationExpressionSyntax invocation)
    {
        var name = InvokedNames.Of(invocation);
        // Exact API names, and native imports named like fsync; "...Async" must not match.
        return name is "Flush" or "FlushToDisk" or "File" or "FileAsync" or "FileData" or "Directory" or "ParentDirectory" or "fcntl" or "FlushFileBuffers" ||
               name.EndsWith("fsync", StringComparison.OrdinalIgnoreCase) || name.EndsWith("fdatasync", StringComparison.OrdinalIgnoreCase);
    }
}
