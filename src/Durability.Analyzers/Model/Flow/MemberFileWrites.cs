using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A temp file that a type opens in one method and renames in another: a segment or checkpoint writer opens
/// <c>_tempPath</c> when it starts, keeps the stream in a field, and renames the file into place when it completes.
/// Whether the file a path field or property names is written by the type's other bodies, and nothing in the type
/// fsyncs it: not the body that writes it, not through the stream fields it was opened into, not by its path.
/// A member given its path once, by a constructor parameter, names the file its creators pass: a factory that writes
/// <c>tmp</c> and returns <c>new PendingFile(tmp)</c>, renamed later by <c>PendingFile.Complete</c>. Asked only for a rename
/// whose own body writes nothing to the file, so the type's bodies and its creators are read rarely.
/// </summary>
internal sealed class MemberFileWrites
{
    private readonly Compilation _compilation;
    private readonly MemberPaths _members;
    private readonly MethodCalls _calls;

    public MemberFileWrites(Compilation compilation, MemberPaths members, MethodCalls calls)
    {
        _compilation = compilation;
        _members = members;
        _calls = calls;
    }

    /// <summary>The field or property of the body's own type that <paramref name="path"/> reads, or null.</summary>
    public static ISymbol? PathMemberOf(IOperation path)
    {
        var current = FileApiModel.StripConversions(path);
        if (current is IPropertyReferenceOperation { Property.Name: "FullName", Instance: { } info } && SystemIO.Is(info.Type, "FileInfo"))
        {
            current = FileApiModel.StripConversions(info);
        }

        return current switch
        {
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property.IsIndexer: false } property => property.Property,
            _ => null,
        };
    }

    /// <summary>
    /// True when a body of <paramref name="pathMember"/>'s type other than <paramref name="renamingBody"/> writes the file
    /// it names and nothing in the type fsyncs that file, or when every creator of the type writes the file it hands the
    /// member and does not fsync it. Whole-file writes count only when <paramref name="countWholeFileWrites"/> (storage
    /// code reports them on their own).
    /// </summary>
    public bool WrittenUnsyncedElsewhere(ISymbol pathMember, IOperation renamingBody, FileContentsContext context, bool countWholeFileWrites)
    {
        if (pathMember.ContainingType is not { } type || FileIdentity.OfVariable(pathMember) is not { } key)
        {
            return false;
        }

        var written = false;
        var streamMembers = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var walk = FileContentSummaries.NewWalk(context.CancellationToken);
        foreach (var body in SourceBodies.OfMethodsNaming(_compilation, type, new[] { pathMember.Name }, context.CancellationToken))
        {
            if (body.Syntax.SyntaxTree == renamingBody.Syntax.SyntaxTree && body.Syntax.Span.Contains(renamingBody.Syntax.Span))
            {
                continue;
            }

            var scan = new FileContentsScan(body, context, walk);
            var writes = WritesOf(scan, key, countWholeFileWrites);
            if (writes == Writes.Durable || scan.FsyncsFileAnywhere(key))
            {
                return false;
            }

            written |= writes == Writes.Unsynced;

            foreach (var stream in scan.StreamsOn(key))
            {
                if (stream is IFieldSymbol or IPropertySymbol)
                {
                    streamMembers.Add(stream);
                }
            }
        }

        if (written)
        {
            return !FsyncsAny(type, streamMembers, context);
        }

        return WrittenUnsyncedByCreators(pathMember, context, countWholeFileWrites);
    }

    // The member holds the constructor parameter it was given, and every creation of the type passes a file that the
    // creating body writes and fsyncs nowhere.
    private bool WrittenUnsyncedByCreators(ISymbol pathMember, FileContentsContext context, bool countWholeFileWrites)
    {
        var cancellationToken = context.CancellationToken;
        if (_members.ValueOf(pathMember, cancellationToken) is not IParameterReferenceOperation { Parameter: { } parameter } ||
            parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor } constructor ||
            _calls.Of(constructor, cancellationToken) is not { Count: > 0 } creations)
        {
            return false;
        }

        var walk = FileContentSummaries.NewWalk(cancellationToken);
        foreach (var creation in creations)
        {
            if (FileApiModel.ArgumentFor(creation, parameter.Ordinal) is not { } passed)
            {
                return false;
            }

            var key = FileIdentity.Of(passed);
            var scan = new FileContentsScan(SourceBodies.RootOf(creation), context, walk);
            if (WritesOf(scan, key, countWholeFileWrites) != Writes.Unsynced || scan.FsyncsFileAnywhere(key))
            {
                return false;
            }
        }

        return true;
    }

    // Whether any body of the type fsyncs one of the stream fields, itself or through a source method given it.
    private bool FsyncsAny(INamedTypeSymbol type, HashSet<ISymbol> streams, FileContentsContext context)
    {
        if (streams.Count == 0)
        {
            return false;
        }

        var names = new string[streams.Count];
        var index = 0;
        foreach (var stream in streams)
        {
            names[index++] = stream.Name;
        }

        foreach (var body in SourceBodies.OfMethodsNaming(_compilation, type, names, context.CancellationToken))
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation invocation && FileContentsScan.FsyncsAnyOf(invocation, streams, context))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // What a body does to the file: no write counted, a write none of which reaches the disk, or one that does
    // (FileOptions.WriteThrough, a helper that fsyncs). Whole-file writes count only when asked.
    private static Writes WritesOf(FileContentsScan scan, FileIdentity key, bool countWholeFileWrites)
    {
        var found = Writes.None;
        foreach (var write in scan.Writes)
        {
            if (write.File != key || (write.Kind == FileWriteKind.WholeFile && !countWholeFileWrites))
            {
                continue;
            }

            if (write.Durable)
            {
                return Writes.Durable;
            }

            found = Writes.Unsynced;
        }

        return found;
    }

    private enum Writes
    {
        None,
        Unsynced,
        Durable,
    }
}
