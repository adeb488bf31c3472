namespace Durability.Analyzers.Model;

/// <summary>
/// Calls that, by their name, only read the stream they are given: a load, a parse, a lookup. Handing a stream to one is
/// no write. <c>ReadWrite(stream, serializing)</c> is a serializer's both ways, and writes; lookups given the stream
/// (<c>GetItemToStart(stream, reader)</c>, <c>FindRow(stream)</c>) read it to find where to cut or write.
/// </summary>
internal static class ReadingCallNames
{
    public static bool IsRead(string name) =>
        (StartsWith(name, "Read") && !StartsWith(name, "ReadWrite")) ||
        StartsWith(name, "Deserialize") || StartsWith(name, "Load") || StartsWith(name, "Parse") || StartsWith(name, "Verify") ||
        StartsWith(name, "Get") || StartsWith(name, "Find") || StartsWith(name, "Search") || StartsWith(name, "Locate") ||
        StartsWith(name, "Count") || StartsWith(name, "Peek");

    private static bool StartsWith(string name, string prefix) => name.StartsWith(prefix, System.StringComparison.Ordinal);
}
