using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// For methods declared in source, which parameters they fsync, directly or through the methods they
/// call. Each method is summarised once per compilation and reused by every caller.
/// </summary>
internal sealed class FsyncSummaries
{
    private readonly Compilation _compilation;
    private readonly FileApiModel _model;
    private readonly ConcurrentDictionary<IMethodSymbol, HashSet<int>> _summaries = new(SymbolEqualityComparer.Default);

    public FsyncSummaries(Compilation compilation, FileApiModel model)
    {
        _compilation = compilation;
        _model = model;
    }

    /// <summary>True when <paramref name="method"/> makes the stream passed as parameter <paramref name="ordinal"/> durable.</summary>
    public bool FsyncsParameter(IMethodSymbol method, int ordinal, CancellationToken cancellationToken) =>
        Summarise(method.OriginalDefinition, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), cancellationToken).Contains(ordinal);

    private HashSet<int> Summarise(IMethodSymbol method, HashSet<IMethodSymbol> inProgress, CancellationToken cancellationToken)
    {
        method = method.PartialImplementationPart ?? method;
        if (_summaries.TryGetValue(method, out var known))
        {
            return known;
        }

        if (!inProgress.Add(method))
        {
            // Recursion: the cycle adds nothing the outer summary will not see.
            return new HashSet<int>();
        }

        var facts = new StreamFacts(_model, owner: null);
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
#pragma warning disable RS1030 // The callee's body lies outside the symbol being analyzed; its model is built once per method and cached.
            var semanticModel = _compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
            var body = semanticModel.GetOperation(syntax, cancellationToken);
            if (body is not null)
            {
                facts.AddTree(body);
            }
        }

        var fsynced = facts.ComputeFsynced((callee, index) => Summarise(callee.OriginalDefinition, inProgress, cancellationToken).Contains(index));
        var parameters = new HashSet<int>();
        foreach (var parameter in method.Parameters)
        {
            if (fsynced.Contains(parameter))
            {
                parameters.Add(parameter.Ordinal);
            }
        }

        inProgress.Remove(method);
        return _summaries.GetOrAdd(method, parameters);
    }
}
