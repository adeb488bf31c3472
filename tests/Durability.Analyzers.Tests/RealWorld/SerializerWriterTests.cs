using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR004.UnsyncedCloseTests;

namespace Durability.Analyzers.Tests.RealWorld;

/// <summary>
/// DUR004 on a file written through a serializer's own writer made over its stream (<c>new JsonTextWriter(writer)</c>,
/// <c>new CsvWriter(writer)</c>): the usual way settings and documents are saved. The writer is the package's, so the
/// file is written whether the build binds the package or not; a reader over the stream writes nothing.
/// </summary>
public sealed class SerializerWriterTests
{
    // A serializer package's writer and reader over a stream (declared here as the package declares them).
    private const string JsonPackage = """
        namespace Newtonsoft.Json
        {
            public abstract class JsonWriter : System.IDisposable { public void Dispose() { } }

            public class JsonTextWriter : JsonWriter { public JsonTextWriter(System.IO.TextWriter writer) { } }

            public class JsonTextReader : System.IDisposable
            {
                public JsonTextReader(System.IO.TextReader reader) { }

                public void Dispose() { }
            }

            public class JsonSerializer
            {
                public void Serialize(JsonWriter writer, object value) { }

                public object Deserialize(JsonTextReader reader) => new object();
            }
        }
        """;

    [Fact]
    public Task A_file_written_through_a_serializer_writer_made_over_its_stream_is_written() =>
        new AnalyzerTest<UnsyncedFileContentsAnalyzer>
        {
            Sources =
            {
                """
                using System.IO;
                using Newtonsoft.Json;

                static class JsonStorage
                {
                    public static void Store(string filePath, object data)
                    {
                        var serializer = new JsonSerializer();
                        using (var file = {|#0:new FileStream(filePath, FileMode.Create, FileAccess.Write)|})
                        using (var text = new StreamWriter(file))
                        using (var writer = new JsonTextWriter(text))
                        {
                            serializer.Serialize(writer, data);
                        }
                    }

                    // Opened to be created if missing, then only read: nothing written.
                    public static object Load(string filePath)
                    {
                        using (var file = new FileStream(filePath, FileMode.OpenOrCreate, FileAccess.ReadWrite))
                        using (var reader = new JsonTextReader(new StreamReader(file)))
                        {
                            return new JsonSerializer().Deserialize(reader);
                        }
                    }
                }
                """,
                JsonPackage,
            },
            ExpectedDiagnostics = { Closed(0, "'filePath'") },
        }.RunAsync();

    [Fact]
    public Task A_file_written_through_a_writer_of_a_missing_package_made_over_its_stream_is_written() =>
        RunWithout("""
            using System.IO;

            static class JsonStorage
            {
                public static void Store(string filePath, object data)
                {
                    using (var file = {|#0:new FileStream(filePath, FileMode.Create, FileAccess.Write)|})
                    using (var text = new StreamWriter(file))
                    using (var writer = new Newtonsoft.Json.JsonTextWriter(text))
                    {
                        Serializer.Instance.Serialize(writer, data);
                    }
                }
            }
            """,
            Closed(0, "'filePath'"));

    private static Task RunWithout(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<UnsyncedFileContentsAnalyzer>();
        test.Sources.Add(source);
        test.ExpectedDiagnostics.AddRange(expected);
        test.AllowedCompilerErrors.Add("CS0246"); // the package is not referenced
        test.AllowedCompilerErrors.Add("CS0103");
        return test.RunAsync();
    }
}
