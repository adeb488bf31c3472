using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Resolves the path expressions of one body to the directories they lie in or name, following locals to their one
/// initializer, <c>Path.Combine</c>, <c>GetDirectoryName</c>, <c>GetFullPath</c>, concatenation, FileInfo and DirectoryInfo,
/// and path-building helpers: the parent of <c>path</c>, of <c>path + ".tmp"</c> and of <c>Path.Combine(dir, name)</c>
/// are all the directory of <c>Fsync.ParentDirectory(path)</c> or <c>Fsync.Directory(dir)</c>.
/// </summary>
internal sealed class PathResolver
{
    private readonly Dictionary<ILocalSymbol, IOperation?> _initializers = new(SymbolEqualityComparer.Default);
    private readonly System.Func<IInvocationOperation, IOperation?>? _helperDirectory;

    private readonly System.Func<IInvocationOperation, IOperation?>? _helperSibling;

    private readonly System.Func<ISymbol, IOperation?>? _memberValue;

    /// <param name="body">The method body whose locals' initializers may be followed.</param>
    /// <param name="helperDirectory">The directory a path-building helper's result lies in, seen from the caller, if known.</param>
    /// <param name="memberValue">The one value a field or property of the type is given at construction, if known.</param>
    /// <param name="helperSibling">The caller's argument whose file a path-building helper's result lies beside, if known.</param>
    public PathResolver(
        IOperation body,
        System.Func<IInvocationOperation, IOperation?>? helperDirectory = null,
        System.Func<ISymbol, IOperation?>? memberValue = null,
        System.Func<IInvocationOperation, IOperation?>? helperSibling = null)
    {
        _helperDirectory = helperDirectory;
        _helperSibling = helperSibling;
        _memberValue = memberValue;
        foreach (var operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    var initializer = declarator.Initializer?.Value ?? declarator.GetVariableInitializer()?.Value;
                    _initializers[declarator.Symbol] = _initializers.ContainsKey(declarator.Symbol) ? null : initializer;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation assigned }:
                    // A reassigned local may hold another path later: do not follow it.
                    _initializers[assigned.Local] = null;
                    break;
            }
        }
    }

    /// <summary>The value a local of the body is initialised with, when it is assigned nowhere else.</summary>
    public IOperation? InitializerOf(ILocalSymbol local) => _initializers.TryGetValue(local, out var initializer) ? initializer : null;

    private const int MaxDepth = 4;

    // A rule asks for the same path's directory once per question (each change, each sync that may follow it): each is
    // resolved once per body. Identities are never changed once made, so they can be handed out again.
    private readonly Dictionary<IOperation, DirectoryIdentity> _parents = new();
    private readonly Dictionary<IOperation, DirectoryIdentity> _directories = new();

    /// <summary>The directory the file <paramref name="path"/> (a string or a FileInfo) lies in.</summary>
    public DirectoryIdentity ParentOf(IOperation path)
    {
        if (_parents.TryGetValue(path, out var known))
        {
            return known;
        }

        var keys = new List<string>(4);
        AddParentOf(path, keys, 0, OwnBody);
        return _parents[path] = new DirectoryIdentity(keys);
    }

    /// <summary>The directory <paramref name="directory"/> names itself.</summary>
    public DirectoryIdentity DirectoryOf(IOperation directory)
    {
        if (_directories.TryGetValue(directory, out var known))
        {
            return known;
        }

        var keys = new List<string>(4);
        AddDirectory(directory, keys, 0, OwnBody);
        return _directories[directory] = new DirectoryIdentity(keys);
    }

    /// <summary>
    /// The directory above the one the file <paramref name="path"/> lies in: where the entry of a directory created for the
    /// file (<c>Directory.CreateDirectory(Path.GetDirectoryName(path))</c>) is.
    /// </summary>
    public DirectoryIdentity AboveDirectoryOf(IOperation path)
    {
        var keys = new List<string>(4);
        AddAboveDirectoryOf(path, keys, 0, OwnBody);
        return new DirectoryIdentity(keys);
    }

    private void AddAboveDirectoryOf(IOperation? path, List<string> keys, int depth, string scope)
    {
        path = Strip(path);
        if (path is null || depth > MaxDepth)
        {
            return;
        }

        DirectoryIdentity.AddKey(keys, "above:" + Scoped(PathKeys.Of(path), scope));
        if (InDirectory(path) is { } directory)
        {
            // Path.Combine(dir, name) lies in dir: above it is dir's parent.
            AddParentOf(directory, keys, depth + 1, scope);
        }
        else if (Beside(path, ref scope) is { } same)
        {
            AddAboveDirectoryOf(same, keys, depth + 1, scope);
        }
    }

    private void AddParentOf(IOperation? path, List<string> keys, int depth, string scope)
    {
        path = Strip(path);
        if (path is null || depth > MaxDepth)
        {
            return;
        }

        DirectoryIdentity.AddKey(keys, "parent:" + Scoped(PathKeys.Of(path), scope));
        if (path is { ConstantValue: { HasValue: true, Value: string constant } })
        {
            var slash = constant.LastIndexOfAny(PathSeparators.Characters);
            DirectoryIdentity.AddKey(keys, "dir:\"" + (slash < 0 ? "." : constant.Substring(0, slash)) + "\"");
        }
        else if (InDirectory(path) is { } directory)
        {
            AddDirectory(directory, keys, depth + 1, scope);
        }
        else if (PathArgument(path, "GetDirectoryName", 1) is { } child)
        {
            // The parent of Path.GetDirectoryName(file) is the directory above file's.
            AddAboveDirectoryOf(child, keys, depth + 1, scope);
        }
        else if (path is IPropertyReferenceOperation { Property.Name: "DirectoryName" or "Directory", Instance: { } info } && SystemIO.Is(info.Type, "FileInfo"))
        {
            AddAboveDirectoryOf(info, keys, depth + 1, scope);
        }
        else if (Beside(path, ref scope) is { } same)
        {
            AddParentOf(same, keys, depth + 1, scope);
        }
    }

    // The directory a path is built in: Path.Combine(dir, name), dir + _S + name, root.CreateSubdirectory("wal"), and a
    // path helper's result (SegmentPath(n) => Path.Combine(_dir, ...) lies in _dir).
    private IOperation? InDirectory(IOperation path) => path switch
    {
        IInvocationOperation or IInvalidOperation when PathArgument(path, "Combine", 2) is { } combined => combined,
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, LeftOperand: IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } inner } concat
            when PathSeparators.IsSeparator(inner.RightOperand) && !PathSeparators.IsSeparator(concat.RightOperand) => inner.LeftOperand,
        IInvocationOperation { TargetMethod.Name: "CreateSubdirectory", Instance: { } parent } when SystemIO.Is(parent.Type, "DirectoryInfo") => parent,
        IInvocationOperation helper when _helperDirectory?.Invoke(helper) is { } directory => directory,
        _ => null,
    };

    // A path naming a file in the same directory as this one: path + ".tmp" or + a number or GUID, $"{path}.{n}.tmp",
    // info.FullName, Path.GetFullPath(path), Path.ChangeExtension(path, ext), new FileInfo(path), a local's one initializer,
    // a helper's argument its result lies beside (GetTempPath(destination)), and a member's one value at construction,
    // whose keys are kept apart from this body's (scope).
    private IOperation? Beside(IOperation path, ref string scope)
    {
        switch (path)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concat when IsNameSuffix(concat.RightOperand):
                return concat.LeftOperand;
            case IInterpolatedStringOperation interpolated:
                return BesideItsFirstPart(interpolated);
            case IPropertyReferenceOperation { Property.Name: "FullName" or "Name", Instance: { } info }:
                return info;
            case IObjectCreationOperation info when info.Arguments.Length == 1 && (SystemIO.Is(info.Type, "FileInfo") || SystemIO.Is(info.Type, "DirectoryInfo")):
                return info.Arguments[0].Value;
            case ILocalReferenceOperation local:
                return SingleInitializer(local.Local);
            case IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation } member when MemberValue(member) is { } value:
                scope = ConstructionScope;
                return value;
            case IInvocationOperation or IInvalidOperation:
                return PathArgument(path, "GetFullPath", 0) ?? PathArgument(path, "ChangeExtension", 2) ??
                       (path is IInvocationOperation helper ? _helperSibling?.Invoke(helper) : null);
            default:
                return null;
        }
    }

    // The path an interpolated string begins with, when nothing after it can name another directory: text without a
    // separator, and numbers or GUIDs (a date could print a slash).
    private static IOperation? BesideItsFirstPart(IInterpolatedStringOperation interpolated)
    {
        if (interpolated.Parts.Length < 2 || interpolated.Parts[0] is not IInterpolationOperation { Alignment: null, FormatString: null } first)
        {
            return null;
        }

        for (var i = 1; i < interpolated.Parts.Length; i++)
        {
            switch (interpolated.Parts[i])
            {
                case IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string text } } when text.IndexOfAny(PathSeparators.Characters) < 0:
                    continue;
                case IInterpolationOperation { Expression.Type: { } type } when IsNumberOrGuid(type):
                    continue;
                default:
                    return null;
            }
        }

        return first.Expression;
    }

    // What can follow a path in a concatenation and stay in its name: text without a separator, a number or a GUID
    // (a date could print a slash), as a value or through its ToString.
    private static bool IsNameSuffix(IOperation suffix)
    {
        suffix = Strip(suffix)!;
        return suffix switch
        {
            { ConstantValue: { HasValue: true, Value: string text } } => text.IndexOfAny(PathSeparators.Characters) < 0,
            IInvocationOperation { TargetMethod.Name: "ToString", Instance.Type: { } type } => IsNumberOrGuid(type),
            { Type: { } type } => IsNumberOrGuid(type),
            _ => false,
        };
    }

    private static bool IsNumberOrGuid(ITypeSymbol type) =>
        type.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_UInt64 ||
        type is { Name: "Guid", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private void AddDirectory(IOperation? directory, List<string> keys, int depth, string scope)
    {
        directory = Strip(directory);
        if (directory is null || depth > MaxDepth)
        {
            return;
        }

        DirectoryIdentity.AddKey(keys, "dir:" + Scoped(PathKeys.Of(directory), scope));
        switch (directory)
        {
            case IInvocationOperation or IInvalidOperation when PathArgument(directory, "GetDirectoryName", 1) is { } parent:
                AddParentOf(parent, keys, depth + 1, scope);
                break;
            case IPropertyReferenceOperation { Property.Name: "DirectoryName" or "Directory", Instance: { } info }:
                AddParentOf(info, keys, depth + 1, scope);
                break;
            case IPropertyReferenceOperation { Property.Name: "Parent", Instance: { } info } when SystemIO.Is(info.Type, "DirectoryInfo"):
                AddParentOf(info, keys, depth + 1, scope);
                break;
            case IInvocationOperation or IInvalidOperation when Call.TryRead(directory, out var call) && call.Method.Name == "GetParent" &&
                                                                 SystemIO.Is(call.Method.ContainingType, "Directory") && call.ArgumentFor(0) is { } child:
                // Directory.GetParent(path) is the directory path lies in.
                AddParentOf(child, keys, depth + 1, scope);
                break;
            case IPropertyReferenceOperation { Property.Name: "FullName", Instance: { } info }:
                AddDirectory(info, keys, depth + 1, scope);
                break;
            case IObjectCreationOperation info when info.Arguments.Length == 1 && SystemIO.Is(info.Type, "DirectoryInfo"):
                // new DirectoryInfo(dir) names dir.
                AddDirectory(info.Arguments[0].Value, keys, depth + 1, scope);
                break;
            case IInvocationOperation or IInvalidOperation when PathArgument(directory, "GetFullPath", 0) is { } full:
                AddDirectory(full, keys, depth + 1, scope);
                break;
            case ILocalReferenceOperation local when SingleInitializer(local.Local) is { } initializer:
                AddDirectory(initializer, keys, depth + 1, scope);
                break;
            case IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation } member when MemberValue(member) is { } value:
                // _directory = Path.GetDirectoryName(path) in the constructor.
                AddDirectory(value, keys, depth + 1, ConstructionScope);
                break;
        }
    }

    private static IOperation? Strip(IOperation? operation)
    {
        operation = FileApiModel.StripConversions(operation);
        return operation is null ? null : FileApiModel.StripConversions(WithoutDirectoryFallback(operation));
    }

    /// <summary>
    /// <c>Path.GetDirectoryName(path) ?? Path.GetTempPath()</c> is <c>Path.GetDirectoryName(path)</c>: the fallback is for a
    /// path that names no directory, and names no other folder. Any other <c>??</c> (<c>filename ?? DefaultName</c>) is a value.
    /// </summary>
    public static IOperation WithoutDirectoryFallback(IOperation path) =>
        FileApiModel.StripConversions(path) is ICoalesceOperation coalesce && FileApiModel.StripConversions(coalesce.Value) is { } first &&
        PathArgument(first, "GetDirectoryName", 1) is not null
            ? coalesce.Value
            : path;

    // Keys of this body's locals and parameters, and of code built from them, mean nothing in a constructor's value: those
    // are kept apart. Members and constants mean the same everywhere in the type.
    private const string OwnBody = "";
    private const string ConstructionScope = "construction:";

    private static string Scoped(string key, string scope) =>
        scope.Length == 0 || key.StartsWith("member:", System.StringComparison.Ordinal) || key.StartsWith("\"", System.StringComparison.Ordinal) ? key : scope + key;

    private IOperation? MemberValue(IMemberReferenceOperation reference) =>
        reference is IFieldReferenceOperation or IPropertyReferenceOperation ? _memberValue?.Invoke(reference.Member) : null;

    /// <summary>
    /// The first argument of a call to Path.<paramref name="method"/> taking <paramref name="parameters"/> parameters
    /// (any number when 0), bound or read from an unbound call; null for any other operation.
    /// </summary>
    public static IOperation? PathArgument(IOperation operation, string method, int parameters) =>
        Call.TryRead(operation, out var call) && SystemIO.IsPathMethod(call.Method, method) &&
        (parameters == 0 || call.Method.Parameters.Length == parameters)
            ? call.ArgumentFor(0)
            : null;

    private IOperation? SingleInitializer(ILocalSymbol local) =>
        _initializers.TryGetValue(local, out var initializer) ? initializer : null;
}
