using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>How the failure of an fsync is lost.</summary>
internal enum LostFsyncFailureKind
{
    /// <summary>A catch handles it and carries on.</summary>
    Swallowed,

    /// <summary>A catch handles it and the fsync runs again: a loop, a retry helper, or a second fsync in the catch.</summary>
    Retried,
}

/// <summary>Where and how an fsync's failure is lost.</summary>
internal readonly struct LostFsyncFailure
{
    public LostFsyncFailure(LostFsyncFailureKind kind, ICatchClauseOperation? handler, IInvocationOperation? retryHelper = null)
    {
        Kind = kind;
        Handler = handler;
        RetryHelper = retryHelper;
    }

    public LostFsyncFailureKind Kind { get; }

    /// <summary>The catch clause that drops the failure; null for a retry helper that takes the call as a lambda.</summary>
    public ICatchClauseOperation? Handler { get; }

    /// <summary>The retry helper's call that takes the fsync in a lambda, when that is how it is retried.</summary>
    public IInvocationOperation? RetryHelper { get; }
}
