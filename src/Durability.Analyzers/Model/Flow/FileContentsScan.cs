using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// What one method body does to file contents: which paths it writes (directly, whole, or through a helper),
/// which stream variables it opens on each path and wraps, which of them it fsyncs, and which files it renames.
/// Paths are matched by <see cref="FileIdentity"/>.
/// </summary>
internal sealed class FileContentsScan
{
    private readonly IOperation _body;
    private readonly FileContentsContext _context;
    private readonly Dictionary<FileIdentity, List<ISymbol>> _openedOn = new();
    private readonly Dictionary<ISymbol, List<ISymbol>> _wrappers = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IInvocationOperation, List<FileIdentity>> _helperPathFsyncs = new();
    private readonly Dictionary<FileIdentity, HashSet<ISymbol>> _streamsOn = new();
    private readonly Dictionary<IOperation, ISymbol> _variableOfOpening = new();
    private readonly Dictionary<ISymbol, IVariableDeclaratorOperation> _declarators = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// True (the default) when DUR001 judges the flushes of this body's type, so that a stream the body flushes is left to
    /// it; false in a type DUR001 does not check (one that only keeps some state files), where a flush is no fsync either.
    /// </summary>
    public bool FlushesLeftToFlushRule { get; set; } = true;

    public FileContentsScan(IOperation body, FileContentsContext context, MethodSummaryCache<FileContentSummaries.Summary>.Walk walk)
    {
        _body = body;
        _context = context;
        foreach (var operation in body.DescendantsAndSelf())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IInvocationOperation invocation:
                    AddInvocation(invocation, walk);
                    break;
                case IObjectCreationOperation or IInvalidOperation:
                    AddOpening(operation, walk);
                    break;
                case IVariableDeclaratorOperation declarator:
                    _declarators[declarator.Symbol] = declarator;
                    AddWrapper(declarator.Symbol, declarator.Initializer?.Value ?? declarator.GetVariableInitializer()?.Value);
                    break;
                case ISimpleAssignmentOperation assignment when FileApiModel.ResolveVariable(assignment.Target) is { } target:
                    AddWrapper(target, assignment.Value);
                    break;
            }
        }
    }

    public FileApiModel Files => _context.Files;

    /// <summary>The models this scan asks.</summary>
    public FileContentsContext Context => _context;

    /// <summary>What a forwarding method's body renames is no DUR004 finding there (it writes nothing): it is read at every call.</summary>
    public static readonly System.Func<INamedTypeSymbol, bool> AlwaysReadThrough = _ => false;

    /// <summary>Every write of the body, in source order.</summary>
    public List<FileWrite> Writes { get; } = new();

    /// <summary>Every rename of a file (File.Move/Replace, FileInfo.MoveTo/Replace), in source order.</summary>
    public List<DirectoryEntryChange> Renames { get; } = new();

    /// <summary>The stream variables opened on the file <paramref name="key"/> names, and every wrapper around them.</summary>
    public HashSet<ISymbol> StreamsOn(FileIdentity key)
    {
        if (_streamsOn.TryGetValue(key, out var known))
        {
            return known;
        }

        var streams = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ISymbol>();
        if (_openedOn.TryGetValue(key, out var opened))
        {
            foreach (var stream in opened)
            {
                pending.Push(stream);
            }
        }

        while (pending.Count > 0)
        {
            var stream = pending.Pop();
            if (streams.Add(stream) && _wrappers.TryGetValue(stream, out var outer))
            {
                foreach (var wrapper in outer)
                {
                    pending.Push(wrapper);
                }
            }
        }

        _streamsOn[key] = streams;
        return streams;
    }

    /// <summary>
    /// The outermost variable holding the stream <paramref name="opening"/> opened: the writer around it when
    /// exactly one wraps it. Null when the stream goes into no variable, or into several wrappers.
    /// </summary>
    public ISymbol? OutermostVariableOf(IOperation opening)
    {
        var outward = VariablesOutwardOf(opening, out var forks);
        return forks || outward.Count == 0 ? null : outward[outward.Count - 1];
    }

    /// <summary>True when the file <paramref name="write"/> writes is renamed later in the body (a temp file published by a rename).</summary>
    public bool IsRenamedAfter(FileWrite write)
    {
        foreach (var rename in Renames)
        {
            if (rename.Operation.Syntax.SpanStart > write.Operation.Syntax.SpanStart && FileIdentity.Of(rename.Path) == write.File &&
                StructuredPaths.CanRunBefore(write.Operation, rename.Operation))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The declaration of a local of this body, or null for fields, parameters and locals declared elsewhere.</summary>
    public IVariableDeclaratorOperation? DeclaratorOf(ISymbol variable) =>
        _declarators.TryGetValue(variable, out var declarator) ? declarator : null;

    /// <summary>True when any operation of the body fsyncs the file <paramref name="key"/> names, on any path.</summary>
    public bool FsyncsFileAnywhere(FileIdentity key)
    {
        foreach (var operation in _body.DescendantsAndSelf())
        {
            if (FsyncsFile(operation, key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="operation"/> fsyncs the file <paramref name="key"/> names: through a stream opened on it, or a helper given its path.</summary>
    public bool FsyncsFile(IOperation operation, FileIdentity key)
    {
        if (operation is not IInvocationOperation invocation)
        {
            return false;
        }

        if (_helperPathFsyncs.TryGetValue(invocation, out var paths) && paths.Contains(key))
        {
            return true;
        }

        // Fsync.File(path) opens the file by its path and fsyncs it.
        if (_context.Files.IsRuntimeFsync(invocation.TargetMethod) && invocation.TargetMethod.Name == "File" &&
            invocation.TargetMethod.Parameters.Length == 1 && invocation.TargetMethod.Parameters[0].Type.SpecialType == SpecialType.System_String &&
            FileApiModel.ArgumentFor(invocation, 0) is { } fsyncedPath)
        {
            return FileIdentity.Of(fsyncedPath) == key;
        }

        var streams = StreamsOn(key);
        return streams.Count > 0 && FsyncsAnyOf(invocation, streams, _context);
    }

    /// <summary>
    /// True when <paramref name="invocation"/> fsyncs one of <paramref name="streams"/> (variables or fields holding a stream
    /// or a writer over it): itself, or through a source method given it that fsyncs its parameter.
    /// </summary>
    public static bool FsyncsAnyOf(IInvocationOperation invocation, HashSet<ISymbol> streams, FileContentsContext context)
    {
        if (context.Files.GetFsyncTarget(invocation) is { } target && FileApiModel.ResolveVariable(target) is { } fsynced)
        {
            return streams.Contains(fsynced);
        }

        if (!SourceBodies.CanSummarise(invocation.TargetMethod))
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && FileApiModel.ResolveVariable(argument.Value) is { } passed && streams.Contains(passed) &&
                context.StreamSummaries.FsyncsParameter(invocation.TargetMethod, parameter.Ordinal, context.CancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private void AddInvocation(IInvocationOperation invocation, MethodSummaryCache<FileContentSummaries.Summary>.Walk walk)
    {
        // A call to the project's wrapper of a System.IO write is read as that write (Call), not summarised as a helper too.
        var wrapperWrite = false;
        if (_context.Writes.ClassifyWrite(invocation) is { } write)
        {
            Writes.Add(write);
            wrapperWrite = !SystemIO.Declares(invocation.TargetMethod.ContainingType);
        }

        if (_context.Writes.OpenedPath(invocation, out _) is { } opened)
        {
            AddOpened(invocation, opened);
            return;
        }

        if (_context.Directories.Classify(invocation) is { Kind: DirectoryEntryChangeKind.Rename } rename && IsFileRename(rename))
        {
            Renames.Add(rename);
            return;
        }

        // The project's own rename (an extension method on its path type): the call is the rename, with the call's paths. Only a
        // rename of a file written here is reported, so a forwarded directory rename (Directory.Move) never is.
        if (_context.Forwarders.Classify(invocation, AlwaysReadThrough, _context.CancellationToken) is { Kind: DirectoryEntryChangeKind.Rename } forwarded)
        {
            Renames.Add(forwarded);
            return;
        }

        if (wrapperWrite)
        {
            return;
        }

        if (SourceBodies.CanSummarise(invocation.TargetMethod) && FileIdentity.HasPathParameter(invocation.TargetMethod))
        {
            AddHelper(invocation, walk);
        }
        else
        {
            AddLibraryWrite(invocation);
        }

        if (SourceBodies.CanSummarise(invocation.TargetMethod) && FileIdentity.IsPathType(invocation.TargetMethod.ReturnType) &&
            VariableAssigned(invocation) is { } variable && FileIdentity.OfVariable(variable) is { } key &&
            _context.Helpers.Get(invocation.TargetMethod, walk).ReturnsUnsyncedFile)
        {
            // var temp = WriteTemp(...): the file the helper wrote, and left unsynced, is now named by the variable.
            Writes.Add(new FileWrite(FileWriteKind.Helper, invocation, invocation, key, durable: false));
        }
    }

    /// <summary>The local or field a call's value is stored in, directly or through conversions.</summary>
    internal static ISymbol? VariableAssigned(IOperation value)
    {
        var current = value;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        return current.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation assignment when assignment.Value == current => FileApiModel.ResolveVariable(assignment.Target),
            _ => null,
        };
    }


    private void AddHelper(IInvocationOperation invocation, MethodSummaryCache<FileContentSummaries.Summary>.Walk walk)
    {
        var summary = _context.Helpers.Get(invocation.TargetMethod, walk);

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter || !FileIdentity.IsPathType(parameter.Type))
            {
                continue;
            }

            var ordinal = parameter.Ordinal;
            var fsyncs = summary.Fsyncs.Contains(ordinal);
            if (summary.Writes.Contains(ordinal))
            {
                Writes.Add(new FileWrite(FileWriteKind.Helper, invocation, argument.Value, durable: fsyncs));
            }

            if (fsyncs)
            {
                if (!_helperPathFsyncs.TryGetValue(invocation, out var paths))
                {
                    _helperPathFsyncs[invocation] = paths = new List<FileIdentity>();
                }

                paths.Add(FileIdentity.Of(argument.Value));
            }
        }
    }

    // A stream constructor, or a call that does not bind (a whole-file write or rename with an argument of an unresolved type).
    private void AddOpening(IOperation operation, MethodSummaryCache<FileContentSummaries.Summary>.Walk walk)
    {
        var classified = false;
        if (_context.Writes.ClassifyWrite(operation) is { } write)
        {
            Writes.Add(write);
            classified = true;
        }

        if (_context.Writes.OpenedPath(operation, out _) is { } opened)
        {
            AddOpened(operation, opened);
        }
        else if (operation is IInvalidOperation && _context.Directories.Classify(operation) is { Kind: DirectoryEntryChangeKind.Rename } rename && IsFileRename(rename))
        {
            Renames.Add(rename);
        }
        else if (!classified && operation is IInvalidOperation invalid && UnboundCalls.IntendedMethod(invalid) is { } intended && SourceBodies.CanSummarise(intended) &&
                 FileIdentity.HasPathParameter(intended))
        {
            AddUnboundHelper(invalid, intended, walk);
        }
        else if (operation is IInvalidOperation)
        {
            AddLibraryWrite(operation);
        }
    }

    // StoreSigner(account.Signer, signerPath) with the account's type missing: the helper's writes, as for a bound call.
    private void AddUnboundHelper(IInvalidOperation call, IMethodSymbol helper, MethodSummaryCache<FileContentSummaries.Summary>.Walk walk)
    {
        var summary = _context.Helpers.Get(helper, walk);
        foreach (var ordinal in summary.Writes)
        {
            if (UnboundCalls.ArgumentFor(call, helper, ordinal) is { } path)
            {
                Writes.Add(new FileWrite(FileWriteKind.Helper, call, path, durable: summary.Fsyncs.Contains(ordinal)));
            }
        }
    }

    // A library's method named for writing the path it is given (read through its one candidate when the call does not bind).
    private void AddLibraryWrite(IOperation operation)
    {
        if (!Call.TryRead(operation, out var call) || !LibraryWrites.WritesItsPath(call.Method))
        {
            return;
        }

        foreach (var parameter in call.Method.Parameters)
        {
            if (LibraryWrites.IsPathParameter(parameter) && call.ArgumentFor(parameter.Ordinal) is { } path)
            {
                Writes.Add(new FileWrite(FileWriteKind.Library, operation, path, durable: false));
            }
        }
    }

    // The variables the opened stream ends up in: the one it is assigned to, or the wrappers created around it in place.
    private void AddOpened(IOperation opening, IOperation path)
    {
        var key = FileIdentity.Of(path);
        for (IOperation current = opening; current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation or IArgumentOperation or IVariableInitializerOperation or IAwaitOperation:
                    continue;
                case IObjectCreationOperation wrapper when _context.Files.IsTrackedType(wrapper.Type):
                    continue;
                case IVariableDeclaratorOperation declarator:
                    AddOpenedVariable(key, declarator.Symbol, opening);
                    return;
                case ISimpleAssignmentOperation assignment when FileApiModel.ResolveVariable(assignment.Target) is { } target:
                    AddOpenedVariable(key, target, opening);
                    return;
                default:
                    return;
            }
        }
    }

    /// <summary>
    /// The variables holding the stream <paramref name="opening"/> opened, from the outermost writer around it inwards to the
    /// stream itself, while each holds exactly one wrapper; empty when the stream goes into no variable.
    /// </summary>
    public List<ISymbol> VariablesInwardOf(IOperation opening)
    {
        var chain = VariablesOutwardOf(opening, out _);
        chain.Reverse();
        return chain;
    }

    // The stream's variable, then each writer around it while exactly one wraps the last; forks when several wrap it.
    private List<ISymbol> VariablesOutwardOf(IOperation opening, out bool forks)
    {
        forks = false;
        var chain = new List<ISymbol>();
        if (!_variableOfOpening.TryGetValue(opening, out var variable))
        {
            return chain;
        }

        chain.Add(variable);
        for (var depth = 0; depth < 8 && _wrappers.TryGetValue(variable, out var outer); depth++)
        {
            if (outer.Count != 1)
            {
                forks = true;
                break;
            }

            variable = outer[0];
            chain.Add(variable);
        }

        return chain;
    }

    private void AddOpenedVariable(FileIdentity key, ISymbol variable, IOperation opening)
    {
        _variableOfOpening[opening] = variable;
        if (!_openedOn.TryGetValue(key, out var variables))
        {
            _openedOn[key] = variables = new List<ISymbol>();
        }

        variables.Add(variable);
    }

    private void AddWrapper(ISymbol outer, IOperation? value)
    {
        if (value is null || !_context.Files.IsTrackedType(StreamFacts.TypeOf(outer)))
        {
            return;
        }

        var origin = _context.Files.ClassifyValue(value);
        if (origin.Underlying is { } inner && origin.Kind is StreamOriginKind.Wrapper or StreamOriginKind.Alias)
        {
            if (!_wrappers.TryGetValue(inner, out var outers))
            {
                _wrappers[inner] = outers = new List<ISymbol>();
            }

            outers.Add(outer);
        }
    }

    private bool IsFileRename(DirectoryEntryChange rename) =>
        Call.TryRead(rename.Operation, out var call) &&
        (SymbolEqualityComparer.Default.Equals(call.Method.ContainingType, _context.Files.File) ||
         SymbolEqualityComparer.Default.Equals(call.Method.ContainingType, _context.Files.FileInfo));
}
