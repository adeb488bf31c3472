using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Files a type creates only when they are missing (<c>if (!File.Exists(ConfigPath)) File.Create(ConfigPath).Close();</c>
/// in its start-up): the code that made the entry makes it again after a crash that lost it. An empty file made that
/// way and only ever rewritten whole loses nothing with its entry, and the type's writes of the same file in its other
/// methods are writes to a file that exists (DUR004's), not new entries. Only paths built from members and constants count
/// across methods: a local or parameter of one method names another file in the next.
/// </summary>
internal sealed class CreatedWhenMissing
{
    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<INamedTypeSymbol, TypeFiles> _byType = new(SymbolEqualityComparer.Default);

    public CreatedWhenMissing(Compilation compilation) => _compilation = compilation;

    /// <summary>
    /// True when <paramref name="creation"/> makes a placeholder: an empty file at a path built from members and constants,
    /// only when it is missing, that the type only ever rewrites whole (a rewrite made durable renames a new file over it and
    /// syncs the directory). A marker made empty at a path from a parameter (a record that a workload is installed) is state
    /// whose existence matters, made once; and a data file the type appends to keeps what it appends only while this entry
    /// lasts: neither is one.
    /// </summary>
    public bool IsPlaceholder(INamedTypeSymbol type, IOperation creation, IOperation path, CancellationToken cancellationToken) =>
        IsBuiltFromMembers(path) && IsGuardedByAbsence(creation, path) && WritesNothing(creation) &&
        !FilesOf(type, cancellationToken).Appended.Contains(FileIdentity.Of(path));

    /// <summary>True when <paramref name="write"/> runs only where <c>!File.Exists(path)</c> holds, for the file <paramref name="path"/> names.</summary>
    public static bool IsGuardedByAbsence(IOperation write, IOperation path)
    {
        var file = FileIdentity.Of(path);
        return StructuredPaths.IsInBranchWhere(write, condition => IsAbsenceTest(condition) is { } tested && tested.Equals(file));
    }

    /// <summary>
    /// True when <paramref name="creation"/> writes nothing into the file it makes: <c>File.Create(p).Close()</c>,
    /// <c>using (File.Create(p)) { }</c>, <c>File.WriteAllText(p, "")</c>. Defaults written when missing are contents the
    /// user may change next, and their entry is the creation's to make durable.
    /// </summary>
    private static bool WritesNothing(IOperation creation)
    {
        if (EmptyContents.AreWrittenBy(creation))
        {
            return true;
        }

        // The opened stream is closed at once, thrown away, or the resource of an empty using.
        if (creation.Type is null or { SpecialType: SpecialType.System_Void })
        {
            return false;
        }

        return creation.Parent switch
        {
            IInvocationOperation { TargetMethod.Name: "Close" or "Dispose", Arguments.Length: 0 } closed => ReferenceEquals(closed.Instance, creation),
            IExpressionStatementOperation => true,
            IUsingOperation { Body: IBlockOperation { Operations.Length: 0 } } => true,
            _ => false,
        };
    }

    /// <summary>
    /// True when another method of <paramref name="type"/> than <paramref name="writer"/> creates the file <paramref name="path"/>
    /// names when it is missing, so that it exists whenever the type writes it elsewhere. A method that makes the file when
    /// missing in one branch and anew in another (<c>Create(Overwrite)</c>, <c>Create(DoNothingIfExists)</c>) creates it in both.
    /// </summary>
    public bool IsEnsuredByItsType(INamedTypeSymbol type, ISymbol writer, IOperation path, CancellationToken cancellationToken)
    {
        if (!IsBuiltFromMembers(path) || !FilesOf(type, cancellationToken).Ensured.TryGetValue(FileIdentity.Of(path), out var ensuring))
        {
            return false;
        }

        foreach (var method in ensuring)
        {
            if (SymbolEqualityComparer.Default.Equals(method, writer.OriginalDefinition))
            {
                return false;
            }
        }

        return true;
    }

    // One pass over the type's bodies, when its text tests a file's existence: every question here starts from such a test.
    private TypeFiles FilesOf(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        type = type.OriginalDefinition;
        if (_byType.TryGetValue(type, out var known))
        {
            return known;
        }

        var files = new TypeFiles();
        if (SourceTextSearch.AnyDeclarationContains(type, ExistsWords, cancellationToken))
        {
            foreach (var (method, operation) in SourceBodies.OperationsOfMethods(_compilation, type, cancellationToken))
            {
                if (operation is IConditionalOperation { WhenTrue: { } created } conditional && AbsenceTestPath(conditional.Condition) is { } tested &&
                    IsBuiltFromMembers(tested) && FileIdentity.Of(tested) is var file && Creates(created, file))
                {
                    if (!files.Ensured.TryGetValue(file, out var methods))
                    {
                        files.Ensured.Add(file, methods = new List<IMethodSymbol>());
                    }

                    methods.Add(method.OriginalDefinition);
                }
                else if (AppendedPath(operation) is { } appended)
                {
                    files.Appended.Add(FileIdentity.Of(appended));
                }
            }
        }

        return _byType.GetOrAdd(type, files);
    }

    private static readonly string[] ExistsWords = { "Exists(" };

    // What a type's bodies show of its files: those it creates when missing (with the methods that do), and those it appends to.
    private sealed class TypeFiles
    {
        public Dictionary<FileIdentity, List<IMethodSymbol>> Ensured { get; } = new();

        public HashSet<FileIdentity> Appended { get; } = new();
    }

    // The file a System.IO call appends to: File.AppendAll*, AppendText, FileMode.Append or OpenOrCreate, new StreamWriter(path, true).
    private static IOperation? AppendedPath(IOperation operation)
    {
        var (method, arguments) = operation switch
        {
            IInvocationOperation call => (call.TargetMethod, call.Arguments),
            IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, creation.Arguments),
            _ => (null, default),
        };

        if (method is null || arguments.IsDefaultOrEmpty || arguments[0].Value.Type?.SpecialType != SpecialType.System_String ||
            method.ContainingType is not { } holder || !SystemIO.Declares(holder))
        {
            return null;
        }

        if (method.Name.StartsWith("AppendAll", System.StringComparison.Ordinal) || method.Name == "AppendText")
        {
            return arguments[0].Value;
        }

        foreach (var argument in arguments)
        {
            // A FileMode is read from its constant, as UnwrittenOpenings and FileApiModel read it.
            if ((argument.Parameter?.Type is { Name: "FileMode" } mode && SystemIO.Declares(mode) &&
                 argument.Value.ConstantValue is { HasValue: true, Value: FileModes.Append or FileModes.OpenOrCreate }) ||
                (argument.Parameter is { Name: "append" } && argument.Value.ConstantValue is { HasValue: true, Value: true }))
            {
                return arguments[0].Value;
            }
        }

        return null;
    }

    // A call or creation in the branch given the same file: File.Create(p), new StreamWriter(p), File.WriteAllText(p, ...).
    private static bool Creates(IOperation branch, FileIdentity file)
    {
        foreach (var operation in branch.DescendantsAndSelf())
        {
            var arguments = operation switch
            {
                IInvocationOperation call => call.Arguments,
                IObjectCreationOperation creation => creation.Arguments,
                _ => default,
            };

            if (!arguments.IsDefaultOrEmpty && arguments[0].Value.Type?.SpecialType == SpecialType.System_String &&
                FileIdentity.Of(arguments[0].Value).Equals(file))
            {
                return true;
            }
        }

        return false;
    }

    // !File.Exists(path): the file it tests.
    private static FileIdentity? IsAbsenceTest(IOperation condition) =>
        AbsenceTestPath(condition) is { } path ? FileIdentity.Of(path) : null;

    private static IOperation? AbsenceTestPath(IOperation condition) =>
        condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var tested } ? ExistingFiles.TestedPath(tested) : null;

    // No local or parameter anywhere in the path: the same file in every method of the type.
    private static bool IsBuiltFromMembers(IOperation path)
    {
        foreach (var operation in path.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation or IParameterReferenceOperation)
            {
                return false;
            }
        }

        return true;
    }
}
