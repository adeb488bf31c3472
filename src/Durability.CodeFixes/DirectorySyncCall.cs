using System;
using System.Collections.Generic;
using System.Threading;
using Durability.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Durability.CodeFixes;

/// <summary>
/// One directory sync that a DUR002 fix inserts: the kind of call, read from the diagnostic's properties, and the
/// expression it names, read from the syntax at the diagnostic's matching additional location. No code travels as text.
/// </summary>
internal sealed class DirectorySyncCall : IEquatable<DirectorySyncCall>
{
    private DirectorySyncCall(string kind, ExpressionSyntax target)
    {
        Kind = kind;
        Target = target;
    }

    /// <summary>One of the analyzer's sync kinds (<see cref="UnsyncedDirectoryEntryAnalyzer.SyncDirectory"/> and the others).</summary>
    public string Kind { get; }

    /// <summary>The expression the call names: the directory, or a path or FileSystemInfo in it.</summary>
    public ExpressionSyntax Target { get; }

    /// <summary>The syncs <paramref name="diagnostic"/> asks for; empty when no fix applies or a target cannot be found.</summary>
    public static IReadOnlyList<DirectorySyncCall> ReadFrom(Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(UnsyncedDirectoryEntryAnalyzer.SyncKindsProperty, out var value) || string.IsNullOrEmpty(value))
        {
            return Array.Empty<DirectorySyncCall>();
        }

        var kinds = value!.Split('|');
        if (kinds.Length != diagnostic.AdditionalLocations.Count)
        {
            return Array.Empty<DirectorySyncCall>();
        }

        var calls = new List<DirectorySyncCall>(kinds.Length);
        for (var i = 0; i < kinds.Length; i++)
        {
            var location = diagnostic.AdditionalLocations[i];
            if (!IsKnownKind(kinds[i]) || location.SourceTree is not { } tree ||
                LocatedExpressions.At(tree.GetRoot(cancellationToken), location.SourceSpan) is not { } target)
            {
                return Array.Empty<DirectorySyncCall>();
            }

            calls.Add(new DirectorySyncCall(kinds[i], target));
        }

        return calls;
    }

    /// <summary>
    /// <c>Fsync.Directory(target);</c>, <c>Fsync.ParentDirectory(target);</c>, <c>Fsync.ParentDirectory(target.FullName);</c> or
    /// <c>Fsync.Directory(target.FullName);</c> or <c>Fsync.ParentDirectoryEntry(target);</c>,
    /// with Fsync fully qualified and marked for the simplifier and the import adder.
    /// </summary>
    public StatementSyntax ToStatement(SyntaxGenerator generator) => Build(generator, RuntimeCalls.RuntimeType("Fsync"));

    /// <summary>True when <paramref name="statement"/> already is this sync, as written code.</summary>
    public bool IsWrittenAs(StatementSyntax statement, SyntaxGenerator generator) =>
        SyntaxFactory.AreEquivalent(statement, Build(generator, SyntaxFactory.IdentifierName("Fsync")), topLevel: false);

    private StatementSyntax Build(SyntaxGenerator generator, ExpressionSyntax fsync)
    {
        var target = Target.WithoutTrivia();
        var argument = Kind is UnsyncedDirectoryEntryAnalyzer.SyncParentDirectoryOfInfo or UnsyncedDirectoryEntryAnalyzer.SyncDirectoryOfInfo
            ? generator.MemberAccessExpression(target, "FullName")
            : target;
        var method = Kind switch
        {
            UnsyncedDirectoryEntryAnalyzer.SyncDirectory or UnsyncedDirectoryEntryAnalyzer.SyncDirectoryOfInfo => "Directory",
            UnsyncedDirectoryEntryAnalyzer.SyncParentDirectoryEntry => "ParentDirectoryEntry",
            _ => "ParentDirectory",
        };
        return (StatementSyntax)generator.ExpressionStatement(generator.InvocationExpression(generator.MemberAccessExpression(fsync, method), argument));
    }

    /// <summary>True when the target names any of <paramref name="identifiers"/> (a loop variable, say).</summary>
    public bool Mentions(ICollection<string> identifiers)
    {
        foreach (var token in Target.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && identifiers.Contains(token.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Two syncs are the same when they call the same method on equivalent code.</summary>
    public bool Equals(DirectorySyncCall? other) =>
        other is not null && Kind == other.Kind && SyntaxFactory.AreEquivalent(Target, other.Target, topLevel: false);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DirectorySyncCall);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Kind);

    private static bool IsKnownKind(string kind) =>
        kind is UnsyncedDirectoryEntryAnalyzer.SyncDirectory or UnsyncedDirectoryEntryAnalyzer.SyncParentDirectory or
            UnsyncedDirectoryEntryAnalyzer.SyncParentDirectoryOfInfo or UnsyncedDirectoryEntryAnalyzer.SyncDirectoryOfInfo or
            UnsyncedDirectoryEntryAnalyzer.SyncParentDirectoryEntry;
}
