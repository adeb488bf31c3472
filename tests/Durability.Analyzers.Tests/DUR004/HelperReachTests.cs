using System.Threading.Tasks;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR004.UnsyncedFileContentsTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedFileContentsAnalyzer, Durability.CodeFixes.UnsyncedFileContentsCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR004;

/// <summary>
/// A helper's body is bound only when what its syntax calls may reach a file API (FileApiReach); these pin that the
/// syntax walk follows what a summary follows: helpers whose names say nothing of files, in other types, generic,
/// and overloaded so often that the walk stops following the name and binds the helper.
/// </summary>
public sealed class HelperReachTests
{
    [Fact]
    public Task A_temp_file_written_through_helpers_whose_names_say_nothing_of_files_is_flagged_where_it_is_renamed() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentStore
            {
                public void Seal(string path, byte[] data)
                {
                    var tmp = path + ".tmp";
                    Stage(tmp, data);
                    {|#0:File.Move(tmp, path, true)|};
                }

                public void Seal2(string path, byte[] data)
                {
                    var tmp = path + ".next";
                    Encoder.Put<byte[]>(tmp, data);
                    {|#1:File.Move(tmp, path, true)|};
                }

                private static void Stage(string target, byte[] data) => Encoder.Emit(target, data);
            }

            static class Encoder
            {
                public static void Emit(string target, byte[] data) => Put(target, data);

                public static void Put<T>(string target, T data)
                {
                    using var stream = new FileStream(target, FileMode.Create, FileAccess.Write);
                    stream.WriteByte(1);
                }
            }
            """,
            Renamed(0, "'tmp'", "'path'"),
            Renamed(1, "'tmp'", "'path'"));

    [Fact]
    public Task A_temp_file_written_through_a_helper_named_like_many_others_is_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class LedgerStore
            {
                public void Seal(string path, byte[] data)
                {
                    var tmp = path + ".tmp";
                    Keep(tmp, data);
                    {|#0:File.Move(tmp, path, true)|};
                }

                private static void Keep(string target, byte[] data) => Codec.Add(target, data);
            }

            static class Codec
            {
                public static void Add(string target, byte[] data) => Packer.Put(target, data);
                public static void Add(string target, int data) { }
                public static void Add(string target, long data) { }
                public static void Add(string target, short data) { }
                public static void Add(string target, char data) { }
                public static void Add(string target, bool data) { }
                public static void Add(string target, float data) { }
                public static void Add(string target, double data) { }
                public static void Add(string target, decimal data) { }
            }

            static class Packer
            {
                public static void Put(string target, byte[] data)
                {
                    using var stream = new FileStream(target, FileMode.Create, FileAccess.Write);
                    stream.Write(data);
                }
            }
            """,
            Renamed(0, "'tmp'", "'path'"));
}
