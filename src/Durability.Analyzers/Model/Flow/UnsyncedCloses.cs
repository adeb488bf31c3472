using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Files that one body opens for writing (a new file, an append, an update), writes through a stream held by a using,
/// and closes with no flush and no fsync of the file anywhere in the body, nor renames afterwards. Closing a stream is no
/// fsync: a new block or key file can come back empty after a power cut, appended records lost. Rewrites in place of one
/// fixed file are <see cref="InPlaceRewrites"/>'; a stream the body flushes is left to DUR001, which reports the flush; a
/// stream opened only to be read, measured or left empty (a marker, whose entry is DUR002's) is not written; a method that
/// returns the path it wrote leaves the file to its caller, unless its type lists such files at start.
/// </summary>
internal static class UnsyncedCloses
{
    /// <summary>
    /// The unsynced closes of <paramref name="body"/>, leaving out the openings <paramref name="rewrites"/> already hold.
    /// <paramref name="isFoundAgain"/> tells whether a file whose path the body returns is still a record its type loads.
    /// </summary>
    public static List<UnsyncedClose> In(IOperation body, FileContentsScan scan, List<InPlaceRewrite> rewrites, System.Func<IOperation, bool> isFoundAgain)
    {
        var found = new List<UnsyncedClose>();
        foreach (var write in scan.Writes)
        {
            if (!IsRewrite(write, rewrites) && !DelegatedPaths.IsGivenByCallee(write.Path) && !OpensWriteThrough(write.Operation, scan.Files) &&
                InPlaceRewrites.ClosedUnsynced(body, scan, write, out var stream, out var declarator) &&
                (OpensExistingFile(write.Operation, scan.Files) ? WritesExisting(body, scan, write) : IsWritten(body, scan.StreamsOn(write.File), scan.Files, existingFile: false)) &&
                (!ReturnedPaths.Returns(body, write.File) || isFoundAgain(write.Path)))
            {
                found.Add(new UnsyncedClose(write, stream, declarator));
            }
        }

        return found;
    }

    /// <summary>
    /// False for an existing file opened read-write (<c>File.Open(path, FileMode.Open)</c>) that <paramref name="body"/> only
    /// reads, hashes or validates: such an opening writes nothing to publish or lose. True for every other opening.
    /// </summary>
    public static bool MayWrite(IOperation body, FileContentsScan scan, FileWrite write) =>
        write.Kind != FileWriteKind.Stream || !OpensExistingFile(write.Operation, scan.Files) || WritesExisting(body, scan, write);

    // Through the one variable this opening gives its stream to (using var fs = File.Open(path, FileMode.Open)): other
    // openings of the same file in the body (a rewrite in another branch) are theirs.
    private static bool WritesExisting(IOperation body, FileContentsScan scan, FileWrite write) =>
        FileContentsScan.VariableAssigned(write.Operation) is { } stream &&
        IsWritten(body, new HashSet<ISymbol>(SymbolEqualityComparer.Default) { stream }, scan.Files, existingFile: true);

    // File.OpenHandle(path, mode, access, options: FileOptions.WriteThrough): every write reaches the disk.
    private static bool OpensWriteThrough(IOperation opening, FileApiModel files) =>
        opening switch
        {
            IInvocationOperation invocation => WriteThroughOptions.AnyIn(invocation.Arguments, files),
            IObjectCreationOperation creation => WriteThroughOptions.AnyIn(creation.Arguments, files),
            _ => false,
        };

    private static bool IsRewrite(FileWrite write, List<InPlaceRewrite> rewrites)
    {
        foreach (var rewrite in rewrites)
        {
            if (rewrite.Write.Operation == write.Operation)
            {
                return true;
            }
        }

        return false;
    }

    // Written by a call on the stream or a writer around it (Write, WriteLine, WriteAsync), or handed to a call that is not a
    // read (serializer.Serialize(stream, value), source.CopyTo(stream)); wrapping it in a writer is not a write by itself.
    // File.Open(journal, FileMode.Open, FileAccess.ReadWrite): an existing file, which a callback given the stream may only read.
    private static bool OpensExistingFile(IOperation opening, FileApiModel files) =>
        Call.TryRead(opening, out var call) && call.ArgumentOfType(files.FileMode, out _)?.ConstantValue is { HasValue: true, Value: FileModes.Open };

    // An existing file opened read-write (FileMode.Open) is as often read: handed to a call, it is written only by one named
    // for writing (page.WriteTo(stream), SaveTo), not by one that checks or hashes it (ValidateChecksums(stream)).
    private static bool IsWritten(IOperation body, HashSet<ISymbol> streams, FileApiModel files, bool existingFile)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (IsLibraryWriterOver(operation, streams, files))
            {
                return true;
            }

            // A call that does not bind (an argument of a type from another project) is read through its one fitting candidate.
            if (operation is not (IInvocationOperation or IInvalidOperation or IDynamicInvocationOperation))
            {
                continue;
            }

            if (!Call.TryRead(operation, out var call))
            {
                // A serializer of a package the build lacks (new JsonSerializer().Serialize(writer, value)), or one typed
                // dynamic, binds to nothing and writes all the same: read by its name.
                if (operation.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax unbound && IsWrittenByUnbound(operation, InvokedNames.Of(unbound), streams, files, existingFile))
                {
                    return true;
                }

                continue;
            }

            if (call.Instance is { } instance && FileApiModel.ResolveVariable(instance) is { } receiver && streams.Contains(receiver) &&
                call.Method.Name.StartsWith("Write", System.StringComparison.Ordinal))
            {
                return true;
            }

            // A callback given the stream (success(stream)) does what its caller's lambda does: a write when the opening
            // creates or empties the file, unknown for an existing file opened read-write, which is as often a journal read.
            if (!ReadingCallNames.IsRead(call.Method) && (!existingFile || (call.Method.MethodKind != MethodKind.DelegateInvoke && LibraryWrites.NamedForWriting(call.Method.Name))) &&
                HandsOn(operation, call.Instance, streams, files))
            {
                return true;
            }
        }

        return false;
    }

    // new JsonTextWriter(writer), new CsvWriter(writer, culture), new Utf8JsonWriter(stream): a serializer's writer over a
    // stream opened for writing is made to write into it, whether the build binds the package or not (System.IO's own
    // writers and streams are followed as wrappers, and a reader over it reads).
    private static bool IsLibraryWriterOver(IOperation operation, HashSet<ISymbol> streams, FileApiModel files)
    {
        var writerName = operation switch
        {
            IObjectCreationOperation { Type: INamedTypeSymbol type } when !SystemIO.Declares(type) && !IsStreamOrTextWriter(type) => type.Name,
            IInvalidOperation { Syntax: Microsoft.CodeAnalysis.CSharp.Syntax.ObjectCreationExpressionSyntax created } =>
                TypeSyntaxNames.Rightmost(created.Type)?.Identifier.ValueText ?? string.Empty,
            _ => null,
        };
        return writerName is not null && writerName.IndexOf("Reader", System.StringComparison.Ordinal) < 0 && HandsOn(operation, instance: null, streams, files);
    }

    private static bool IsStreamOrTextWriter(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SystemIO.Declares(current) && current.Name is "Stream" or "TextWriter")
            {
                return true;
            }
        }

        return false;
    }

    // writer.WriteAsync(text) or serializer.Serialize(writer, value), read from a call that binds to nothing.
    private static bool IsWrittenByUnbound(IOperation operation, string name, HashSet<ISymbol> streams, FileApiModel files, bool existingFile)
    {
        var receiver = operation switch
        {
            IInvalidOperation invalid => UnboundCalls.InstanceOf(invalid),
            IDynamicInvocationOperation { Operation: IDynamicMemberReferenceOperation member } => member.Instance,
            _ => null,
        };
        if (receiver is not null && FileApiModel.ResolveVariable(receiver) is { } written && streams.Contains(written))
        {
            return name.StartsWith("Write", System.StringComparison.Ordinal);
        }

        return !ReadingCallNames.IsRead(name) && (!existingFile || LibraryWrites.NamedForWriting(name)) && HandsOn(operation, receiver, streams, files);
    }

    // One of the streams is an argument of the call (not its receiver).
    // A System.IO writer made in the argument (stats.WriteTo(new BinaryWriter(stream))) hands on the stream under it.
    private static bool HandsOn(IOperation call, IOperation? instance, HashSet<ISymbol> streams, FileApiModel files)
    {
        foreach (var child in call.ChildOperations)
        {
            var value = child is IArgumentOperation argument ? argument.Value : child;
            if (value == instance)
            {
                continue;
            }

            for (var depth = 0; depth < 3 && FileApiModel.StripConversions(value) is IObjectCreationOperation { Arguments.Length: > 0 } wrapper &&
                                 wrapper.Type is { } type && SystemIO.Declares(type) && files.IsTrackedType(type); depth++)
            {
                value = wrapper.Arguments[0].Value;
            }

            if (FileApiModel.ResolveVariable(value) is { } handed && streams.Contains(handed))
            {
                return true;
            }
        }

        return false;
    }
}
