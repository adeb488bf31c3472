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

    [Fact]
    public Task A_temp_file_renamed_through_a_replace_facade_with_fallbacks_is_fsynced_before_the_rename() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class FileSystem
            {
                public static readonly FileSystem Instance = new();

                // Moves when the target is missing, replaces it else; where replacing fails, moves the old one aside first.
                public bool ReplaceFile(string source, string target)
                {
                    if (!File.Exists(source))
                    {
                        return false;
                    }

                    if (!File.Exists(target))
                    {
                        File.Move(source, target);
                        return true;
                    }

                    try
                    {
                        File.Replace(source, target, null);
                    }
                    catch (IOException)
                    {
                        var backup = target + ".bak";
                        File.Move(target, backup);
                        File.Move(source, target);
                        File.Delete(backup);
                    }

                    return true;
                }
            }

            class WorldSerializer
            {
                public void Serialize(string filePath, string json)
                {
                    var tmpPath = Path.ChangeExtension(filePath, ".tmp");
                    using (var stream = File.CreateText(tmpPath))
                    {
                        stream.Write(json);
                    }

                    {|#0:FileSystem.Instance.ReplaceFile(tmpPath, filePath)|};
                }
            }
            """,
            new[] { Renamed(0, "'tmpPath'", "'filePath'") },
            """
            using System.IO;
            using Durability.Runtime;

            class FileSystem
            {
                public static readonly FileSystem Instance = new();

                // Moves when the target is missing, replaces it else; where replacing fails, moves the old one aside first.
                public bool ReplaceFile(string source, string target)
                {
                    if (!File.Exists(source))
                    {
                        return false;
                    }

                    if (!File.Exists(target))
                    {
                        File.Move(source, target);
                        return true;
                    }

                    try
                    {
                        File.Replace(source, target, null);
                    }
                    catch (IOException)
                    {
                        var backup = target + ".bak";
                        File.Move(target, backup);
                        File.Move(source, target);
                        File.Delete(backup);
                    }

                    return true;
                }
            }

            class WorldSerializer
            {
                public void Serialize(string filePath, string json)
                {
                    var tmpPath = Path.ChangeExtension(filePath, ".tmp");
                    using (var stream = File.CreateText(tmpPath))
                    {
                        stream.Write(json);
                        Fsync.File(stream);
                    }

                    FileSystem.Instance.ReplaceFile(tmpPath, filePath);
                }
            }
            """);

    [Fact]
    public Task A_method_whose_renames_move_different_files_is_no_rename_facade() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class FileSystem
            {
                public void Shuffle(string first, string second, string third)
                {
                    if (File.Exists(third))
                    {
                        File.Move(first, second);
                    }
                    else
                    {
                        File.Move(second, third);
                    }

                    File.Delete(first);
                }
            }

            class WorldSerializer
            {
                public void Serialize(string filePath, string json)
                {
                    var tmpPath = Path.ChangeExtension(filePath, ".tmp");
                    using (var stream = File.CreateText(tmpPath))
                    {
                        stream.Write(json);
                    }

                    new FileSystem().Shuffle(tmpPath, filePath, filePath + ".old");
                }
            }
            """);
}
