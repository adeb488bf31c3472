using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A helper that writes or creates the file its caller then renames into place (<c>WriteAllBytes(tmp, data)</c> in a
/// one-line wrapper, <c>File.Move(tmp, path)</c> in its caller): true when the method is called in the compilation and
/// every call is followed, in the caller's body, by a rename of the file it passed for that parameter. The rename is
/// where the fsyncs belong, and it is reported there; the helper cannot know that its file is staged. Judged once per
/// method and parameter, and only for a write or creation that would otherwise be reported.
/// </summary>
internal sealed class CallerRenames
{
    private readonly MethodCalls _calls;
    private readonly DirectoryApiModel _directories;
    private readonly ConcurrentDictionary<(IMethodSymbol Method, int Ordinal), bool> _answers = new();

    public CallerRenames(MethodCalls calls, DirectoryApiModel directories)
    {
        _calls = calls;
        _directories = directories;
    }

    /// <summary>True when <paramref name="path"/> reads a parameter of <paramref name="owner"/> that every caller renames after the call.</summary>
    public bool RenamedByEveryCaller(ISymbol owner, IOperation path, CancellationToken cancellationToken) =>
        owner is IMethodSymbol method &&
        FileApiModel.StripConversions(path) is IParameterReferenceOperation { Parameter: { } parameter } &&
        SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method) &&
        _answers.GetOrAdd((method.OriginalDefinition, parameter.Ordinal), key => Compute(key.Method, key.Ordinal, cancellationToken));

    private bool Compute(IMethodSymbol method, int ordinal, CancellationToken cancellationToken)
    {
        if (_calls.Of(method, cancellationToken) is not { Count: > 0 } calls)
        {
            return false;
        }

        foreach (var call in calls)
        {
            if (FileApiModel.ArgumentFor(call, ordinal) is not { } passed || !IsRenamedAfter(call, FileIdentity.Of(passed)))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsRenamedAfter(IOperation call, FileIdentity passed)
    {
        var after = call.Syntax.Span.End;
        foreach (var operation in SourceBodies.RootOf(call).DescendantsAndSelf())
        {
            if (operation.Syntax.SpanStart >= after && operation is IInvocationOperation or IObjectCreationOperation or IInvalidOperation &&
                _directories.Classify(operation) is { Kind: DirectoryEntryChangeKind.Rename } rename && FileIdentity.Of(rename.Path) == passed)
            {
                return true;
            }
        }

        return false;
    }
}
