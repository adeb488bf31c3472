using System;
using System.Linq;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Durability.Testing;

/// <summary>One expected diagnostic: its ID, where it is, and what it says.</summary>
public readonly record struct DiagnosticResult
{
    public DiagnosticResult(string id) => Id = id;

    public DiagnosticResult(DiagnosticDescriptor descriptor)
    {
        Id = descriptor.Id;
        MessageFormat = descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture);
    }

    public string Id { get; init; }

    /// <summary>The descriptor's message format; with <see cref="MessageArguments"/> it gives the message.</summary>
    public string? MessageFormat { get; init; }

    public ImmutableArray<object> MessageArguments { get; init; }

    /// <summary>The exact message; wins over the format and arguments.</summary>
    public string? Message { get; init; }

    /// <summary>The markup location <c>{|#n:...|}</c> this result points at.</summary>
    public int? MarkupLocation { get; init; }

    public string? Path { get; init; }

    public LinePositionSpan? Span { get; init; }

    public DiagnosticResult WithLocation(int markupLocation) => this with { MarkupLocation = markupLocation };

    /// <summary>A span with 1-based lines and columns, as an IDE shows them.</summary>
    public DiagnosticResult WithSpan(int startLine, int startColumn, int endLine, int endColumn) =>
        this with { Span = new LinePositionSpan(new LinePosition(startLine - 1, startColumn - 1), new LinePosition(endLine - 1, endColumn - 1)) };

    public DiagnosticResult WithSpan(string path, int startLine, int startColumn, int endLine, int endColumn) =>
        WithSpan(startLine, startColumn, endLine, endColumn) with { Path = path };

    public DiagnosticResult WithArguments(params object[] arguments) => this with { MessageArguments = arguments.ToImmutableArray() };

    public DiagnosticResult WithMessage(string message) => this with { Message = message };

    /// <summary>The message this result expects, or null when it pins none.</summary>
    public string? ExpectedMessage
    {
        get
        {
            if (Message is not null)
            {
                return Message;
            }

            if (MessageFormat is null || MessageArguments.IsDefault)
            {
                return null;
            }

            return string.Format(CultureInfo.InvariantCulture, MessageFormat, MessageArguments.ToArray());
        }
    }

    public override string ToString()
    {
        var where = Span is { } span
            ? $"{Path}({span.Start.Line + 1},{span.Start.Character + 1},{span.End.Line + 1},{span.End.Character + 1})"
            : MarkupLocation is { } index ? $"{{|#{index}|}}" : "(no location)";
        var message = ExpectedMessage is { } text ? $" \"{text}\"" : string.Empty;
        return $"{where}: {Id}{message}";
    }

    internal static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        var path = span.Path;
        var where = diagnostic.Location.IsInSource
            ? $"{path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1},{span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1})"
            : "(no location)";
        return $"{where}: {diagnostic.Id} \"{diagnostic.GetMessage(CultureInfo.InvariantCulture)}\"";
    }

    internal static int CompareLocations(LinePositionSpan left, LinePositionSpan right) =>
        left.Start != right.Start ? left.Start.CompareTo(right.Start) : left.End.CompareTo(right.End);
}
