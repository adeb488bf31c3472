using System.Threading.Tasks;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR004.UnsyncedFileContentsTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedFileContentsAnalyzer, Durability.CodeFixes.UnsyncedFileContentsCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR004;

/// <summary>
/// DUR004 on a temp file renamed into place through the project's own rename (an extension method on its path type,
/// <c>static void MoveTo(this string from, string to, bool overwrite) =&gt; File.Move(from, to, overwrite)</c>): the call is
/// the rename, as <c>File.Move</c> would be. A forwarder that renames a directory renames no file written here.
/// </summary>
public sealed class RenameForwarderTests
{
    [Fact]
    public Task A_temp_file_renamed_through_an_extension_method_is_fsynced_before_the_rename() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            static class PathExtensions
            {
                public static void MoveTo(this string from, string to, bool overwrite) => File.Move(from, to, overwrite);
            }

            class SettingsStore
            {
                private string PathOf(string key) => Path.Combine("settings", key + ".json");

                public void Save(string key, byte[] value)
                {
                    var tmp = PathOf(key) + ".tmp";
                    using (var stream = File.Open(tmp, FileMode.Create, FileAccess.Write))
                    {
                        stream.Write(value, 0, value.Length);
                    }

                    {|#0:tmp.MoveTo(PathOf(key), true)|};
                }
            }
            """,
            new[] { Renamed(0, "'tmp'", "'PathOf(key)'") },
            """
            using System.IO;

            static class PathExtensions
            {
                public static void MoveTo(this string from, string to, bool overwrite) => File.Move(from, to, overwrite);
            }

            class SettingsStore
            {
                private string PathOf(string key) => Path.Combine("settings", key + ".json");

                public void Save(string key, byte[] value)
                {
                    var tmp = PathOf(key) + ".tmp";
                    using (var stream = File.Open(tmp, FileMode.Create, FileAccess.Write))
                    {
                        stream.Write(value, 0, value.Length);
                        stream.Flush(flushToDisk: true);
                    }

                    tmp.MoveTo(PathOf(key), true);
                }
            }
            """);

    [Fact]
    public Task A_folder_renamed_through_a_forwarder_and_a_synced_temp_file_renamed_through_one_are_left_alone() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            static class PathExtensions
            {
                public static void MoveTo(this string from, string to, bool overwrite) => File.Move(from, to, overwrite);

                public static void MoveFolder(this string from, string to) => Directory.Move(from, to);
            }

            class SettingsStore
            {
                private string PathOf(string key) => Path.Combine("settings", key + ".json");

                public void Save(string key, byte[] value)
                {
                    var tmp = PathOf(key) + ".tmp";
                    using (var stream = File.Open(tmp, FileMode.Create, FileAccess.Write))
                    {
                        stream.Write(value, 0, value.Length);
                        stream.Flush(true);
                    }

                    tmp.MoveTo(PathOf(key), true);
                }

                public void Archive(string folder) => folder.MoveFolder(folder + ".old");
            }
            """);
}
