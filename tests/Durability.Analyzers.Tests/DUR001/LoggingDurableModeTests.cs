using System.Threading.Tasks;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR001.FlushWithoutFsyncRealWorldTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer, Durability.CodeFixes.FlushWithoutFsyncCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR001;

/// <summary>
/// A logging library's durable mode keeps a buffer of events and a bookmark it ships from after a restart: the library
/// says so in a namespace or type named Durable, and then its files are storage code although its namespace is a
/// logging library's. The rest of the library stays diagnostics output.
/// </summary>
public sealed class LoggingDurableModeTests
{
    [Fact]
    public Task A_bookmark_in_a_logging_librarys_durable_namespace_or_type_is_storage_code() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            namespace Serilog.Sinks.Shipper.Durable
            {
                class BookmarkFile
                {
                    private readonly FileStream _bookmark = File.Open("events.bookmark", FileMode.OpenOrCreate, FileAccess.ReadWrite);

                    public void Advance(long offset, string file)
                    {
                        _bookmark.SetLength(0);
                        using var writer = new StreamWriter(_bookmark, leaveOpen: true);
                        writer.Write(offset + ":::" + file);
                        {|#0:writer.Flush()|};
                    }
                }
            }

            namespace NLog.Targets
            {
                class DurableBufferTarget
                {
                    private readonly FileStream _buffer = new("events.buffer", FileMode.Append);

                    public void Enqueue(byte[] payload)
                    {
                        _buffer.Write(payload);
                        {|#1:_buffer.Flush()|};
                    }
                }
            }
            """,
            Flush(0, "writer"),
            Flush(1, "_buffer"));

    [Fact]
    public Task The_rest_of_a_logging_library_and_build_tasks_are_not_storage_code() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            namespace Serilog.Sinks.Shipper
            {
                class RollingFile
                {
                    private readonly StreamWriter _output = new("app.log", append: true);

                    public void Emit(string line)
                    {
                        _output.WriteLine(line);
                        _output.Flush();
                    }
                }

                class NonDurableBuffer
                {
                    private readonly FileStream _buffer = new("events.buffer", FileMode.Append);

                    public void Enqueue(byte[] payload) { _buffer.Write(payload); _buffer.Flush(); }
                }
            }

            namespace Microsoft.Build.Framework
            {
                interface ITask
                {
                    bool Execute();
                }
            }

            namespace Acme.Build
            {
                class WriteSegmentManifest : Microsoft.Build.Framework.ITask
                {
                    public string Segment { get; set; } = "";

                    public bool Execute()
                    {
                        using var writer = new StreamWriter(Segment + ".manifest");
                        writer.Write("segment");
                        writer.Flush();
                        return true;
                    }
                }
            }
            """);
}
