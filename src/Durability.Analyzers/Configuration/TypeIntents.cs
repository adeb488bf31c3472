using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Durability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Analyzers.Configuration;

/// <summary>
/// The intent service every rule asks, one per compilation: whether a type intends durability, admits the temp-file
/// idiom, or is silenced, under the options of the files it is declared in and the rule asking. The facts from a
/// type's name and its own fsyncs are found once per type and shared by all rules; only the options differ per rule.
/// </summary>
internal sealed class TypeIntents
{
    private readonly FsyncEvidence _evidence;
    private readonly ConcurrentDictionary<INamedTypeSymbol, TypeFacts> _facts;

    public TypeIntents(Compilation compilation, FsyncEvidence evidence)
    {
        _evidence = evidence;

        // Sized for the types the compilation's files declare (a few each), so that the table rarely grows while rules
        // add to it from several threads (a resize takes every lock at once). The assembly's set of type names would be
        // exact, but is built anew for each compilation.
        var capacity = System.Math.Max(256, System.Linq.Enumerable.Count(compilation.SyntaxTrees) * 16);
        _facts = new ConcurrentDictionary<INamedTypeSymbol, TypeFacts>(concurrencyLevel: 16, capacity, SymbolEqualityComparer.Default);
    }

    /// <summary>
    /// True when <paramref name="type"/> intends durability under the options of any file it is declared in (a partial
    /// type may span folders with different settings).
    /// </summary>
    public bool IsDurable(INamedTypeSymbol type, AnalyzerOptions options, string ruleId, bool compilationEvidenceCounts, CancellationToken cancellationToken)
    {
        var facts = FactsOf(type);
        foreach (var location in type.Locations)
        {
            if (location.SourceTree is { } tree &&
                DurabilityIntent.For(RuleOptionReader.For(options, tree), ruleId).IsDurable(type, facts, _evidence, compilationEvidenceCounts, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The files <paramref name="type"/> writes and reads back, when it keeps state in files without intending durability
    /// as a whole (<see cref="DurabilityIntent.StateFilesOf"/>); null otherwise. Ask only for a type that does not intend durability.
    /// </summary>
    public HashSet<string>? StateFilesOf(INamedTypeSymbol type, AnalyzerOptions options, string ruleId, CancellationToken cancellationToken) =>
        FirstTree(type) is { } tree ? DurabilityIntent.For(RuleOptionReader.For(options, tree), ruleId).StateFilesOf(type, FactsOf(type), cancellationToken) : null;

    /// <summary>
    /// For a partial type declared in several files and storage code only by what its code does (it fsyncs or writes
    /// through), the files whose part of it does: a class split by concern (a command host whose export file opens a
    /// write-through stream) shows intent for that part, not for its wallet or listing commands in other files. Null when
    /// the type is one declaration, or its name or the options make all of it storage code.
    /// </summary>
    public HashSet<SyntaxTree>? PartsShowingIntent(INamedTypeSymbol type, AnalyzerOptions options, string ruleId, CancellationToken cancellationToken)
    {
        var trees = new HashSet<SyntaxTree>();
        foreach (var location in type.Locations)
        {
            if (location.SourceTree is { } tree)
            {
                trees.Add(tree);
            }
        }

        if (trees.Count < 2)
        {
            return null;
        }

        var facts = FactsOf(type);
        var parts = new HashSet<SyntaxTree>();
        foreach (var tree in trees)
        {
            if (DurabilityIntent.For(RuleOptionReader.For(options, tree), ruleId).IsDurableByName(type, facts))
            {
                return null;
            }

            if (_evidence.InTypeDeclaredIn(type, tree, cancellationToken))
            {
                parts.Add(tree);
            }
        }

        return parts;
    }

    /// <summary>
    /// True when <paramref name="type"/> is storage code by the default words in its names or by its own fsyncs, whatever
    /// rule asks and whatever the options say: what the model itself needs to know (a wrapper in such a type is checked in
    /// its own body). Answered from the same per-type facts as <see cref="IsDurable"/>.
    /// </summary>
    public bool IsStorageByDefault(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var facts = FactsOf(type);
        return facts.DefaultDurableName || facts.FsyncsItself(type, _evidence, cancellationToken);
    }

    /// <summary>
    /// True when <paramref name="type"/> is storage code only because its namespace names storage (Jarvis.DocumentStore's
    /// <c>Shared.Helpers.DsFile</c>): its own name says nothing of storage, and it does not fsync.
    /// </summary>
    public bool IsStorageByNamespaceOnly(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var facts = FactsOf(type);
        return facts.DefaultDurableName && !DurabilityIntent.NamesStorageItself(type) && !facts.FsyncsItself(type, _evidence, cancellationToken);
    }

    /// <summary>True when <paramref name="type"/> is excluded by the options or is test code: no rule checks it, whatever its methods promise.</summary>
    public bool IsSilenced(INamedTypeSymbol type, AnalyzerOptions options, string ruleId) =>
        FirstTree(type) is { } tree && DurabilityIntent.For(RuleOptionReader.For(options, tree), ruleId).Silences(type, FactsOf(type));

    /// <summary>
    /// True when code in <paramref name="type"/> may show its own intent through an idiom (write a temp file, then
    /// rename it over the live one): the type is neither excluded, test code, diagnostics output, nor a cache.
    /// </summary>
    public bool AdmitsIdiom(INamedTypeSymbol type, AnalyzerOptions options, string ruleId) =>
        FirstTree(type) is { } tree && DurabilityIntent.For(RuleOptionReader.For(options, tree), ruleId).AdmitsIdiom(type, FactsOf(type));

    /// <summary>
    /// True when <paramref name="member"/> says it writes files for people (<c>ExportJson</c>, <c>WriteReport</c>,
    /// <c>CreateTemplateConfigFiles</c>), which no rule holds to durability unless every type is checked.
    /// </summary>
    public bool WritesForPeople(ISymbol member, AnalyzerOptions options, string ruleId) =>
        // The name first: asked for every body, and most names say nothing of the kind.
        PathNames.WritesAuxiliaryFiles(member) && !ChecksAllCode(member, options, ruleId);

    /// <summary>
    /// True when <paramref name="member"/> writes files that no rule holds to durability unless every type is checked:
    /// files for people (<see cref="WritesForPeople"/>), or the file of a lock it hands back (<c>ILockFile CreateLock(path)</c>).
    /// </summary>
    public bool KeepsNoData(ISymbol member, AnalyzerOptions options, string ruleId) =>
        (PathNames.WritesAuxiliaryFiles(member) || DurabilityIntent.ReturnsALock(member)) && !ChecksAllCode(member, options, ruleId);

    // durability_scope = all: every type is checked, whatever its members say they write.
    private static bool ChecksAllCode(ISymbol member, AnalyzerOptions options, string ruleId) =>
        FirstTree(member.ContainingType) is not { } tree || DurabilityIntent.For(RuleOptionReader.For(options, tree), ruleId).ChecksAllCode;

    private TypeFacts FactsOf(INamedTypeSymbol type) =>
        _facts.TryGetValue(type, out var known) ? known : _facts.GetOrAdd(type, DurabilityIntent.FactsOf(type));

    private static SyntaxTree? FirstTree(INamedTypeSymbol type)
    {
        foreach (var location in type.Locations)
        {
            if (location.SourceTree is { } tree)
            {
                return tree;
            }
        }

        return null;
    }
}
