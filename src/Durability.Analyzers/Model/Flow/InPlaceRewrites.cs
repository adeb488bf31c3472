using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A file that one body empties and writes again in place: opened on a path that names the same file on every call
/// (fields, constants, and locals built from them), in a way that truncates it (FileMode.Create, File.CreateText,
/// new StreamWriter(path)...), held by a using (or a local closed by a statement of its own), and closed with no flush and no fsync of it anywhere in the body, nor
/// renamed afterwards. From the open until the writeback, a crash leaves the file empty or torn.
/// A stream the body flushes is left to DUR001, which reports the flush, in a type DUR001 checks.
/// </summary>
internal static class InPlaceRewrites
{
    private const int MaxLocalDepth = 3;

    /// <summary>The rewrites in place of <paramref name="body"/>, each with the using variable that holds its stream and how it empties the file.</summary>
    public static List<InPlaceRewrite> In(IOperation body, FileContentsScan scan, FileWriteApiModel writes)
    {
        var found = new List<InPlaceRewrite>();
        foreach (var write in scan.Writes)
        {
            if (writes.TruncatingOpening(write.Operation) is { } opening && NamesOneFile(write.Path, scan, 0) &&
                ClosedUnsynced(body, scan, write, out var stream, out var declarator) && IsUsed(body, stream))
            {
                found.Add(new InPlaceRewrite(write, stream, declarator, opening));
            }
        }

        return found;
    }

    /// <summary>
    /// True when <paramref name="write"/> opens a stream that a using holds, or a local that a statement closes (in
    /// <paramref name="stream"/>, the writer around it when one wraps it), and closes with no flush and no fsync of the file anywhere in the body, on a file that is not a
    /// temp or auxiliary file and is not renamed afterwards: what a rewrite in place and an unsynced close share.
    /// </summary>
    public static bool ClosedUnsynced(
        IOperation body, FileContentsScan scan, FileWrite write, out ILocalSymbol stream, out IVariableDeclaratorOperation declarator)
    {
        stream = null!;
        declarator = null!;
        if (write.Kind != FileWriteKind.Stream || write.Durable ||
            ClosedVariableOf(scan, write.Operation) is not (ILocalSymbol local, IVariableDeclaratorOperation declaration) ||
            PathNames.IsAuxiliaryFile(write.Path) || PathNames.IsTemporaryFile(write.Path) ||
            scan.IsRenamedAfter(write) || scan.FsyncsFileAnywhere(write.File) ||
            (scan.FlushesLeftToFlushRule && Flushes(body, scan.StreamsOn(write.File), scan.Files)))
        {
            return false;
        }

        (stream, declarator) = (local, declaration);
        return true;
    }

    // The outermost local holding the stream that a using or an explicit close closes: the writer around it, or, when the
    // writer is never disposed (var w = new BinaryWriter(fs); w.Write(x); inside using (fs)), the stream under it.
    private static (ILocalSymbol, IVariableDeclaratorOperation)? ClosedVariableOf(FileContentsScan scan, IOperation opening)
    {
        foreach (var variable in scan.VariablesInwardOf(opening))
        {
            if (variable is ILocalSymbol local && scan.DeclaratorOf(local) is { } declaration &&
                (IsUsingVariable(declaration) || ExplicitCloses.Of(declaration) is not null || ExplicitCloses.GuardedOf(declaration) is not null))
            {
                return (local, declaration);
            }
        }

        return null;
    }

    private static bool IsClock(IPropertySymbol property) =>
        property.Name is "Now" or "UtcNow" or "Today" or "TickCount" or "TickCount64" &&
        property.ContainingType is { Name: "DateTime" or "DateTimeOffset" or "Environment", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    // using (var s = ...) or using var s = ...: the stream is closed when the body leaves its scope.
    internal static bool IsUsingVariable(IVariableDeclaratorOperation declarator) =>
        declarator.Parent?.Parent?.Parent is IUsingOperation or IUsingDeclarationOperation;

    // Built only from constants, fields, properties and the type's own path methods (and locals initialised from them): the same file on every call,
    // unlike a path built from a parameter or a counter, which may name a new file each time.
    private static bool NamesOneFile(IOperation path, FileContentsScan scan, int depth)
    {
        var value = FileApiModel.StripConversions(path) ?? path;
        switch (value)
        {
            case IPropertyReferenceOperation { Instance: null } clock when IsClock(clock.Property):
                // $"{DateTime.Now:yyyyMMddHHmmss}.eml": a new name each time.
                return false;
            case { ConstantValue.HasValue: true }:
            case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation }:
            case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Arguments.Length: 0 }:
            // GetConfigurationFilePath(): a method of the type's own that takes nothing names one file as a property does.
            case IInvocationOperation { Instance: null or IInstanceReferenceOperation, Arguments.Length: 0, TargetMethod.ReturnType.SpecialType: SpecialType.System_String } own
                when own.TargetMethod.Locations.Length > 0 && own.TargetMethod.Locations[0].IsInSource:
                return true;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation:
                return NamesOneFile(concatenation.LeftOperand, scan, depth) && NamesOneFile(concatenation.RightOperand, scan, depth);
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation interpolation && !NamesOneFile(interpolation.Expression, scan, depth))
                    {
                        return false;
                    }
                }

                return true;
            case IInvocationOperation { TargetMethod.Name: "Combine" or "Join" or "GetFullPath" or "ChangeExtension" } combine when SystemIO.IsPathMethod(combine.TargetMethod):
                foreach (var argument in combine.Arguments)
                {
                    if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } elements })
                    {
                        foreach (var element in elements.ElementValues)
                        {
                            if (!NamesOneFile(element, scan, depth))
                            {
                                return false;
                            }
                        }
                    }
                    else if (!NamesOneFile(argument.Value, scan, depth))
                    {
                        return false;
                    }
                }

                return true;
            case IObjectCreationOperation { Arguments.Length: 1 } info when SystemIO.Is(info.Type, "FileInfo"):
                return NamesOneFile(info.Arguments[0].Value, scan, depth);
            case IPropertyReferenceOperation { Property.Name: "FullName", Instance: { } instance }:
                return NamesOneFile(instance, scan, depth);
            // _options.Storage.Folder: a setting read through the type's own field is one folder on every call, as the field is.
            case IPropertyReferenceOperation { Arguments.Length: 0, Instance: { } owner } when owner is IFieldReferenceOperation or IPropertyReferenceOperation && depth < MaxLocalDepth:
                return NamesOneFile(owner, scan, depth + 1);
            case ILocalReferenceOperation local when depth < MaxLocalDepth:
                // string fileName = null; then one assignment: the path is what that assignment gives, not the null.
                var initial = scan.DeclaratorOf(local.Local)?.GetVariableInitializer()?.Value;
                var named = SourceBodies.IsNull(initial) ? SourceBodies.OnlyValueAssigned(local.Local, SourceBodies.RootOf(local)) : initial;
                return named is not null && NamesOneFile(named, scan, depth + 1);
            default:
                return false;
        }
    }

    // A Flush of any of the file's streams: DUR001 reports it, with its own fix. A library writer's Flush (an XmlWriter's,
    // a JSON writer's) is no stream DUR001 reads: it only hands the text on, and the close is still this rule's to report.
    private static bool Flushes(IOperation body, HashSet<ISymbol> streams, FileApiModel files)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Flush" or "FlushAsync", Instance: { } instance } &&
                instance.Type is { } flushedType && (files.IsTrackedType(flushedType) || files.IsDeclaredHere(flushedType)) &&
                FileApiModel.ResolveVariable(instance) is { } flushed && streams.Contains(flushed))
            {
                return true;
            }
        }

        return false;
    }

    // using (File.Open(path, FileMode.Create)) { }: opened only to empty the file. No new contents can come back torn;
    // the emptying itself is all the call does.
    private static bool IsUsed(IOperation body, ILocalSymbol stream)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, stream))
            {
                return true;
            }
        }

        return false;
    }
}
