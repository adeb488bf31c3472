using System.Threading.Tasks;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR004.UnsyncedFileContentsTests;
using static Durability.Analyzers.Tests.DUR004.WholeFileSaveTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedFileContentsAnalyzer, Durability.CodeFixes.UnsyncedFileContentsCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR004;

/// <summary>
/// DUR004 on state files written and read back in the other ways desktop apps and game clients keep their settings: a
/// <c>FileInfo</c>'s own <c>Create()</c> and <c>OpenRead()</c>, and save and load helpers of another class that take the path
/// after the object (<c>Helper.Save(settings, path)</c>, <c>Helper.Load&lt;T&gt;(path)</c>); and an XML writer opened on the
/// path (<c>new XmlTextWriter(path, encoding)</c>, <c>XmlWriter.Create(path)</c>), read back by an <c>XmlDocument</c> or an
/// <c>XmlReader</c>, whose fix fsyncs the file by that path (the writer hides its stream); and the records of a folder the
/// type lists and loads at start (<c>Directory.EnumerateFiles(_folder, "*.json")</c>, each file read), written through
/// <c>Path.Combine(_folder, name)</c> or the type's own method returning one.
/// </summary>
public sealed class StateFileFormatsTests
{
    [Fact]
    public Task Xml_writers_opened_on_a_file_the_type_loads_back_rewrite_it_in_place_and_are_fsynced_by_path_before_they_close() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.Text;
            using System.Xml;

            class MacroManager
            {
                public static string Folder = "profiles";

                private string MacrosPath => Path.Combine(Folder, "macros.xml");

                public void Load()
                {
                    var document = new XmlDocument();
                    document.Load(MacrosPath);
                }

                public void Save()
                {
                    using (var writer = {|#0:new XmlTextWriter(MacrosPath, Encoding.UTF8)|})
                    {
                        writer.WriteStartDocument();
                        writer.WriteElementString("macros", "");
                    }
                }
            }

            class RoleProvider
            {
                private readonly string _rolesPath = Path.Combine("App_Data", "roles.xml");

                public void Load()
                {
                    using var reader = XmlReader.Create(_rolesPath);
                    reader.Read();
                }

                public void Save()
                {
                    using var writer = {|#1:XmlWriter.Create(_rolesPath)|};
                    writer.WriteElementString("roles", "");
                }
            }
            """,
            new[]
            {
                RewrittenInPlace(0, "'MacrosPath'", "new XmlTextWriter(path)"),
                RewrittenInPlace(1, "'_rolesPath'", "XmlWriter.Create(path)"),
            },
            """
            using System.IO;
            using System.Text;
            using System.Xml;
            using Durability.Runtime;

            class MacroManager
            {
                public static string Folder = "profiles";

                private string MacrosPath => Path.Combine(Folder, "macros.xml");

                public void Load()
                {
                    var document = new XmlDocument();
                    document.Load(MacrosPath);
                }

                public void Save()
                {
                    using (var writer = new XmlTextWriter(MacrosPath, Encoding.UTF8))
                    {
                        writer.WriteStartDocument();
                        writer.WriteElementString("macros", "");
                        Fsync.File(writer, MacrosPath);
                    }
                }
            }

            class RoleProvider
            {
                private readonly string _rolesPath = Path.Combine("App_Data", "roles.xml");

                public void Load()
                {
                    using var reader = XmlReader.Create(_rolesPath);
                    reader.Read();
                }

                public void Save()
                {
                    using var writer = XmlWriter.Create(_rolesPath);
                    writer.WriteElementString("roles", "");
                    Fsync.File(writer, _rolesPath);
                }
            }
            """);

    [Fact]
    public Task A_file_info_created_over_a_file_the_type_opens_to_read_is_rewritten_in_place() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class LevelData
            {
                public static string Folder = "world";

                private string LevelPath => Path.Combine(Folder, "level.dat");

                public int Load()
                {
                    using var stream = new FileInfo(LevelPath).OpenRead();
                    return stream.ReadByte();
                }

                public void Save(byte version)
                {
                    var info = new FileInfo(LevelPath);
                    using var stream = {|#0:info.Create()|};
                    stream.WriteByte(version);
                }
            }
            """,
            RewrittenInPlace(0, "'info'", "FileInfo.Create"));

    [Fact]
    public Task Another_classs_save_helper_given_the_path_after_the_object_writes_a_state_file() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            static class ConfigurationResolver
            {
                public static T Load<T>(string file) where T : new() => File.Exists(file) ? new T() : new T();

                public static void Save<T>(T settings, string file) => File.WriteAllText(file, settings!.ToString());
            }

            class LastCharacterManager
            {
                private readonly string _path = Path.Combine("Data", "lastcharacter.json");

                public object Load() => ConfigurationResolver.Load<object>(_path);

                public void Save(object characters) => {|#0:ConfigurationResolver.Save(characters, _path)|};
            }
            """,
            HelperWrote(0, "ConfigurationResolver.Save", "'_path'"));

    [Fact]
    public Task A_file_another_class_tries_to_load_is_a_state_file_where_it_is_written() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class ResumeData
            {
                public static bool TryLoad(string path, out ResumeData? data)
                {
                    data = File.Exists(path) ? new ResumeData() : null;
                    return data is not null;
                }
            }

            class TransferManager
            {
                private readonly string _root = "resume";

                public bool Resume(string id) => ResumeData.TryLoad(Path.Combine(_root, id + ".resume"), out _);

                public void Checkpoint(string id, byte[] data) => {|#0:File.WriteAllBytes(Path.Combine(_root, id + ".resume"), data)|};

                public void Report(string id, string text) => File.WriteAllText(Path.Combine(_root, id + ".txt"), text);
            }
            """,
            WrittenWhole(0, "WriteAllBytes", "'Path.Combine(_root, id + \".resume\")'"));

    [Fact]
    public Task A_record_written_into_a_folder_the_type_lists_and_loads_at_start_is_state() =>
        Verifier.AnalyzerAsync("""
            using System.Collections.Generic;
            using System.IO;

            class PostService
            {
                private readonly string _folder = Path.Combine("content", "posts");
                private readonly List<string> _posts = new List<string>();

                public void Initialize()
                {
                    foreach (var file in Directory.EnumerateFiles(_folder, "*.json"))
                    {
                        _posts.Add(File.ReadAllText(file));
                    }
                }

                public void SavePost(string id, string json)
                {
                    var filePath = GetFilePath(id);
                    using var stream = {|#0:new FileStream(filePath, FileMode.Create, FileAccess.Write)|};
                    using var writer = new StreamWriter(stream);
                    writer.Write(json);
                }

                public void SaveDraft(string id, string json) => {|#1:File.WriteAllText(Path.Combine(_folder, id + ".json"), json)|};

                public void SaveUpload(string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(_folder, "files", name), bytes);

                private string GetFilePath(string id) => Path.Combine(_folder, id + ".json");
            }
            """,
            UnsyncedCloseTests.Closed(0, "'filePath'"),
            WrittenWhole(1, "WriteAllText", "'Path.Combine(_folder, id + \".json\")'"));

    [Fact]
    public Task File_infos_and_xml_writers_on_files_the_type_never_reads_back_and_saves_of_objects_not_paths_are_left_alone() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Text;
            using System.Xml;

            class SitemapWriter
            {
                public void Write(string folder)
                {
                    using var writer = new XmlTextWriter(Path.Combine(folder, "sitemap.xml"), Encoding.UTF8);
                    writer.WriteStartDocument();
                }

                public int Peek(string folder)
                {
                    using var stream = new FileInfo(Path.Combine(folder, "robots.txt")).OpenRead();
                    return stream.ReadByte();
                }
            }

            class ExportFolder
            {
                private readonly string _folder = "exports";

                public int Count() => Directory.GetFiles(_folder).Length;

                public void Export(string name, string csv) => File.WriteAllText(Path.Combine(_folder, name), csv);
            }

            interface IEntityCache
            {
                void Save(string key, object value);

                object Load(string key);
            }

            class SessionTracker
            {
                private readonly IEntityCache _cache;
                private readonly string _key = "session";

                public SessionTracker(IEntityCache cache) => _cache = cache;

                public object Restore() => _cache.Load(_key);

                public void Persist(object session) => _cache.Save(_key, session);
            }
            """);
}
