using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A file replaced in two steps: deleted, or moved aside to a backup, then another file renamed onto its name
/// (<c>File.Delete(target); File.Move(temp, target);</c>, the way code written before <c>File.Move</c> could overwrite
/// replaces a file). Between the two there is no file at that name, and a crash there, even of the process alone, loses
/// it; one rename that overwrites (<c>File.Move(temp, target, overwrite: true)</c>, <c>File.Replace</c>) replaces it at once.
/// </summary>
internal static class ReplacingRenames
{
    /// <summary>The first rename after <paramref name="deletion"/> in the body that puts another file at the deleted name, or null.</summary>
    public static DirectoryEntryChange? After(DirectoryEntryChange deletion, List<DirectoryEntryChange> changes) =>
        deletion.Kind == DirectoryEntryChangeKind.Deletion ? FirstRenameOnto(deletion, FileIdentity.Of(deletion.Path), default, changes) : null;

    /// <summary>
    /// The first rename after <paramref name="moveAside"/>, a rename of a live file to a backup (<c>File.Move(path, path +
    /// ".bak")</c>), that puts another file at the live name (<c>File.Move(temp, path)</c>), or null: the same gap as a
    /// deletion's, with only the backup left in it.
    /// </summary>
    public static DirectoryEntryChange? AfterMoveAside(DirectoryEntryChange moveAside, List<DirectoryEntryChange> changes) =>
        moveAside is { Kind: DirectoryEntryChangeKind.Rename, Destination: { } backup }
            ? FirstRenameOnto(moveAside, FileIdentity.Of(moveAside.Path), FileIdentity.Of(backup), changes)
            : null;

    // The first later rename onto emptied from a file that is neither emptied itself nor the backup it went to (a restore).
    private static DirectoryEntryChange? FirstRenameOnto(DirectoryEntryChange emptying, FileIdentity emptied, FileIdentity backup, List<DirectoryEntryChange> changes)
    {
        DirectoryEntryChange? first = null;
        foreach (var other in changes)
        {
            if (other.Kind == DirectoryEntryChangeKind.Rename && other.Destination is { } destination &&
                other.Operation.Syntax.SpanStart > emptying.Operation.Syntax.SpanStart && FileIdentity.Of(destination) == emptied &&
                FileIdentity.Of(other.Path) is var source && source != emptied && source != backup &&
                !InExclusiveBranches(emptying.Operation.Syntax, other.Operation.Syntax) && !LeavesBefore(emptying.Operation.Syntax, other.Operation.Syntax) &&
                (first is not { } earlier || other.Operation.Syntax.SpanStart < earlier.Operation.Syntax.SpanStart))
            {
                first = other;
            }
        }

        return first;
    }

    /// <summary>
    /// True when <paramref name="moveAside"/> and <paramref name="rename"/> are both <c>File.Move(source, destination)</c>,
    /// which <c>File.Replace(source, destination, backup)</c> makes one step; false when the fix cannot.
    /// </summary>
    public static bool CanReplaceWithBackup(DirectoryEntryChange moveAside, DirectoryEntryChange rename) =>
        IsTwoArgumentFileMove(moveAside.Operation) && IsTwoArgumentFileMove(rename.Operation);

    private static bool IsTwoArgumentFileMove(IOperation operation) =>
        operation is IInvocationOperation { TargetMethod: { Name: "Move", IsStatic: true } method, Arguments.Length: 2, TargetMethod.Parameters.Length: 2 } &&
        SystemIO.Is(method.ContainingType, "File");

    /// <summary>
    /// True for <c>File.Move(source, destination)</c> and <c>info.MoveTo(destination)</c>, overwriting or not: a move aside
    /// the fix can make a copy (<c>File.Copy</c>, <c>info.CopyTo</c>).
    /// </summary>
    public static bool CanCopyAside(IOperation operation) => operation is IInvocationOperation { TargetMethod: var method } invocation &&
        (method is { Name: "Move", IsStatic: true } && SystemIO.Is(method.ContainingType, "File") ||
         method is { Name: "MoveTo", IsStatic: false } && SystemIO.Is(method.ContainingType, "FileInfo") && IsNotUsedAfter(invocation));

    // info.MoveTo(backup) points info at the backup; info.CopyTo leaves it on the live file, which a later info.Delete()
    // would then delete. Only a local or parameter named nowhere after the move can be copied from instead.
    private static bool IsNotUsedAfter(IInvocationOperation moveTo)
    {
        if (LocalOrParameter(FileApiModel.StripConversions(moveTo.Instance)) is not { } info)
        {
            return false;
        }

        foreach (var later in SourceBodies.RootOf(moveTo).DescendantsAndSelf())
        {
            if (later.Syntax.SpanStart > moveTo.Syntax.Span.End && SymbolEqualityComparer.Default.Equals(LocalOrParameter(later), info))
            {
                return false;
            }
        }

        return true;
    }

    private static ISymbol? LocalOrParameter(IOperation? reference) => reference switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    // if (gone) file.Delete(); else File.Move(temp, file.FullName): one runs or the other, never both.
    // if (live == 0) { File.Delete(path); return; } ... File.Move(compacted, path): the branch returns (or throws) before
    // the rename, which never follows that deletion.
    private static bool LeavesBefore(SyntaxNode first, SyntaxNode second)
    {
        for (var node = first; node.Parent is { } parent; node = parent)
        {
            if (parent.Span.Contains(second.Span))
            {
                return false;
            }

            if (parent is Microsoft.CodeAnalysis.CSharp.Syntax.BlockSyntax block && node is Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax statement)
            {
                for (var i = block.Statements.IndexOf(statement) + 1; i < block.Statements.Count; i++)
                {
                    if (block.Statements[i] is Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.ThrowStatementSyntax)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool InExclusiveBranches(SyntaxNode first, SyntaxNode second)
    {
        for (var common = first.Parent; common is not null; common = common.Parent)
        {
            if (common.Span.Contains(second.Span))
            {
                return common is Microsoft.CodeAnalysis.CSharp.Syntax.IfStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.SwitchStatementSyntax or
                    Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.SwitchExpressionSyntax;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>File</c> when the rename is <c>File.Move(source, destination)</c> and the compilation has the overload that
    /// overwrites, <c>FileInfo</c> for <c>info.MoveTo(destination)</c> likewise; null when the fix cannot add it.
    /// </summary>
    public static string? OverwritingForm(DirectoryEntryChange rename)
    {
        if (rename.Operation is not IInvocationOperation { TargetMethod: var method } invocation || invocation.Arguments.Length != method.Parameters.Length)
        {
            return null;
        }

        var (owner, parameters) = method switch
        {
            { Name: "Move", IsStatic: true, Parameters.Length: 2 } when SystemIO.Is(method.ContainingType, "File") => ("File", 3),
            { Name: "MoveTo", IsStatic: false, Parameters.Length: 1 } when SystemIO.Is(method.ContainingType, "FileInfo") => ("FileInfo", 2),
            _ => (null, 0),
        };
        if (owner is null)
        {
            return null;
        }

        foreach (var overload in method.ContainingType.GetMembers(method.Name))
        {
            if (overload is IMethodSymbol { Parameters.Length: var count } candidate && count == parameters &&
                candidate.Parameters[count - 1].Type.SpecialType == SpecialType.System_Boolean)
            {
                return owner;
            }
        }

        return null;
    }
}
