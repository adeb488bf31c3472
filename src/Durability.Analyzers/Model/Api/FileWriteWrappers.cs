using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// The project's own one-call wrappers over System.IO's writes and openings: <c>void WriteAllText(string path, string
/// text) =&gt; File.WriteAllText(path, text)</c> on a <c>PhysicalFileSystem</c>, <c>Stream OpenWrite(string path) =&gt; new
/// FileStream(path, FileMode.Create)</c>, or an interface method (<c>IFileSystem.AddFile</c>) whose implementations in the
/// compilation all wrap the same call alike. A call to a wrapper is read as the System.IO call it makes (<see cref="Call"/>),
/// with the caller's arguments for the wrapper's parameters, so every rule sees a file written through the project's file
/// system as it sees one written directly. Renames and deletions are <see cref="EntryForwarders"/>'. A wrapper in storage
/// code (by its type's name, or a type that fsyncs) is checked in its own body, and is not read through at its calls.
/// </summary>
internal sealed class FileWriteWrappers
{
    // A wrapper is a few lines around one call (argument checks, a log line); a longer method is logic of its own.
    private const int MaxWrapperLength = 1200;

    // What a wrapper's text spells: a File method that writes or opens, a directory created, or a stream opened on a path.
    // Readers (File.ReadAllText, File.Exists) are the most common one-line file methods and are not wrappers of a write.
    private static readonly string[] SystemIOWords =
    {
        "File.WriteAll", "File.AppendAll", "File.Create", "File.Open", "File.Copy", "File.AppendText", "Directory.CreateDirectory",
        "FileStream(", "StreamWriter(",
    };

    // A body that syncs or writes through makes its own promise; it is not a plain wrapper.
    private static readonly string[] PromiseWords = { "Flush", "Sync", "WriteThrough" };

    private readonly Compilation _compilation;
    private readonly Configuration.TypeIntents _intents;
    private readonly FsyncEvidence _evidence;
    private readonly System.Lazy<HashSet<string>> _names;
    private readonly System.Lazy<string[]> _nameArray;
    private readonly ConcurrentDictionary<IMethodSymbol, Wrapper> _wrappers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Wrapper> _openings = new(SymbolEqualityComparer.Default);

    public FileWriteWrappers(Compilation compilation, Configuration.TypeIntents intents, FsyncEvidence evidence)
    {
        _compilation = compilation;
        _intents = intents;
        _evidence = evidence;
        _names = new System.Lazy<HashSet<string>>(() => NamesOf(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
        _nameArray = new System.Lazy<string[]>(() => new List<string>(_names.Value).ToArray(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// The names of the compilation's methods that may be wrappers (short, and spelling a System.IO call): a body that
    /// spells none of them calls no wrapper.
    /// </summary>
    public string[] Names => _nameArray.Value;

    /// <summary>True when a method named <paramref name="name"/> may wrap a System.IO write or opening.</summary>
    public bool MayWrap(string name) => _names.Value.Contains(name);

    /// <summary>The wrapper <paramref name="method"/> is, or null.</summary>
    public Wrapper? Of(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.Parameters.IsEmpty || !FileIdentity.HasPathParameter(method) ||
            !_names.Value.Contains(method.Name))
        {
            return null;
        }

        method = method.OriginalDefinition;
        var wrapper = _wrappers.TryGetValue(method, out var known) ? known : _wrappers.GetOrAdd(method, Compute(method));
        return wrapper.Wrapped is null ? null : wrapper;
    }

    /// <summary>
    /// The opening <paramref name="method"/> makes on its path parameter, in any type, storage code's included
    /// (<c>BinaryWriter GetWriter(string path) =&gt; new BinaryWriter(File.Open(path, FileMode.Create))</c>), or null. Its
    /// callers write and close what it opens, so what a stream's close owes is checked there; the opening's own directory
    /// entry stays the wrapper's to check, which is why <see cref="Of"/> does not read storage code through.
    /// </summary>
    public Wrapper? OpeningOf(IMethodSymbol method)
    {
        if (method.IsAbstract)
        {
            return null;
        }

        // A wrapper read through at its calls already is one; storage code's, which Of leaves alone, is read here once.
        var opening = Of(method);
        if (opening is null && method.MethodKind == MethodKind.Ordinary && method.ContainingType is { } holder && IsCheckedItself(holder) &&
            !method.Parameters.IsEmpty && FileIdentity.HasPathParameter(method) && _names.Value.Contains(method.Name))
        {
            method = method.OriginalDefinition;
            opening = _openings.TryGetValue(method, out var known) ? known : _openings.GetOrAdd(method, OfBody(method, checkedItselfCounts: false));
        }

        return opening?.Wrapped is { } wrapped && IsOpening(wrapped) ? opening : null;
    }

    /// <summary>
    /// The opening a constructor of the project makes on its path parameter into a member of its type (RunUO's
    /// <c>BinaryFileWriter(string filename, ...) { m_File = new FileStream(filename, FileMode.Create, ...); }</c>), when the
    /// type shows no fsync (<see cref="FsyncEvidence"/>): <c>new BinaryFileWriter(World.IndexPath, false)</c> opens the file its argument names, and the
    /// object's writes and close are that file's. Null for any other constructor.
    /// </summary>
    public Wrapper? ConstructorOpeningOf(IMethodSymbol constructor)
    {
        if (constructor.MethodKind != MethodKind.Constructor || constructor.Parameters.IsEmpty || !FileIdentity.HasPathParameter(constructor) ||
            constructor.ContainingType is not { TypeKind: TypeKind.Class } type)
        {
            return null;
        }

        constructor = constructor.OriginalDefinition;
        var opening = _openings.TryGetValue(constructor, out var known)
            ? known
            : _openings.GetOrAdd(constructor, IsWriterOverItsFile(constructor, type) ? OfBody(constructor, checkedItselfCounts: false) : Wrapper.None);
        return opening.Wrapped is { } wrapped && IsOpening(wrapped) ? opening : null;
    }

    // The opening is kept in a member of the type (m_File = new FileStream(filename, ...)), and nothing in the type fsyncs.
    private bool IsWriterOverItsFile(IMethodSymbol constructor, INamedTypeSymbol type)
    {
        if (_evidence.InType(type, CancellationToken.None))
        {
            return false;
        }

        foreach (var body in SourceBodies.Of(_compilation, constructor, CancellationToken.None))
        {
            foreach (var operation in body.Descendants())
            {
                if (operation is ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation } assignment &&
                    FileApiModel.StripConversions(assignment.Value) is IObjectCreationOperation { Type: { } created } && SystemIO.Is(created, "FileStream"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True for the System.IO calls that open a stream on a path: new FileStream(path, ...), new StreamWriter(path, ...),
    /// File.Open/Create/OpenWrite/CreateText/AppendText.</summary>
    internal static bool IsOpening(IMethodSymbol wrapped) =>
        wrapped.MethodKind == MethodKind.Constructor
            ? SystemIO.Is(wrapped.ContainingType, "FileStream") || SystemIO.Is(wrapped.ContainingType, "StreamWriter")
            : SystemIO.Is(wrapped.ContainingType, "File") && wrapped.Name is "Open" or "Create" or "OpenWrite" or "CreateText" or "AppendText";

    private Wrapper Compute(IMethodSymbol method)
    {
        if (!method.IsAbstract)
        {
            return OfBody(method);
        }

        // An interface or abstract method: every implementation that wraps a System.IO call wraps the same one alike; one
        // that spells none (an in-memory double for tests) is not counted.
        Wrapper? found = null;
        foreach (var implementation in SourceImplementations.Of(_compilation, method, CancellationToken.None))
        {
            if (!SourceTextSearch.AnyDeclarationContains(implementation, SystemIOWords, CancellationToken.None))
            {
                continue;
            }

            var wrapper = OfBody(implementation);
            if (wrapper.Wrapped is null || (found is not null && !found.SameAs(wrapper)))
            {
                return Wrapper.None;
            }

            found = wrapper;
        }

        return found ?? Wrapper.None;
    }

    // One System.IO write or opening, on the method's own path parameters, in a type that is not storage code.
    private Wrapper OfBody(IMethodSymbol method, bool checkedItselfCounts = true)
    {
        if (!SourceBodies.CanSummarise(method) || method.ContainingType is not { } holder ||
            (checkedItselfCounts && IsCheckedItself(holder) && !ImplementsInterface(method)) ||
            SourceTextSearch.AnyDeclarationContains(method, PromiseWords, CancellationToken.None))
        {
            return Wrapper.None;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.Span.Length > MaxWrapperLength)
            {
                return Wrapper.None;
            }
        }

        IOperation? only = null;
        foreach (var body in SourceBodies.Of(_compilation, method, CancellationToken.None))
        {
            foreach (var operation in body.Descendants())
            {
                var kind = operation.Kind is OperationKind.Invocation or OperationKind.ObjectCreation ? KindOf(operation) : SystemIOCall.None;
                if (kind is SystemIOCall.None or SystemIOCall.Query)
                {
                    // File.Exists(path) before the write is a check, not a second change.
                    continue;
                }

                if (kind == SystemIOCall.Other || only is not null)
                {
                    return Wrapper.None;
                }

                only = operation;
            }
        }

        return only is null ? Wrapper.None : Mapped(method, only);
    }

    /// <summary>
    /// True when <paramref name="member"/> is a wrapper that implements a file-system interface of the project
    /// (<c>PhysicalFileSystem.OverwriteFile(path, text) =&gt; File.WriteAllText(path, text)</c> for <c>IFileSystem</c>), or
    /// one of a static class of file helpers that is storage code only by its namespace: it does what its callers ask, so
    /// its write is checked at their calls, where the file is named, and not in its body (an interface's even in a type
    /// that fsyncs elsewhere).
    /// </summary>
    public bool IsCheckedAtCalls(ISymbol member) =>
        member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsAbstract: false } method && _names.Value.Contains(method.Name) &&
        ((ImplementsInterface(method) && (Of(method) is not null || CallsOnlyAWrapperOfItsType(method))) ||
         (method.ContainingType is { } holder && IsFileHelperClass(holder) && Of(method) is not null));

    // OpenFile(path, access, share) => OpenFile(path, FileMode.OpenOrCreate, access, share): an overload that fills in an
    // argument and calls the type's wrapper passes its caller's request on as that wrapper does.
    private bool CallsOnlyAWrapperOfItsType(IMethodSymbol method)
    {
        IInvocationOperation? only = null;
        foreach (var body in SourceBodies.Of(_compilation, method, CancellationToken.None))
        {
            foreach (var operation in body.Descendants())
            {
                if (operation is IInvocationOperation invocation)
                {
                    if (only is not null)
                    {
                        return false;
                    }

                    only = invocation;
                }
            }
        }

        return only is { TargetMethod: var target } && !SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method.OriginalDefinition) &&
               SymbolEqualityComparer.Default.Equals(target.ContainingType, method.ContainingType) && Of(target) is not null;
    }

    private static bool ImplementsInterface(IMethodSymbol method)
    {
        if (!method.ExplicitInterfaceImplementations.IsEmpty)
        {
            return true;
        }

        if (method.DeclaredAccessibility != Accessibility.Public || method.ContainingType is not { } type)
        {
            return false;
        }

        foreach (var contract in type.AllInterfaces)
        {
            foreach (var candidate in contract.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(candidate), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // A type the rules check themselves: its wrapper's change is reported in its body, once, not at every call.
    private bool IsCheckedItself(INamedTypeSymbol holder) => _intents.IsStorageByDefault(holder, CancellationToken.None) && !IsFileHelperClass(holder);

    // A static class of file helpers that is storage code only by its namespace (Jarvis.DocumentStore.Shared.Helpers.DsFile,
    // long-path versions of File's methods): it does what its callers ask, and is read through at their calls.
    private bool IsFileHelperClass(INamedTypeSymbol holder) => holder.IsStatic && _intents.IsStorageByNamespaceOnly(holder, CancellationToken.None);

    private enum SystemIOCall
    {
        None,
        Query,
        Write,
        Other,
    }

    // File.* and Directory.* static methods, and FileStream and StreamWriter constructors. A rename or a deletion is not a
    // write: a wrapper that makes one as well is logic of its own.
    private static SystemIOCall KindOf(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation { TargetMethod: { IsStatic: true } target } when SystemIO.Is(target.ContainingType, "File") || SystemIO.Is(target.ContainingType, "Directory"):
                var name = target.Name;
                if (name is "Exists" || name.StartsWith("Get", System.StringComparison.Ordinal) || name.StartsWith("Read", System.StringComparison.Ordinal) ||
                    name.StartsWith("Enumerate", System.StringComparison.Ordinal))
                {
                    return SystemIOCall.Query;
                }

                return name is "Move" or "Replace" or "Delete" ? SystemIOCall.Other : SystemIOCall.Write;
            case IInvocationOperation { TargetMethod.ContainingType: var owner } when SystemIO.Declares(owner) && !SystemIO.Is(owner, "Path"):
                // A stream's or FileInfo's own method (a copy, a FileInfo.Delete): not a one-call wrapper.
                return SystemIOCall.Other;
            case IObjectCreationOperation { Constructor: { } constructor }:
                return SystemIO.Is(constructor.ContainingType, "FileStream") || SystemIO.Is(constructor.ContainingType, "StreamWriter")
                    ? SystemIOCall.Write
                    : SystemIOCall.None;
            default:
                return SystemIOCall.None;
        }
    }

    // Each argument of the wrapped call is one of the wrapper's parameters or a constant; each path it is given is a parameter.
    private static Wrapper Mapped(IMethodSymbol method, IOperation call)
    {
        var wrapped = call is IInvocationOperation invocation ? invocation.TargetMethod : ((IObjectCreationOperation)call).Constructor!;
        var parameterFor = new int[wrapped.Parameters.Length];
        var constants = new IOperation?[wrapped.Parameters.Length];
        for (var ordinal = 0; ordinal < parameterFor.Length; ordinal++)
        {
            parameterFor[ordinal] = -1;
            var argument = FileApiModel.ArgumentFor(call, ordinal);
            if (argument is null)
            {
                continue;
            }

            if (PassedParameters.OrdinalOf(argument, method) is { } parameter)
            {
                parameterFor[ordinal] = parameter;
            }
            else if (argument.ConstantValue.HasValue && !IsPath(wrapped.Parameters[ordinal]))
            {
                constants[ordinal] = argument;
            }
            else
            {
                return Wrapper.None;
            }
        }

        var returned = call.Parent;
        while (returned is IConversionOperation)
        {
            returned = returned.Parent;
        }

        return new Wrapper(wrapped, parameterFor, constants, returnsWrapped: returned is IReturnOperation);
    }

    private static bool IsPath(IParameterSymbol parameter) =>
        parameter.Type.SpecialType == SpecialType.System_String &&
        (parameter.Name.EndsWith("path", System.StringComparison.OrdinalIgnoreCase) || parameter.Name.EndsWith("FileName", System.StringComparison.OrdinalIgnoreCase));

    // The names are the file's syntax alone: kept with the tree, so the IDE's next compilation reads only the edited file.
    private static readonly SyntaxTreeCache<string[]> NamesByTree = new(NamesIn);

    private static HashSet<string> NamesOf(Compilation compilation)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            names.UnionWith(NamesByTree.Of(tree));
        }

        return names;
    }

    // Short methods whose text spells a System.IO call, found by reading text and type-level declarations only: the places
    // the file spells one are found once, and each method asks whether one is within it.
    private static string[] NamesIn(SyntaxTree tree)
    {
        var positions = new List<int>();
        foreach (var word in SystemIOWords)
        {
            SourceTextSearch.FindAll(tree, new Microsoft.CodeAnalysis.Text.TextSpan(0, tree.Length), word, positions, default);
        }

        if (positions.Count == 0)
        {
            return System.Array.Empty<string>();
        }

        positions.Sort();
        var names = new List<string>();
        foreach (var node in tree.GetRoot().DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is MethodDeclarationSyntax { ParameterList.Parameters.Count: > 0 } declaration && declaration.Span.Length <= MaxWrapperLength &&
                (declaration.Body is not null || declaration.ExpressionBody is not null) && AnyWithin(positions, declaration.Span) &&
                !SourceTextSearch.ContainsAny(tree, declaration.Span, PromiseWords, default) && !names.Contains(declaration.Identifier.ValueText))
            {
                names.Add(declaration.Identifier.ValueText);
            }

            // A writer type's constructor that opens its path (new BinaryFileWriter(path)): its callers spell the type's name.
            if (node is ConstructorDeclarationSyntax { ParameterList.Parameters.Count: > 0 } constructor && constructor.Span.Length <= MaxWrapperLength &&
                AnyWithin(positions, constructor.Span) && !names.Contains(constructor.Identifier.ValueText))
            {
                names.Add(constructor.Identifier.ValueText);
            }
        }

        return names.Count == 0 ? System.Array.Empty<string>() : names.ToArray();
    }

    private static bool AnyWithin(List<int> sortedPositions, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        var index = sortedPositions.BinarySearch(span.Start);
        if (index < 0)
        {
            index = ~index;
        }

        return index < sortedPositions.Count && sortedPositions[index] < span.End;
    }

    /// <summary>The System.IO method a wrapper calls, and where each of its arguments comes from.</summary>
    internal sealed class Wrapper
    {
        public static readonly Wrapper None = new(null, System.Array.Empty<int>(), System.Array.Empty<IOperation?>(), returnsWrapped: false);

        private readonly int[] _parameterFor;
        private readonly IOperation?[] _constants;

        public Wrapper(IMethodSymbol? wrapped, int[] parameterFor, IOperation?[] constants, bool returnsWrapped)
        {
            Wrapped = wrapped;
            _parameterFor = parameterFor;
            _constants = constants;
            ReturnsWrapped = returnsWrapped;
        }

        /// <summary>The System.IO method or constructor the wrapper calls.</summary>
        public IMethodSymbol? Wrapped { get; }

        /// <summary>True when the wrapper returns what the wrapped call returns (the stream it opens), not something made from it.</summary>
        public bool ReturnsWrapped { get; }

        /// <summary>The wrapper's parameter that <see cref="Wrapped"/>'s parameter <paramref name="ordinal"/> is given, or -1.</summary>
        public int ParameterFor(int ordinal) => ordinal >= 0 && ordinal < _parameterFor.Length ? _parameterFor[ordinal] : -1;

        /// <summary>The constant the wrapper passes for <see cref="Wrapped"/>'s parameter <paramref name="ordinal"/>, or null.</summary>
        public IOperation? ConstantFor(int ordinal) => ordinal >= 0 && ordinal < _constants.Length ? _constants[ordinal] : null;

        public bool SameAs(Wrapper other)
        {
            if (!SymbolEqualityComparer.Default.Equals(Wrapped, other.Wrapped) || ReturnsWrapped != other.ReturnsWrapped)
            {
                return false;
            }

            for (var ordinal = 0; ordinal < _parameterFor.Length; ordinal++)
            {
                if (_parameterFor[ordinal] != other._parameterFor[ordinal] ||
                    !Equals(_constants[ordinal]?.ConstantValue.Value, other._constants[ordinal]?.ConstantValue.Value))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
