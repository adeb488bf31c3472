using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Where an fsync's failure is lost: in a catch that completes normally (<see cref="Handler"/>), or in a helper that takes
/// the fsync as a lambda (<see cref="RetryHelper"/>): a retry helper, which runs it again, or one of the project's methods
/// that may run it in a try whose catch drops the failure (<c>EatException(() => file.Flush(true))</c>; confirmed by
/// <see cref="FsyncFailureFlow.IsLost"/>). Exactly one of <see cref="Handler"/> and <see cref="RetryHelper"/> is set.
/// </summary>
internal readonly struct LostFsyncFailure
{
    private LostFsyncFailure(ICatchClauseOperation? handler, IInvocationOperation? retryHelper, bool helperRetries)
    {
        Handler = handler;
        RetryHelper = retryHelper;
        HelperRetries = helperRetries;
    }

    /// <summary>The catch clause that drops the failure.</summary>
    public ICatchClauseOperation? Handler { get; }

    /// <summary>The helper's call that takes the fsync in a lambda.</summary>
    public IInvocationOperation? RetryHelper { get; }

    /// <summary>True when <see cref="RetryHelper"/> runs the fsync again; false when it only swallows its failure.</summary>
    public bool HelperRetries { get; }

    public static LostFsyncFailure InCatch(ICatchClauseOperation handler) => new(handler, null, helperRetries: false);

    public static LostFsyncFailure InRetryHelper(IInvocationOperation helper) => new(null, helper, helperRetries: true);

    public static LostFsyncFailure InSwallowingHelper(IInvocationOperation helper) => new(null, helper, helperRetries: false);
}
