using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Where an fsync's failure is lost: in a catch that completes normally (<see cref="Handler"/>), or in a retry helper
/// that takes the fsync as a lambda (<see cref="RetryHelper"/>); exactly one of the two is set.
/// </summary>
internal readonly struct LostFsyncFailure
{
    private LostFsyncFailure(ICatchClauseOperation? handler, IInvocationOperation? retryHelper)
    {
        Handler = handler;
        RetryHelper = retryHelper;
    }

    /// <summary>The catch clause that drops the failure.</summary>
    public ICatchClauseOperation? Handler { get; }

    /// <summary>The retry helper's call that takes the fsync in a lambda.</summary>
    public IInvocationOperation? RetryHelper { get; }

    public static LostFsyncFailure InCatch(ICatchClauseOperation handler) => new(handler, null);

    public static LostFsyncFailure InRetryHelper(IInvocationOperation helper) => new(null, helper);
}
