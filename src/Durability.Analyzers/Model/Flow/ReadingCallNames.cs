namespace Durability.Analyzers.Model;

/// <summary>
/// Calls that, by their name, only read the stream they are given: a load, a parse, a lookup. Handing a stream to one is
/// no write. <c>ReadWrite(stream, serializing)</c> is a serializer's both ways, and writes; lookups given the stream
/// (<c>GetItemToStart(stream, reader)</c>, <c>FindRow(stream)</c>) read it to find where to cut or write. A predicate
/// (<c>bool IsAtEnd(stream)</c>, <c>HasHeader(stream)</c>) asks about the stream and answers yes or no.
/// </summary>
internal static class ReadingCallNames
{
    private static readonly string[] PredicateWords = { "Is", "Has", "Can", "Contains" };

    /// <summary>True when <paramref name="method"/> only reads the stream it is given, by its name, or as a predicate returning bool.</summary>
    public static bool IsRead(Microsoft.CodeAnalysis.IMethodSymbol method) =>
        IsRead(method.Name) ||
        (method.ReturnType.SpecialType == Microsoft.CodeAnalysis.SpecialType.System_Boolean &&
         Configuration.DurabilityIntent.EdgeWordIs(method.Name, PredicateWords, last: false));

    public static bool IsRead(string name) =>
        (StartsWith(name, "Read") && !StartsWith(name, "ReadWrite")) ||
        StartsWith(name, "Deserialize") || StartsWith(name, "Load") || StartsWith(name, "Parse") || StartsWith(name, "Verify") ||
        StartsWith(name, "Get") || StartsWith(name, "Find") || StartsWith(name, "Search") || StartsWith(name, "Locate") ||
        StartsWith(name, "Count") || StartsWith(name, "Peek");

    private static bool StartsWith(string name, string prefix) => name.StartsWith(prefix, System.StringComparison.Ordinal);
}
