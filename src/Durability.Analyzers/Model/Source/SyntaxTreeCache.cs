using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// What a pass over every file of a compilation finds in one file's syntax alone, kept for as long as that file's tree
/// lives. The IDE makes a new compilation at every keystroke but keeps the trees of the files that were not edited, so a
/// compilation-wide pass then reads only the edited file again, and its cost no longer grows with the project.
/// Only what the tree alone decides may be kept here: nothing bound, nothing that depends on the options or on other files.
/// </summary>
internal sealed class SyntaxTreeCache<T>
    where T : class
{
    private readonly ConditionalWeakTable<SyntaxTree, T> _byTree = new();
    private readonly ConditionalWeakTable<SyntaxTree, T>.CreateValueCallback _compute;

    public SyntaxTreeCache(Func<SyntaxTree, T> compute) => _compute = tree => compute(tree);

    /// <summary>The result for <paramref name="tree"/>, computed on first use; two threads may both compute it, and one result is kept.</summary>
    public T Of(SyntaxTree tree) => _byTree.GetValue(tree, _compute);
}
