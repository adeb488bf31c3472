using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// A batch-sync counter: an integral member incremented on the write path, compared with a threshold, and
/// reset to zero beside an fsync of <see cref="Stream"/>. It claims to count the writes not yet durable.
/// </summary>
internal sealed class BatchCounter
{
    public BatchCounter(ISymbol counter, string threshold, ISymbol stream)
    {
        Counter = counter;
        Threshold = threshold;
        Stream = stream;
    }

    public ISymbol Counter { get; }

    /// <summary>The threshold's code, as the comparison writes it.</summary>
    public string Threshold { get; }

    /// <summary>The stream whose fsyncs the counter tracks.</summary>
    public ISymbol Stream { get; }
}
