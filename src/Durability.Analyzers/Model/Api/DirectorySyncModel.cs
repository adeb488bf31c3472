using System.Collections.Generic;
using System.Threading;
using Durability.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Recognises calls that make a directory durable: Durability.Runtime's Fsync.Directory,
/// Fsync.ParentDirectory and Fsync.ParentDirectoryEntry, methods named in configuration, and methods in the compilation that open a
/// path through a native <c>open</c> and fsync the descriptor (P/Invoke, or a SafeFileHandle and
/// RandomAccess.FlushToDisk), or that call such a method. Each method is judged once per compilation.
/// </summary>
internal sealed class DirectorySyncModel
{
    private readonly Compilation _compilation;
    private readonly FileApiModel _files;
    private readonly MethodSummaryCache<bool> _syncMethods;
    private readonly MethodSummaryCache<bool> _openingMethods;

    public DirectorySyncModel(Compilation compilation, FileApiModel files)
    {
        _compilation = compilation;
        _files = files;
        _syncMethods = new MethodSummaryCache<bool>(SyncsDirectory, nothing: false);
        _openingMethods = new MethodSummaryCache<bool>(ReturnsNativeOpen, nothing: false);
    }

    /// <summary>
    /// The directory <paramref name="operation"/> fsyncs, or null when it fsyncs none. A call that does not bind
    /// (an argument of an unresolved type) is read as the method it means, like the changes it follows.
    /// </summary>
    public DirectoryIdentity? SyncedDirectory(IOperation operation, PathResolver keys, MethodNamePatterns configured, CancellationToken cancellationToken)
    {
        if (operation.Kind is not (OperationKind.Invocation or OperationKind.Invalid) || !Call.TryRead(operation, out var call))
        {
            return null;
        }

        var method = call.Method;
        if (IsRuntimeFsync(method))
        {
            var argument = call.ArgumentFor(0);
            return argument is null ? null : method.Name switch
            {
                "Directory" => keys.DirectoryOf(argument),
                "ParentDirectoryEntry" => keys.AboveDirectoryOf(argument),
                _ => keys.ParentOf(argument),
            };
        }

        if (_files.IsDurableReplace(method))
        {
            return call.ArgumentFor(0) is { } written ? keys.ParentOf(written) : null;
        }

        if (configured.Matches(method) || IsDirectorySyncMethod(method, cancellationToken))
        {
            // A helper's parameter may be the directory or a file in it; its body says which when it opens the parameter itself
            // (the directory) or its parent, and otherwise either reading is accepted. Syncing a new directory itself makes the
            // entries in it durable, not its own entry in its parent.
            foreach (var parameter in method.Parameters)
            {
                if (call.ArgumentFor(parameter.Ordinal) is { } argument &&
                    (argument.Type?.SpecialType == SpecialType.System_String || parameter.Type.SpecialType == SpecialType.System_String))
                {
                    return TargetOf(method, parameter, cancellationToken) switch
                    {
                        HelperTarget.Parent => keys.ParentOf(argument),
                        HelperTarget.Directory => keys.DirectoryOf(argument),
                        _ => keys.DirectoryOf(argument).Or(keys.ParentOf(argument)),
                    };
                }
            }

            return DirectoryIdentity.Any;
        }

        return null;
    }

    private enum HelperTarget
    {
        Either,
        Directory,
        Parent,
    }

    // What a directory-sync helper opens with its parameter: the path itself (open(path): the directory it is given), or
    // its parent (open(Path.GetDirectoryName(path))). Read only for helpers of the code's own, once a sync is met.
    private HelperTarget TargetOf(IMethodSymbol method, IParameterSymbol parameter, CancellationToken cancellationToken, int depth = 0)
    {
        if (!SourceBodies.CanSummarise(method) || depth > 2)
        {
            return HelperTarget.Either;
        }

        var found = HelperTarget.Either;
        foreach (var body in SourceBodies.Of(_compilation, method, cancellationToken))
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is not IInvocationOperation { Arguments.Length: > 0 } call)
                {
                    continue;
                }

                HelperTarget? opened = null;
                if (IsNativeOpen(call.TargetMethod) || (IsRuntimeFsync(call.TargetMethod) && call.TargetMethod.Name == "Directory"))
                {
                    opened = Opened(call.Arguments[0].Value, parameter, body, depth: 0);
                }
                else if (!call.TargetMethod.ReturnsVoid && SourceBodies.CanSummarise(call.TargetMethod) && _openingMethods.Get(call.TargetMethod, cancellationToken))
                {
                    // int fd = OpenDirectory(path): what the opening helper opens of its own parameter, seen through this call.
                    var inner = call.TargetMethod.Parameters[0];
                    opened = Through(TargetOf(call.TargetMethod, inner, cancellationToken, depth + 1), Opened(call.Arguments[0].Value, parameter, body, depth: 0));
                }

                if (opened is { } target)
                {
                    if (target == HelperTarget.Either || (found != HelperTarget.Either && found != target))
                    {
                        return HelperTarget.Either;
                    }

                    found = target;
                }
            }
        }

        return found;
    }

    // An opening helper given a value: it opens the value itself (Directory) or its parent (Parent), whatever the value is.
    private static HelperTarget Through(HelperTarget inner, HelperTarget outer) =>
        (inner, outer) switch
        {
            (HelperTarget.Directory, _) => outer,
            (HelperTarget.Parent, HelperTarget.Directory) => HelperTarget.Parent,
            _ => HelperTarget.Either,
        };

    // The parameter itself, its parent, or something else (Either), through locals and conversions.
    private static HelperTarget Opened(IOperation value, IParameterSymbol parameter, IOperation body, int depth)
    {
        value = FileApiModel.StripConversions(value)!;
        switch (value)
        {
            case IParameterReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter):
                return HelperTarget.Directory;
            case ILocalReferenceOperation local when depth < 3 && SourceBodies.InitializerOf(local.Local, body) is { } initializer:
                return Opened(initializer, parameter, body, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "GetDirectoryName" or "GetParent", Arguments.Length: 1 } parent
                when Opened(parent.Arguments[0].Value, parameter, body, depth + 1) == HelperTarget.Directory:
                return HelperTarget.Parent;
            case IPropertyReferenceOperation { Property.Name: "FullName", Instance: IInvocationOperation { TargetMethod.Name: "GetParent", Arguments.Length: 1 } parent }
                when Opened(parent.Arguments[0].Value, parameter, body, depth + 1) == HelperTarget.Directory:
                return HelperTarget.Parent;
            default:
                return HelperTarget.Either;
        }
    }

    private bool IsRuntimeFsync(IMethodSymbol method) =>
        _files.RuntimeFsync is not null &&
        SymbolEqualityComparer.Default.Equals(method.ContainingType, _files.RuntimeFsync) &&
        FsyncApiNames.IsRuntimeDirectoryFsync(method.Name);

    private bool IsDirectorySyncMethod(IMethodSymbol method, CancellationToken cancellationToken) =>
        SourceBodies.CanSummarise(method) && _syncMethods.Get(method, cancellationToken);

    private bool SyncsDirectory(IMethodSymbol method, MethodSummaryCache<bool>.Walk walk)
    {
        bool opens = false, fsyncs = false, callsSync = false;
        foreach (var body in SourceBodies.Of(_compilation, method, walk.CancellationToken))
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is not IInvocationOperation call)
                {
                    continue;
                }

                var callee = call.TargetMethod;
                opens |= IsNativeOpen(callee) || (!callee.ReturnsVoid && SourceBodies.CanSummarise(callee) && _openingMethods.Get(callee, walk));
                fsyncs |= FileApiModel.IsNativeFsync(callee) || _files.IsRandomAccessFlushToDisk(callee);
                callsSync |= IsRuntimeFsync(callee) ||
                             (SourceBodies.CanSummarise(callee) && _syncMethods.Get(callee, walk));
            }
        }

        return (opens && fsyncs) || callsSync;
    }

    // int OpenDirectory(string path) { var fd = open(path, O_RDONLY); if (fd < 0) throw ...; return fd; }: the descriptor the
    // caller fsyncs comes from it.
    private bool ReturnsNativeOpen(IMethodSymbol method, MethodSummaryCache<bool>.Walk walk)
    {
        foreach (var body in SourceBodies.Of(_compilation, method, walk.CancellationToken))
        {
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation call && IsNativeOpen(call.TargetMethod))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // opendir then fsync(dirfd(...)) opens the directory through libc's own flags, which differ between architectures.
    private static bool IsNativeOpen(IMethodSymbol method) => NativeImports.EntryPointOf(method) is "open" or "open64" or "openat" or "opendir";
}
