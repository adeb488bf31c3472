using System.Collections.Generic;
using System.Threading;
using Durability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Rules;

/// <summary>
/// DUR001's questions about a stream that crosses a boundary on its way to its flush: handed to a helper that flushes it
/// (<c>Flush(_data)</c>), or given to a constructor by the code that creates the type (<c>new LogWriter(file)</c>).
/// </summary>
internal static class HandedStreams
{
    /// <summary>
    /// True when <paramref name="flush"/> flushes a stream the constructor is given (<c>LogWriter(Stream stream)</c>) that the
    /// type's creations hand a file. In the type's own <c>Flush()</c> and what it runs only when the type calls it itself
    /// (<c>TableBuilder.Finish</c>) and no other type does: a wrapper's <c>Flush()</c> is reported where it is called, on the
    /// file it was created over; nor, for such a wrapper, in its <c>Dispose</c>, which the callers' finding covers.
    /// </summary>
    public static bool IsGivenFileAtCreation(FlushSite flush, StreamFacts facts, CompilationModel shared, CancellationToken cancellationToken)
    {
        if (flush.Member is not IMethodSymbol member)
        {
            return false;
        }

        // A Flush() nothing here calls is left alone too: unused, or called through an interface whose callers are judged.
        var forwarding = IsForwardingFlush(member) ? member : facts.CallersOf(member).Find(IsForwardingFlush) as IMethodSymbol;
        if (forwarding is not null && (facts.CallersOf(forwarding).Count == 0 || shared.Calls.IsCalledOutsideItsType(forwarding, cancellationToken)))
        {
            return false;
        }

        foreach (var parameter in facts.ConstructorParametersUnder(flush.Variable))
        {
            if (flush.InClosingMember &&
                SymbolEqualityComparer.Default.Equals(
                    shared.FileAbstractions.FlushedParameter(member.ContainingType, (IMethodSymbol)parameter.ContainingSymbol, cancellationToken), parameter))
            {
                continue;
            }

            if (shared.ConstructorStreams.IsGivenFile(parameter, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="variable"/> holds only what its type's constructor is given, and every creation, all in this
    /// assembly, gives it a file written through or one the creator fsyncs (<c>FileRaftLog(FileStream file) => _file = file;</c>
    /// created only by its own <c>Open</c> over a <c>FileOptions.WriteThrough</c> stream): its flushes and closes need no fsync.
    /// </summary>
    public static bool IsDurableAtEveryCreation(ISymbol variable, StreamFacts facts, CompilationModel shared, CancellationToken cancellationToken)
    {
        var parameters = facts.ConstructorParametersUnder(variable);
        if (parameters.Count == 0 || !facts.HoldsOnly(variable, parameters))
        {
            return false;
        }

        foreach (var parameter in parameters)
        {
            if (!shared.ConstructorStreams.IsGivenOnlyDurableFiles(parameter, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsForwardingFlush(ISymbol member) =>
        member is IMethodSymbol { Name: "Flush" or "FlushAsync", IsStatic: false, MethodKind: MethodKind.Ordinary } method &&
        (method.Parameters.Length == 0 || (method.Name == "FlushAsync" && method.Parameters.Length == 1));

    /// <summary>True when no call of the same helper with the same stream comes before <paramref name="flush"/> in the source.</summary>
    public static bool IsFirstCall(FlushSite flush, List<(IMethodSymbol Helper, ISymbol Variable, Location Location)> calls)
    {
        var location = flush.Invocation.Syntax.GetLocation();
        foreach (var (helper, variable, other) in calls)
        {
            if (SymbolEqualityComparer.Default.Equals(helper, flush.Invocation.TargetMethod.OriginalDefinition) &&
                SymbolEqualityComparer.Default.Equals(variable, flush.Variable) && SourceOrder.Compare(other, location) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The argument of a helper's call that hands it the flushed stream.</summary>
    public static IArgumentOperation? HandedArgument(FlushSite flush, StreamFacts facts)
    {
        foreach (var argument in flush.Invocation.Arguments)
        {
            if (SymbolEqualityComparer.Default.Equals(facts.StreamNamedBy(argument.Value), flush.Variable))
            {
                return argument;
            }
        }

        return null;
    }
}
