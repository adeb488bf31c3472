using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// What a body of code (a type's members, or one method) does with its stream variables: where each
/// comes from, which are flushed, which are fsynced, and which are handed to other methods. The facts
/// are flow-insensitive on purpose: an fsync on any path, conditional or deferred to a Sync() member,
/// counts, because the audit's Bitcask and B-tree designs are correct and must stay quiet.
/// </summary>
internal sealed class StreamFacts
{
    private readonly FileApiModel _model;
    private readonly object _gate = new();
    private readonly Dictionary<ISymbol, List<StreamOrigin>> _origins = new(SymbolEqualityComparer.Default);
    private readonly List<StreamArgument> _arguments = new();

    // Every fsync with the member that does it (see AtClose and InCopy for the members whose fsyncs cover only their own
    // flushes); and which of the type's own methods each member calls, for the members that promise durability (Sync,
    // FlushToDisk), whose flushes must be fsynced by the time they return.
    private readonly List<(ISymbol? Member, ISymbol Fsynced)> _fsyncs = new();
    private readonly List<(ISymbol? Caller, IMethodSymbol Callee)> _ownCalls = new();
    private readonly List<FlushSite> _flushes = new();
    private readonly List<FlushSite> _flushesToDisk = new();
    private readonly HashSet<ISymbol> _written = new(SymbolEqualityComparer.Default);

    // The Write calls on a member of the type (_data.Write(buffer)), with the member whose body makes them: what a member
    // that promises durability writes must be on disk when it returns.
    private readonly List<FlushSite> _memberWrites = new();

    // Closes of the type's stream and writer members (Dispose, Close), and what is surely given data: a Write call on it,
    // or handed to a call that is not a read. _written also counts a stream handed to a load, which may only read it.
    private readonly List<FlushSite> _closes = new();
    private readonly HashSet<ISymbol> _givenData = new(SymbolEqualityComparer.Default);

    // Streams named in a call that does not bind (an extension whose namespace is not imported, a package's helper the
    // build lacks): what it does to them, an fsync among others, cannot be seen.
    private readonly HashSet<ISymbol> _handedToUnboundCalls = new(SymbolEqualityComparer.Default);

    private readonly INamedTypeSymbol? _owner;
    private readonly Func<ITypeSymbol?, bool> _isFileStream;
    private readonly FileAbstractions? _abstractions;
    private readonly CancellationToken _cancellationToken;

    /// <param name="model">The file API model of the compilation.</param>
    /// <param name="owner">The type whose members feed these facts, or null when they hold one method body.</param>
    /// <param name="abstractions">
    /// When given, the project's own file types count as files: their <c>Flush()</c> is a flush, and a call that fsyncs
    /// the file inside is an fsync. Left out by the summaries, which read those types themselves.
    /// </param>
    /// <param name="cancellationToken">Cancels reading the project's file types.</param>
    public StreamFacts(FileApiModel model, INamedTypeSymbol? owner, FileAbstractions? abstractions = null, CancellationToken cancellationToken = default)
    {
        _model = model;
        _owner = owner;
        _isFileStream = model.IsFileStream;
        _abstractions = abstractions;
        _cancellationToken = cancellationToken;
    }

    // A variable whose values and flushes are recorded: a stream or writer, or a project's own type that may hide a file.
    private bool IsRecorded(ITypeSymbol? type) =>
        _model.IsTrackedType(type) || (_abstractions is not null && _abstractions.MayHideFile(type));

    // The stream a flush, an fsync or an argument names: a variable of this code, or a FileStream kept in another
    // object's member (_active.Stream), which stands for that member whatever the instance.
    public ISymbol? StreamNamedBy(IOperation? operation) => FileApiModel.ResolveVariable(operation, _isFileStream);

    public IReadOnlyList<FlushSite> Flushes => _flushes;

    /// <summary>The Write calls on the type's own stream and writer members, with the member that makes each.</summary>
    public IReadOnlyList<FlushSite> MemberWrites => _memberWrites;

    /// <summary>
    /// The calls that close a stream or writer kept in a member (<c>_data.Dispose()</c>, <c>_log?.Close()</c>), which flush it
    /// to the page cache only.
    /// </summary>
    public IReadOnlyList<FlushSite> Closes => _closes;

    /// <summary>The streams handed to methods declared in source, which may fsync or flush them.</summary>
    public IReadOnlyList<StreamArgument> Arguments => _arguments;

    /// <summary>
    /// The calls that hand a stream to a source method that flushes it to the page cache only (<c>Flush(_data)</c> over
    /// <c>static void Flush(Stream s) =&gt; s.Flush()</c>), as flushes of that stream at the call. Not a FileStream
    /// parameter's: the helper's own flush of it is the finding.
    /// </summary>
    public List<FlushSite> FlushesThroughHelpers(Func<IMethodSymbol, int, FlushKind> flushesOnly)
    {
        var sites = new List<FlushSite>();
        foreach (var argument in _arguments)
        {
            if (argument.Ordinal < argument.Callee.Parameters.Length && !_model.IsFileStream(argument.Callee.Parameters[argument.Ordinal].Type) &&
                flushesOnly(argument.Callee, argument.Ordinal) is var kind and not FlushKind.None)
            {
                sites.Add(new FlushSite(argument.Call, kind, argument.Variable, argument.Caller));
            }
        }

        return sites;
    }

    /// <summary>The calls of <c>FileStream.Flush(true)</c> (or with a flag), whatever stream they name.</summary>
    public IReadOnlyList<FlushSite> FlushesToDisk => _flushesToDisk;

    /// <summary>Records what one operation does; safe to call from concurrent operation callbacks.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="member">The member whose body holds it, when known: fsyncs of fields in closing members are kept apart.</param>
    public void Add(IOperation operation, ISymbol? member = null)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                AddInvocation(invocation, member);
                break;
            case IInvalidOperation invalid:
                AddUnboundCall(invalid);
                break;
            case ISimpleAssignmentOperation assignment when IsRecorded(assignment.Target.Type):
                AddOrigin(FileApiModel.ResolveVariable(assignment.Target), assignment.Value);
                break;
            case ICoalesceAssignmentOperation lazy when IsRecorded(lazy.Target.Type):
                // _log ??= new FileStream(...): opened on first use.
                AddOrigin(FileApiModel.ResolveVariable(lazy.Target), lazy.Value);
                break;
            case IVariableDeclaratorOperation declarator when IsRecorded(declarator.Symbol.Type):
                AddOrigin(declarator.Symbol, declarator.Initializer?.Value ?? declarator.GetVariableInitializer()?.Value);
                break;
            case IVariableDeclaratorOperation { Symbol.Type.SpecialType: SpecialType.System_IntPtr } handle:
                // IntPtr handle = stream.SafeFileHandle.DangerousGetHandle(); FlushFileBuffers(handle): the handle is the stream's.
                AddHandleOrigin(handle.Symbol, handle.Initializer?.Value ?? handle.GetVariableInitializer()?.Value);
                break;
            case IFieldInitializerOperation fieldInitializer:
                foreach (var field in fieldInitializer.InitializedFields)
                {
                    if (IsRecorded(field.Type))
                    {
                        AddOrigin(field, fieldInitializer.Value);
                    }
                }

                break;
            case IPropertyInitializerOperation propertyInitializer:
                foreach (var property in propertyInitializer.InitializedProperties)
                {
                    if (IsRecorded(property.Type))
                    {
                        AddOrigin(property, propertyInitializer.Value);
                    }
                }

                break;
        }
    }

    /// <summary>Records every operation of <paramref name="type"/>'s methods and of its members' initializers, with the member each is in.</summary>
    public void AddType(Compilation compilation, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var (method, operation) in SourceBodies.OperationsOfMethods(compilation, type, cancellationToken))
        {
            Add(operation, method);
        }

        foreach (var (member, operation) in SourceBodies.OperationsOfInitializers(compilation, type, cancellationToken))
        {
            Add(operation, member);
        }
    }

    /// <summary>Records every operation under <paramref name="root"/>.</summary>
    public void AddTree(IOperation root)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            Add(operation);
        }
    }

    private void AddInvocation(IInvocationOperation invocation, ISymbol? member)
    {
        RecordWrites(invocation, member);
        AddCallbackStreams(invocation);
        if (IsCloseOfMember(invocation, out var closed))
        {
            lock (_gate)
            {
                _closes.Add(new FlushSite(invocation, FlushKind.ToPageCache, closed, member));
            }

            return;
        }

        var kind = _model.ClassifyFlush(invocation);
        if (kind == FlushKind.None && invocation.TargetMethod.Name is "Flush" or "FlushAsync" && ThroughFileType(invocation))
        {
            kind = invocation.TargetMethod.Name switch
            {
                "Flush" when invocation.TargetMethod.Parameters.Length == 0 => FlushKind.ToPageCache,
                "FlushAsync" => FlushKind.AsyncToPageCache,
                _ => FlushKind.None,
            };
        }

        // The type's own Flush() called from another of its members names no stream: it is one of the type's calls.
        if (kind is FlushKind.ToPageCache or FlushKind.AsyncToPageCache && StreamNamedBy(invocation.Instance) is { } flushed)
        {
            lock (_gate)
            {
                _flushes.Add(new FlushSite(invocation, kind, flushed, member));
            }

            return;
        }

        if (kind == FlushKind.ToDisk && invocation.TargetMethod.Parameters.Length == 1 && _model.IsFileStream(invocation.TargetMethod.ContainingType) &&
            invocation.TargetMethod.DeclaringSyntaxReferences.IsEmpty && StreamNamedBy(invocation.Instance) is { } synced)
        {
            lock (_gate)
            {
                _flushesToDisk.Add(new FlushSite(invocation, kind, synced, member));
            }
        }

        var target = _model.GetFsyncTarget(invocation);
        if (target is null && SyncsOwnFileType(invocation))
        {
            target = invocation.Instance;
        }

        if (target is not null)
        {
            var fsynced = StreamNamedBy(target);
            if (fsynced is not null)
            {
                lock (_gate)
                {
                    _fsyncs.Add((member, fsynced));
                }
            }

            // _active.Stream.Flush(true): an fsync of the file a project's file type exposes is an fsync of that value too.
            if (_abstractions is not null && FileApiModel.StripConversions(target) is IMemberReferenceOperation { Instance: { } owner } &&
                _abstractions.MayHideFile(owner.Type) && StreamNamedBy(owner) is { } holder)
            {
                lock (_gate)
                {
                    _fsyncs.Add((member, holder));
                }
            }

            return;
        }

        var callee = invocation.TargetMethod.OriginalDefinition;
        if (callee.DeclaringSyntaxReferences.IsEmpty && callee.PartialImplementationPart is null)
        {
            return;
        }

        if (IsInsideFacts(callee))
        {
            lock (_gate)
            {
                _ownCalls.Add((member, callee));
            }
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is null || !_model.IsTrackedType(argument.Parameter.Type))
            {
                continue;
            }

            var passed = StreamNamedBy(argument.Value);
            if (passed is not null)
            {
                lock (_gate)
                {
                    _arguments.Add(new StreamArgument(invocation, callee, argument.Parameter.Ordinal, passed, member));
                }
            }
        }
    }

    // _file.Sync() on an IFileStream, _encrypted.FlushToDisk() on a project's own Stream: a call that fsyncs the file inside.
    private bool SyncsOwnFileType(IInvocationOperation invocation) =>
        _abstractions is not null && !invocation.TargetMethod.IsStatic && _model.IsDeclaredHere(invocation.TargetMethod) &&
        invocation.Instance?.Type is { } type &&
        (_abstractions.MayHideFile(type) || (_model.IsDeclaredHere(type) && _model.IsTrackedType(type))) &&
        (FileApiModel.IsFlushWithTrue(invocation) || _abstractions.Fsyncs(invocation.TargetMethod, _cancellationToken));

    // A flush of a value of the project's own file type (_file.Flush() on an IFileStream).
    private bool ThroughFileType(IInvocationOperation invocation) =>
        _abstractions is not null && !invocation.TargetMethod.IsStatic && _abstractions.MayHideFile(invocation.Instance?.Type);

    // WithStream(new FileStream(...), stream => { ...; stream.Flush(); }): a call given one stream and a callback that
    // takes a stream hands the one to the other, so the callback's parameter sits on what the call was given.
    private void AddCallbackStreams(IInvocationOperation invocation)
    {
        // Most calls take no lambda: leave them before looking at any argument's type.
        var anyCallback = false;
        foreach (var argument in invocation.Arguments)
        {
            anyCallback |= argument.Value is IDelegateCreationOperation or IConversionOperation { Operand: IDelegateCreationOperation };
        }

        if (!anyCallback)
        {
            return;
        }

        IOperation? given = null;
        var streamsGiven = 0;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.Type is { } type && _model.IsTrackedType(type))
            {
                given = argument.Value;
                streamsGiven++;
            }
        }

        if (streamsGiven != 1)
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (FileApiModel.StripConversions(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation callback } &&
                SingleStreamParameter(callback.Symbol) is { } parameter)
            {
                AddOrigin(parameter, given);
            }
        }
    }

    private IParameterSymbol? SingleStreamParameter(IMethodSymbol callback)
    {
        IParameterSymbol? found = null;
        foreach (var parameter in callback.Parameters)
        {
            if (_model.IsTrackedType(parameter.Type))
            {
                if (found is not null)
                {
                    return null;
                }

                found = parameter;
            }
        }

        return found;
    }

    private void AddUnboundCall(IInvalidOperation invalid)
    {
        if (invalid.Syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax)
        {
            return;
        }

        foreach (var child in invalid.ChildOperations)
        {
            var value = child is IArgumentOperation argument ? argument.Value : child;
            if (StreamNamedBy(value) is { } stream)
            {
                lock (_gate)
                {
                    _handedToUnboundCalls.Add(stream);
                }
            }
        }
    }

    /// <summary>True when <paramref name="variable"/> is the receiver or an argument of a call that does not bind.</summary>
    public bool IsHandedToUnboundCall(ISymbol variable) => _handedToUnboundCalls.Contains(variable);

    // _data.Dispose(), _log?.Close(), _writer.Dispose(): a stream or writer member of this type (or a property exposing one)
    // closed, of a type whose file the runtime's Fsync.File can reach.
    private bool IsCloseOfMember(IInvocationOperation invocation, out ISymbol closed)
    {
        closed = null!;
        // _handle.Dispose() binds to SafeHandle's: the receiver's type says what is closed.
        if (invocation.TargetMethod is not { Name: "Dispose" or "Close" or "DisposeAsync", Parameters.Length: 0, IsStatic: false } ||
            !(_model.IsTrackedType(invocation.TargetMethod.ContainingType) || _model.IsTrackedType(invocation.Instance?.Type)))
        {
            return false;
        }

        var variable = StreamNamedBy(invocation.Instance);
        if (variable is not (IFieldSymbol or IPropertySymbol) || IsForeign(variable) || !_model.CanRuntimeReachFile(TypeOf(variable)))
        {
            return false;
        }

        closed = variable;
        return true;
    }

    // Which variables may receive data: a Write* call on them, or being handed to any call or wrapper.
    private void RecordWrites(IInvocationOperation invocation, ISymbol? member)
    {
        var receiver = FileApiModel.StripConversions(invocation.Instance);
        if (invocation.TargetMethod.Name.StartsWith("Write", StringComparison.Ordinal) || invocation.TargetMethod.Name.StartsWith("BeginWrite", StringComparison.Ordinal))
        {
            var written = FileApiModel.ResolveVariable(receiver);
            MarkWritten(written, givenData: true);
            if (written is IFieldSymbol or IPropertySymbol && member is not null && IsRecorded(TypeOf(written)))
            {
                lock (_gate)
                {
                    _memberWrites.Add(new FlushSite(invocation, FlushKind.None, written, member));
                }
            }

            if (receiver is IObjectCreationOperation wrapper)
            {
                foreach (var argument in wrapper.Arguments)
                {
                    MarkWritten(FileApiModel.ResolveVariable(argument.Value), givenData: true);
                }
            }
        }

        foreach (var argument in invocation.Arguments)
        {
            if (_model.IsTrackedType(argument.Value.Type ?? argument.Parameter?.Type))
            {
                MarkWritten(FileApiModel.ResolveVariable(argument.Value), givenData: !ReadingCallNames.IsRead(invocation.TargetMethod));
            }
        }
    }

    private void MarkWritten(ISymbol? variable, bool givenData)
    {
        if (variable is not null)
        {
            lock (_gate)
            {
                _written.Add(variable);
                if (givenData)
                {
                    _givenData.Add(variable);
                }
            }
        }
    }

    /// <summary>
    /// True when <paramref name="variable"/>, or the stream under it, is surely given data here: written by a Write call, on
    /// it or on a writer or alias over it, or handed to a call that is not a read.
    /// </summary>
    public bool IsGivenData(ISymbol variable) => AnyUnderneath(variable, v => IsGivenData(v, new HashSet<ISymbol>(SymbolEqualityComparer.Default)));

    private bool IsGivenData(ISymbol variable, HashSet<ISymbol> seen)
    {
        if (!seen.Add(variable))
        {
            return false;
        }

        if (_givenData.Contains(variable))
        {
            return true;
        }

        foreach (var pair in _origins)
        {
            foreach (var origin in pair.Value)
            {
                if (SymbolEqualityComparer.Default.Equals(origin.Underlying, variable) && IsGivenData(pair.Key, seen))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True for a private field that nothing here writes to, wraps or hands on: a stream kept for reading,
    /// whose Flush() has nothing of its own to make durable.
    /// </summary>
    public bool IsNeverWritten(ISymbol variable) =>
        variable is IFieldSymbol { DeclaredAccessibility: Accessibility.Private } && _model.IsFileStream(TypeOf(variable)) &&
        !MayBeWritten(variable, new HashSet<ISymbol>(SymbolEqualityComparer.Default));

    /// <summary>
    /// As <see cref="IsNeverWritten(ISymbol)"/> for the stream <paramref name="flush"/> flushes, and for a local opened in
    /// place whose only uses are flushing and closing it (<c>using (var marker = new FileStream(path, FileMode.Create))
    /// { marker.Flush(); }</c>): an empty marker file, whose directory entry is DUR002's to check.
    /// </summary>
    public bool IsNeverWritten(FlushSite flush) =>
        flush.Variable is ILocalSymbol local ? IsOnlyFlushedAndClosed(local, SourceBodies.RootOf(flush.Invocation)) : IsNeverWritten(flush.Variable);

    // Read from the body, not the facts: a stream handed to a constructor (new Utf8JsonWriter(fs)), written by a call of the
    // project's own type, or named in code that does not bind is used otherwise, and so may be written.
    private bool IsOnlyFlushedAndClosed(ILocalSymbol local, IOperation body)
    {
        var openedInPlace = false;
        foreach (var operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    openedInPlace = FileApiModel.StripConversions(declarator.Initializer?.Value ?? declarator.GetVariableInitializer()?.Value) switch
                    {
                        IObjectCreationOperation creation => _model.IsFileStream(creation.Type),
                        IInvocationOperation call => _model.OpensFile(call.TargetMethod),
                        _ => false,
                    };
                    break;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local) &&
                                                             !(reference.Parent is IInvocationOperation { TargetMethod.Name: "Flush" or "FlushAsync" or "Dispose" or "DisposeAsync" or "Close" } use &&
                                                               use.Instance == reference):
                    return false;
            }
        }

        return openedInPlace;
    }

    // Written directly, opened in a writing mode, wrapped by a writer, or copied into a variable that is written.
    private bool MayBeWritten(ISymbol variable, HashSet<ISymbol> seen)
    {
        if (!seen.Add(variable))
        {
            return false;
        }

        // A call that does not bind (record.CopyBinaryImageToStream(_file) on a type of a reference the build lacks) may write.
        if (_written.Contains(variable) || _handedToUnboundCalls.Contains(variable))
        {
            return true;
        }

        foreach (var pair in _origins)
        {
            foreach (var origin in pair.Value)
            {
                if (origin.OpensForWriting && SymbolEqualityComparer.Default.Equals(pair.Key, variable))
                {
                    return true;
                }

                if (SymbolEqualityComparer.Default.Equals(origin.Underlying, variable) &&
                    (origin.Kind != StreamOriginKind.Alias || MayBeWritten(pair.Key, seen)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void AddHandleOrigin(ISymbol handle, IOperation? value)
    {
        if (StreamNamedBy(value) is { } stream)
        {
            Record(handle, new StreamOrigin(StreamOriginKind.Alias, stream));
        }
    }

    private void AddOrigin(ISymbol? variable, IOperation? value)
    {
        if (variable is null || value is null)
        {
            return;
        }

        var origin = _model.ClassifyValue(value);
        if (_abstractions is not null && origin.Kind is StreamOriginKind.Unknown or StreamOriginKind.NotFile)
        {
            switch (FileApiModel.StripConversions(value))
            {
                case IObjectCreationOperation creation:
                    origin = ClassifyFileTypeCreation(creation, origin);
                    break;
                case var call when ReturnedByFactory(call) is var returned and not StreamOriginKind.Unknown:
                    // _stream = OpenSegment(path): what the project's own method returns.
                    origin = new StreamOrigin(returned);
                    break;
            }
        }

        Record(variable, origin);
    }

    // What a call of the project's own method that returns a stream it opens gives (OpenSegment(path), an interface's
    // GetOutputStream whose implementations open files), also when an argument's type is one the build does not have.
    private StreamOriginKind ReturnedByFactory(IOperation? value) => value switch
    {
        IInvocationOperation call => _abstractions!.Factories.Returns(call.TargetMethod, _cancellationToken),
        IInvalidOperation unbound when UnboundCalls.IntendedMethod(unbound) is { } intended => _abstractions!.Factories.Returns(intended, _cancellationToken),
        _ => StreamOriginKind.Unknown,
    };

    private void Record(ISymbol variable, StreamOrigin origin)
    {
        lock (_gate)
        {
            if (!_origins.TryGetValue(variable, out var list))
            {
                list = new List<StreamOrigin>(1);
                _origins.Add(variable, list);
            }

            list.Add(origin);
        }
    }

    // new PhysicalFileStream(path), new EncryptedFileStream(info, key): a type whose Flush() flushes the file it opens is
    // a file; new LogDevice(stream): one whose Flush() flushes the stream it is given wraps that stream.
    private StreamOrigin ClassifyFileTypeCreation(IObjectCreationOperation creation, StreamOrigin otherwise)
    {
        if (_abstractions!.FlushesFileToPageCache(creation.Type, _cancellationToken))
        {
            return new StreamOrigin(StreamOriginKind.File);
        }

        if (_abstractions.FlushedParameter(creation.Type, creation.Constructor, _cancellationToken) is not { } parameter)
        {
            return otherwise;
        }

        var inner = FileApiModel.ArgumentFor(creation, parameter.Ordinal);
        var underlying = FileApiModel.ResolveVariable(inner);
        var underlyingKind = underlying is null ? _model.ClassifyValue(inner).Kind : StreamOriginKind.Unknown;
        if (underlying is null && underlyingKind is StreamOriginKind.Unknown or StreamOriginKind.NotFile &&
            ReturnedByFactory(FileApiModel.StripConversions(inner)) is var returned and not StreamOriginKind.Unknown)
        {
            // new PageWriter(manager.GetOutputStream(path)): the wrapper is given what the project's factory opens.
            underlyingKind = returned;
        }

        return new StreamOrigin(StreamOriginKind.Wrapper, underlying, underlyingKind);
    }

    /// <summary>
    /// Every variable whose data some code here makes durable: the direct fsyncs, the arguments of calls
    /// that fsync them (<paramref name="calleeFsyncs"/> answers for methods outside these facts), and what
    /// lies underneath any of those (an fsynced writer fsyncs its file; an fsynced alias its original).
    /// </summary>
    /// <param name="calleeFsyncs">Answers whether a method outside these facts fsyncs its parameter.</param>
    /// <param name="includeClosing">Whether fsyncs in closing members count (for flushes in closing members).</param>
    /// <remarks>A member's fsync of a field before copying the file elsewhere (a backup) covers only that member's flushes.</remarks>
    public HashSet<ISymbol> ComputeFsynced(Func<IMethodSymbol, int, bool> calleeFsyncs, bool includeClosing = false)
    {
        var fsynced = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var anyInCopy = false;
        foreach (var (member, variable) in _fsyncs)
        {
            var inCopy = InCopy(member, variable);
            anyInCopy |= inCopy;
            if ((includeClosing || !AtClose(member, variable)) && !inCopy)
            {
                fsynced.Add(variable);
            }
        }

        var arguments = anyInCopy ? _arguments.FindAll(argument => !CopyingMembers.IsCopying(argument.Caller)) : _arguments;
        return Close(fsynced, arguments, calleeFsyncs);
    }

    // A field's fsync in a closing member leaves every earlier flush of the field exposed to a power cut; one in a member
    // that copies the file elsewhere (a backup) covers only that member's flushes.
    private static bool AtClose(ISymbol? member, ISymbol fsynced) => fsynced is IFieldSymbol or IPropertySymbol && ClosingMembers.IsClosing(member);

    private static bool InCopy(ISymbol? member, ISymbol fsynced) => fsynced is IFieldSymbol or IPropertySymbol && CopyingMembers.IsCopying(member);

    /// <summary>
    /// The first member, in source order, that copies the file elsewhere (a backup) and fsyncs <paramref name="variable"/>
    /// or what lies under it first, or null.
    /// </summary>
    public ISymbol? CopyingMemberThatFsyncs(ISymbol variable)
    {
        ISymbol? first = null;
        foreach (var (member, fsynced) in _fsyncs)
        {
            if (member is not null && InCopy(member, fsynced) && IsReachedBy(variable, fsynced) &&
                (first is null || SourceOrder.Compare(member, first) < 0))
            {
                first = member;
            }
        }

        return first;
    }

    /// <summary>
    /// What <paramref name="member"/> itself makes durable before it returns: its own fsyncs, and those of the type's
    /// methods it calls (and they call), directly or by passing a stream on. Fsyncs in other members do not count.
    /// </summary>
    public HashSet<ISymbol> ComputeFsyncedWithin(ISymbol member, Func<IMethodSymbol, int, bool> calleeFsyncs)
    {
        var reached = RunsWithin(member);
        var fsynced = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var (by, variable) in _fsyncs)
        {
            if (by is not null && reached.Contains(by))
            {
                fsynced.Add(variable);
            }
        }

        return Close(fsynced, _arguments.FindAll(argument => argument.Caller is not null && reached.Contains(argument.Caller)), calleeFsyncs);
    }

    /// <summary><paramref name="member"/> and the type's methods it calls, directly or through others: what runs before it returns.</summary>
    public HashSet<ISymbol> RunsWithin(ISymbol member) => ReachedByOwnCalls(member, towardCallees: true);

    /// <summary>
    /// The members of the type that call <paramref name="member"/>, directly or through the type's other methods:
    /// a commit that hands its flush to a private helper still returns when the helper does.
    /// </summary>
    public List<ISymbol> CallersOf(ISymbol member)
    {
        var callers = new List<ISymbol>(ReachedByOwnCalls(member, towardCallees: false));
        callers.RemoveAll(caller => SymbolEqualityComparer.Default.Equals(caller, member));
        return callers;
    }

    // The members reached from member along the calls between the type's own methods, forward (what it calls) or back (who calls it).
    private HashSet<ISymbol> ReachedByOwnCalls(ISymbol member, bool towardCallees)
    {
        var reached = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { member };
        var pending = new Stack<ISymbol>();
        pending.Push(member);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var (caller, callee) in _ownCalls)
            {
                var (from, to) = towardCallees ? (caller, (ISymbol?)callee) : (callee, caller);
                if (to is not null && SymbolEqualityComparer.Default.Equals(from, current) && reached.Add(to))
                {
                    pending.Push(to);
                }
            }
        }

        return reached;
    }

    // The fsynced set grown to a fixed point: streams passed to methods that fsync them, and what lies underneath.
    private HashSet<ISymbol> Close(HashSet<ISymbol> fsynced, List<StreamArgument> arguments, Func<IMethodSymbol, int, bool> calleeFsyncs)
    {
        var calleeAnswers = new Dictionary<(IMethodSymbol, int), bool>();
        bool changed;
        do
        {
            changed = false;
            foreach (var argument in arguments)
            {
                if (fsynced.Contains(argument.Variable) || argument.Ordinal >= argument.Callee.Parameters.Length)
                {
                    continue;
                }

                if (fsynced.Contains(argument.Callee.Parameters[argument.Ordinal]) ||
                    AskOnce(calleeAnswers, argument, calleeFsyncs))
                {
                    fsynced.Add(argument.Variable);
                    changed = true;
                }
            }

            changed |= AddUnderlying(fsynced);
        }
        while (changed);

        return fsynced;
    }

    private bool AskOnce(Dictionary<(IMethodSymbol, int), bool> answers, StreamArgument argument, Func<IMethodSymbol, int, bool> calleeFsyncs)
    {
        var key = (argument.Callee, argument.Ordinal);
        if (!answers.TryGetValue(key, out var answer))
        {
            // Parameters of code inside these facts (own methods, local functions) are already answered by the set itself.
            answer = !IsInsideFacts(argument.Callee) && calleeFsyncs(argument.Callee, argument.Ordinal);
            answers.Add(key, answer);
        }

        return answer;
    }

    private bool IsInsideFacts(IMethodSymbol callee) =>
        callee.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction ||
        (_owner is not null && SymbolEqualityComparer.Default.Equals(callee.ContainingType, _owner));

    private bool AddUnderlying(HashSet<ISymbol> fsynced)
    {
        var added = false;
        var pending = new Stack<ISymbol>(fsynced);
        while (pending.Count > 0)
        {
            if (!_origins.TryGetValue(pending.Pop(), out var origins))
            {
                continue;
            }

            foreach (var origin in origins)
            {
                if (origin.Underlying is not null && fsynced.Add(origin.Underlying))
                {
                    pending.Push(origin.Underlying);
                    added = true;
                }
            }
        }

        return added;
    }

    /// <summary>True when <paramref name="variable"/> is a member of another type than the one these facts hold (<c>_active.Stream</c>).</summary>
    public bool IsForeign(ISymbol variable) =>
        variable is IFieldSymbol or IPropertySymbol && _owner is not null &&
        !SymbolEqualityComparer.Default.Equals(variable.ContainingType, _owner) && !IsContainedIn(_owner, variable.ContainingType);

    private static bool IsContainedIn(INamedTypeSymbol type, INamedTypeSymbol? container)
    {
        for (var current = type.ContainingType; current is not null; current = current.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, container))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="variable"/>, or a stream it wraps or copies, is in <paramref name="fsynced"/>, or is
    /// written through: its flushes need no fsync.
    /// </summary>
    public bool IsCovered(ISymbol variable, HashSet<ISymbol> fsynced) =>
        AnyUnderneath(variable, v => fsynced.Contains(v) || IsWriteThrough(v));

    /// <summary>
    /// True when <paramref name="variable"/>, or a stream it wraps or copies, is in <paramref name="fsynced"/>: an fsync
    /// of those reaches its data. Unlike <see cref="IsCovered"/>, says nothing of write-through, for questions about
    /// where the fsyncs are.
    /// </summary>
    public bool IsReachedBy(ISymbol variable, HashSet<ISymbol> fsynced) => AnyUnderneath(variable, fsynced.Contains);

    /// <summary>As <see cref="IsReachedBy(ISymbol, HashSet{ISymbol})"/>, for the fsync of one stream.</summary>
    public bool IsReachedBy(ISymbol variable, ISymbol fsynced) =>
        AnyUnderneath(variable, v => SymbolEqualityComparer.Default.Equals(v, fsynced));

    private bool IsWriteThrough(ISymbol variable)
    {
        if (_origins.TryGetValue(variable, out var origins))
        {
            foreach (var origin in origins)
            {
                if (origin.Kind == StreamOriginKind.WriteThroughFile || origin.UnderlyingKind == StreamOriginKind.WriteThroughFile)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The one member (field or property of this type) that every value of <paramref name="variable"/> wraps, or null:
    /// the variable a fix can fsync when the wrapper itself hides its stream.
    /// </summary>
    public ISymbol? WrappedMember(ISymbol variable)
    {
        var wrapped = WrappedVariable(variable);
        return wrapped is IFieldSymbol or IPropertySymbol ? wrapped : null;
    }

    /// <summary>The one variable (a member or a local) every value of <paramref name="variable"/> wraps, if there is one.</summary>
    public ISymbol? WrappedVariable(ISymbol variable)
    {
        if (!_origins.TryGetValue(variable, out var origins) || origins.Count == 0)
        {
            return null;
        }

        ISymbol? wrapped = null;
        foreach (var origin in origins)
        {
            if (origin.Kind != StreamOriginKind.Wrapper || origin.Underlying is null ||
                (wrapped is not null && !SymbolEqualityComparer.Default.Equals(wrapped, origin.Underlying)))
            {
                return null;
            }

            wrapped = origin.Underlying;
        }

        return wrapped;
    }

    /// <summary>
    /// True when every value <paramref name="variable"/> is given opens its file for reading only, as far as these facts see:
    /// .NET skips <c>Flush(true)</c> on such a stream, so it fsyncs nothing.
    /// </summary>
    public bool IsOpenedReadOnly(ISymbol variable)
    {
        if (!_origins.TryGetValue(variable, out var origins) || origins.Count == 0)
        {
            return false;
        }

        foreach (var origin in origins)
        {
            if (!origin.OpensReadOnly)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="variable"/> is, or sits on, a file on disk.</summary>
    public bool IsFileBacked(ISymbol variable) =>
        AnyUnderneath(variable, v =>
        {
            var auxiliaryOnly = false;
            if (_origins.TryGetValue(v, out var origins))
            {
                auxiliaryOnly = true;
                foreach (var origin in origins)
                {
                    if (origin.Kind == StreamOriginKind.File || origin.UnderlyingKind == StreamOriginKind.File)
                    {
                        return true;
                    }

                    auxiliaryOnly &= origin.Kind == StreamOriginKind.AuxiliaryFile || origin.UnderlyingKind == StreamOriginKind.AuxiliaryFile;
                }
            }

            // A FileStream is a file whatever opened it, unless every value it is given opens a lock or export file; so is a
            // project's own file type, whatever its values.
            return !auxiliaryOnly &&
                   (_model.IsFileStream(TypeOf(v)) || (_abstractions is not null && _abstractions.FlushesFileToPageCache(TypeOf(v), _cancellationToken)));
        });

    /// <summary>
    /// True unless a value seen for <paramref name="variable"/> is known not to be a file (a MemoryStream, a network stream)
    /// or to be a lock or export file.
    /// </summary>
    public bool MayBeFileBacked(ISymbol variable) =>
        !AnyUnderneath(variable, v =>
        {
            if (_origins.TryGetValue(v, out var origins))
            {
                foreach (var origin in origins)
                {
                    if (origin.Kind is StreamOriginKind.NotFile or StreamOriginKind.AuxiliaryFile)
                    {
                        return true;
                    }
                }
            }

            return false;
        });

    /// <summary>The parameters of <paramref name="method"/> whose values <paramref name="variable"/> is, holds or wraps.</summary>
    public List<IParameterSymbol> ParametersUnder(ISymbol variable, IMethodSymbol method) =>
        ParametersUnder(variable, parameter => SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method));

    /// <summary>True when every value recorded for <paramref name="variable"/> is one of <paramref name="parameters"/> (<c>_file = file</c>).</summary>
    public bool HoldsOnly(ISymbol variable, List<IParameterSymbol> parameters)
    {
        if (!_origins.TryGetValue(variable, out var origins) || origins.Count == 0)
        {
            return false;
        }

        foreach (var origin in origins)
        {
            if (origin.Kind != StreamOriginKind.Alias || origin.Underlying is not IParameterSymbol parameter ||
                !parameters.Exists(p => SymbolEqualityComparer.Default.Equals(p, parameter)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The constructor parameters whose values <paramref name="variable"/> holds or wraps (<c>_stream = stream</c> in the
    /// constructor): what it is depends on what each creation of the type is given.
    /// </summary>
    public List<IParameterSymbol> ConstructorParametersUnder(ISymbol variable) =>
        ParametersUnder(variable, parameter => parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } && _model.IsTrackedType(parameter.Type));

    private List<IParameterSymbol> ParametersUnder(ISymbol variable, Func<IParameterSymbol, bool> keep)
    {
        var parameters = new List<IParameterSymbol>();
        AnyUnderneath(variable, v =>
        {
            if (v is IParameterSymbol parameter && keep(parameter))
            {
                parameters.Add(parameter);
            }

            return false;
        });

        return parameters;
    }

    private bool AnyUnderneath(ISymbol variable, Func<ISymbol, bool> predicate)
    {
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ISymbol>();
        pending.Push(variable);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current))
            {
                continue;
            }

            if (predicate(current))
            {
                return true;
            }

            if (_origins.TryGetValue(current, out var origins))
            {
                foreach (var origin in origins)
                {
                    if (origin.Underlying is not null)
                    {
                        pending.Push(origin.Underlying);
                    }
                }
            }
        }

        return false;
    }

    public static ITypeSymbol? TypeOf(ISymbol variable) => variable switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        ILocalSymbol local => local.Type,
        IParameterSymbol parameter => parameter.Type,
        _ => null,
    };
}
