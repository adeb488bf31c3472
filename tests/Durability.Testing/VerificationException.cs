using System;

namespace Durability.Testing;

/// <summary>Thrown when what the analyzer or fix produced differs from what the test expected.</summary>
public sealed class VerificationException : Exception
{
    public VerificationException(string message)
        : base(message)
    {
    }
}
