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
        switch (path)
        {
            case IInvocationOperation or IInvalidOperation when PathArgument(path, "Combine", 2) is { } combined:
                // Path.Combine(dir, name) lies in dir: above it is dir's parent.
                AddParentOf(combined, keys, depth + 1, scope);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, RightOperand.ConstantValue: { HasValue: true, Value: string suffix } } concat
                when suffix.IndexOfAny(PathSeparators.Characters) < 0:
                AddAboveDirectoryOf(concat.LeftOperand, keys, depth + 1, scope);
                break;
            case IPropertyReferenceOperation { Property.Name: "FullName" or "Name", Instance: { } info }:
                AddAboveDirectoryOf(info, keys, depth + 1, scope);
                break;
            case IInvocationOperation or IInvalidOperation when (PathArgument(path, "GetFullPath", 0) ?? PathArgument(path, "ChangeExtension", 2)) is { } same:
                AddAboveDirectoryOf(same, keys, depth + 1, scope);
                break;
            case IObjectCreationOperation info when info.Arguments.Length == 1 && SystemIO.Is(info.Type, "FileInfo"):
                AddAboveDirectoryOf(info.Arguments[0].Value, keys, depth + 1, scope);
                break;
            case ILocalReferenceOperation local when SingleInitializer(local.Local) is { } initializer:
                AddAboveDirectoryOf(initializer, keys, depth + 1, scope);
                break;
            case IInvocationOperation helper when _helperDirectory?.Invoke(helper) is { } directory:
                AddParentOf(directory, keys, depth + 1, scope);
                break;
            case IInvocationOperation helper when _helperSibling?.Invoke(helper) is { } sibling:
                AddAboveDirectoryOf(sibling, keys, depth + 1, scope);
                break;
            case IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation } member when MemberValue(member) is { } value:
                AddAboveDirectoryOf(value, keys, depth + 1, ConstructionScope);
                break;
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
        switch (path)
        {
            case { ConstantValue: { HasValue: true, Value: string constant } }:
                var slash = constant.LastIndexOfAny(PathSeparators.Characters);
                DirectoryIdentity.AddKey(keys, "dir:\"" + (slash < 0 ? "." : constant.Substring(0, slash)) + "\"");
                break;
            case IInvocationOperation or IInvalidOperation when PathArgument(path, "Combine", 2) is { } combined:
                AddDirectory(combined, keys, depth + 1, scope);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concat when IsNameSuffix(concat.RightOperand):
                // path + ".tmp" and path + ".tmp-" + Guid.NewGuid().ToString("N") live beside path.
                AddParentOf(concat.LeftOperand, keys, depth + 1, scope);
                break;
            case IInterpolatedStringOperation interpolated when BesideItsFirstPart(interpolated) is { } first:
                // $"{path}_temp" and $"{path}.{n}.tmp" live beside path.
                AddParentOf(first, keys, depth + 1, scope);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, LeftOperand: IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } inner } concat
                when PathSeparators.IsSeparator(inner.RightOperand) && !PathSeparators.IsSeparator(concat.RightOperand):
                // dir + _S + name lies in dir.
                AddDirectory(inner.LeftOperand, keys, depth + 1, scope);
                break;
            case IPropertyReferenceOperation { Property.Name: "FullName" or "Name", Instance: { } info }:
                AddParentOf(info, keys, depth + 1, scope);
                break;
            case IInvocationOperation { TargetMethod.Name: "CreateSubdirectory", Instance: { } parent } when SystemIO.Is(parent.Type, "DirectoryInfo"):
                // root.CreateSubdirectory("wal") lies in root.
                AddDirectory(parent, keys, depth + 1, scope);
                break;
            case IInvocationOperation or IInvalidOperation when PathArgument(path, "GetFullPath", 0) is { } full:
                // Path.GetFullPath(path) names the same file as path.
                AddParentOf(full, keys, depth + 1, scope);
                break;
            case IInvocationOperation or IInvalidOperation when PathArgument(path, "ChangeExtension", 2) is { } renamed:
                // Path.ChangeExtension(item, ".err") lies beside item.
                AddParentOf(renamed, keys, depth + 1, scope);
                break;
            case IInvocationOperation or IInvalidOperation when PathArgument(path, "GetDirectoryName", 1) is { } child:
                // The parent of Path.GetDirectoryName(file) is the directory above file's.
                AddAboveDirectoryOf(child, keys, depth + 1, scope);
                break;
            case IPropertyReferenceOperation { Property.Name: "DirectoryName" or "Directory", Instance: { } info } when SystemIO.Is(info.Type, "FileInfo"):
                AddAboveDirectoryOf(info, keys, depth + 1, scope);
                break;
            case IObjectCreationOperation info when info.Arguments.Length == 1 && (SystemIO.Is(info.Type, "FileInfo") || SystemIO.Is(info.Type, "DirectoryInfo")):
                AddParentOf(info.Arguments[0].Value, keys, depth + 1, scope);
                break;
            case ILocalReferenceOperation local when SingleInitializer(local.Local) is { } initializer:
                AddParentOf(initializer, keys, depth + 1, scope);
                break;
            case IInvocationOperation helper when _helperDirectory?.Invoke(helper) is { } directory:
                // SegmentPath(n) => Path.Combine(_dir, ...) lies in _dir.
                AddDirectory(directory, keys, depth + 1, scope);
                break;
            case IInvocationOperation helper when _helperSibling?.Invoke(helper) is { } sibling:
                // GetTempPath(destination) => Path.Combine(Path.GetDirectoryName(destination), ...) lies beside destination.
                AddParentOf(sibling, keys, depth + 1, scope);
                break;
            case IMemberReferenceOperation { Instance: null or IInstanceReferenceOperation } member when MemberValue(member) is { } value:
                AddParentOf(value, keys, depth + 1, ConstructionScope);
                break;
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

    private static IOperation? Strip(IOperation? operation) => FileApiModel.StripConversions(operation);

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
