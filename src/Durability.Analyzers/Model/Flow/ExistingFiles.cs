using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Whether a file a body opens for writing is known to exist already: the write runs only under <c>if (File.Exists(path))</c>,
/// past a guard that leaves when it is missing (<c>if (!File.Exists(path)) throw ...;</c>), or after the body has read the
/// whole file on every path to it (<c>File.ReadAllText(path)</c>, <c>doc.Load(path)</c>, a reader opened on it), which throws
/// when there is none. Writing over an existing file adds no directory entry: a settings file loaded, changed and saved again
/// is a rewrite in place (DUR004's), not a new file whose entry can be lost. The same tests of <c>Directory.Exists</c> show
/// that a directory creation makes nothing.
/// </summary>
internal static class ExistingFiles
{
    /// <summary>True when the file <paramref name="path"/> names exists whenever <paramref name="write"/> runs.</summary>
    public static bool ExistsAt(IOperation write, IOperation path)
    {
        var file = FileIdentity.Of(path);
        return IsGuardedByExists(write, file, "File") ||
               StructuredPaths.IsPrecededOnEveryPath(write, operation => Reads(operation, file) && !IsCaughtApart(operation, write));
    }

    /// <summary>True when the directory <paramref name="path"/> names exists whenever <paramref name="creation"/> runs.</summary>
    public static bool DirectoryExistsAt(IOperation creation, IOperation path) =>
        IsGuardedByExists(creation, FileIdentity.Of(path), "Directory");

    // A read in a try whose catch goes on without it (load or use defaults) does not show that the file exists.
    private static bool IsCaughtApart(IOperation read, IOperation write)
    {
        for (var parent = read.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is ITryOperation { Catches.Length: > 0 } @try && !@try.Syntax.Span.Contains(write.Syntax.Span))
            {
                return true;
            }
        }

        return false;
    }

    // File.Exists(path), alone or in an &&; or past if (!File.Exists(path)) return, alone or in an ||.
    private static bool IsGuardedByExists(IOperation write, FileIdentity file, string systemType) =>
        StructuredPaths.IsInBranchWhere(write, condition => Tests(condition, file, systemType)) ||
        StructuredPaths.IsPastGuardWhere(write, condition =>
            condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var tested } && Tests(tested, file, systemType));

    private static bool Tests(IOperation condition, FileIdentity file, string systemType) =>
        TestedPath(condition, systemType) is { } tested && FileIdentity.Of(tested).Equals(file);

    /// <summary>
    /// The path <paramref name="operation"/> tests the existence of, when it is <c>File.Exists(path)</c> (or the
    /// <paramref name="systemType"/>'s: <c>Directory.Exists(path)</c>); else null.
    /// </summary>
    public static IOperation? TestedPath(IOperation operation, string systemType = "File") =>
        operation is IInvocationOperation { TargetMethod.Name: "Exists", Arguments.Length: 1 } exists && SystemIO.Is(exists.TargetMethod.ContainingType, systemType)
            ? exists.Arguments[0].Value
            : null;

    // A read of the whole file that throws when it is missing: File.ReadAll*, File.OpenRead/OpenText, XmlDocument.Load and
    // XDocument.Load, new StreamReader(path).
    private static bool Reads(IOperation operation, FileIdentity file)
    {
        switch (operation)
        {
            case IInvocationOperation { TargetMethod: var method, Arguments.Length: > 0 } call when ReadsWhole(method):
                return FileIdentity.Of(call.Arguments[0].Value).Equals(file);
            case IObjectCreationOperation { Type.Name: "StreamReader", Arguments.Length: > 0, Constructor: { } constructor } creation
                when SystemIO.Declares(creation.Type) && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String:
                return FileIdentity.Of(creation.Arguments[0].Value).Equals(file);
            default:
                return false;
        }
    }

    private static bool ReadsWhole(IMethodSymbol method) =>
        method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_String &&
        (SystemIO.Is(method.ContainingType, "File") &&
         (method.Name.StartsWith("ReadAll", System.StringComparison.Ordinal) || method.Name is "OpenRead" or "OpenText") ||
         method.Name == "Load" && WholeFileSaves.IsXmlDocument(method.ContainingType));
}
