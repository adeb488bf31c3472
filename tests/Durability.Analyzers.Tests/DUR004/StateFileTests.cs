using System.Threading.Tasks;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR004.UnsyncedFileContentsTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedFileContentsAnalyzer, Durability.CodeFixes.UnsyncedFileContentsCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR004;

/// <summary>
/// DUR004 in a type that keeps state in a file, whatever it is called: it writes a file and reads the same file back
/// (a node key generated on first start and loaded on every other, a peers list saved on each change and read at start,
/// a plugin manifest), so what it wrote is what the program finds after a crash. Only those files: the type's other
/// files are checked as before.
/// </summary>
public sealed class StateFileTests
{
    [Fact]
    public Task A_settings_file_flushed_in_a_type_the_flush_rule_does_not_check_is_reported_here_and_one_in_storage_code_is_left_to_it() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Xml;

            public class XmlSettingsProvider
            {
                private readonly string _filename;
                private readonly XmlDocument _document = new();

                public XmlSettingsProvider(string fileName)
                {
                    _filename = fileName;
                    if (File.Exists(_filename))
                    {
                        _document.Load(_filename);
                    }
                }

                public void Save()
                {
                    using (var stream = {|#0:new StreamWriter(_filename, false)|})
                    {
                        _document.Save(stream);
                        stream.Flush();
                    }
                }
            }

            public class ProfileStore
            {
                private readonly string _filename = Path.Combine("data", "profiles.xml");
                private readonly XmlDocument _document = new();

                public void Load() => _document.Load(_filename);

                public void Save()
                {
                    // DUR001 reports this flush: the type is storage code.
                    using (var stream = new StreamWriter(_filename, false))
                    {
                        _document.Save(stream);
                        stream.Flush();
                    }
                }
            }
            """,
            RewrittenInPlace(0, "'_filename'", "new StreamWriter(path)"));

    [Fact]
    public Task A_config_per_key_written_and_read_back_through_a_FileInfo_local_is_state_and_one_read_from_another_file_is_not() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class PluginConfigurations
            {
                private readonly DirectoryInfo _configDirectory = new("pluginConfigs");

                public void Save(string json, string pluginName) =>
                    {|#0:File.WriteAllText(this.GetConfigFile(pluginName).FullName, json)|};

                public string? Load(string pluginName)
                {
                    var file = this.GetConfigFile(pluginName);
                    return file.Exists ? File.ReadAllText(file.FullName) : null;
                }

                private FileInfo GetConfigFile(string pluginName) => new(Path.Combine(_configDirectory.FullName, $"{pluginName}.json"));
            }

            public sealed class ThemeExporter
            {
                public void Export(string json, string themeName) => File.WriteAllText(this.GetThemeFile(themeName).FullName, json);

                public string Template(string themeName)
                {
                    var file = this.GetTemplateFile(themeName);
                    return File.ReadAllText(file.FullName);
                }

                private FileInfo GetThemeFile(string name) => new(Path.Combine("themes", $"{name}.json"));

                private FileInfo GetTemplateFile(string name) => new(Path.Combine("templates", $"{name}.json"));
            }
            """,
            WrittenWhole(0, "WriteAllText", "'this.GetConfigFile(pluginName).FullName'"));

    [Fact]
    public Task A_file_the_type_writes_and_reads_back_is_state_and_is_written_durably() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class NodeKeyManager
            {
                private readonly string _dataDir = "data";

                private string KeyPath => Path.Combine(_dataDir, "node.key");

                public byte[] LoadOrCreate(byte[] generated)
                {
                    if (File.Exists(KeyPath))
                    {
                        return File.ReadAllBytes(KeyPath);
                    }

                    {|#0:File.WriteAllBytes(KeyPath, generated)|};
                    return generated;
                }

                public void RecordStart(string when) => File.WriteAllText(Path.Combine(_dataDir, "last-start.txt"), when);
            }

            class TriggerScheduler
            {
                private string GetTriggersPath() => Path.Combine("config", "triggers.json");

                public string Load() => File.ReadAllText(GetTriggersPath());

                public void Save(string json)
                {
                    var path = GetTriggersPath();
                    using var writer = {|#1:new StreamWriter(path)|};
                    writer.Write(json);
                }
            }
            """,
            new[]
            {
                WrittenWhole(0, "WriteAllBytes", "'KeyPath'"),
                RewrittenInPlace(1, "'path'", "new StreamWriter(path)"),
            },
            """
            using System.IO;
            using Durability.Runtime;

            class NodeKeyManager
            {
                private readonly string _dataDir = "data";

                private string KeyPath => Path.Combine(_dataDir, "node.key");

                public byte[] LoadOrCreate(byte[] generated)
                {
                    if (File.Exists(KeyPath))
                    {
                        return File.ReadAllBytes(KeyPath);
                    }

                    DurableFile.WriteAllBytes(KeyPath, generated);
                    return generated;
                }

                public void RecordStart(string when) => File.WriteAllText(Path.Combine(_dataDir, "last-start.txt"), when);
            }

            class TriggerScheduler
            {
                private string GetTriggersPath() => Path.Combine("config", "triggers.json");

                public string Load() => File.ReadAllText(GetTriggersPath());

                public void Save(string json)
                {
                    var path = GetTriggersPath();
                    using var writer = new StreamWriter(path);
                    writer.Write(json);
                    Fsync.File(writer);
                }
            }
            """);

    [Fact]
    public Task A_file_opened_by_File_Open_to_write_and_read_back_is_state_and_one_only_opened_to_read_is_not() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class MessageFiles
            {
                private string MessagePath(string id) => Path.Combine("messages", id + ".eml");

                public byte[] Read(string id) => File.ReadAllBytes(MessagePath(id));

                public void Save(string id, byte[] message)
                {
                    var path = MessagePath(id);
                    using (var file = {|#0:File.Open(path, FileMode.Create)|})
                    {
                        file.Write(message);
                    }
                }
            }

            class AttachmentViewer
            {
                private string PreviewPath(string id) => Path.Combine("previews", id + ".png");

                public int Length(string id)
                {
                    using var file = File.Open(PreviewPath(id), FileMode.Open);
                    return (int)file.Length;
                }

                public void Render(string id, byte[] image)
                {
                    using var file = File.Open(Path.Combine("rendered", id + ".png"), FileMode.Create);
                    file.Write(image);
                }
            }
            """,
            new[] { UnsyncedCloseTests.Closed(0, "'path'") },
            """
            using System.IO;

            class MessageFiles
            {
                private string MessagePath(string id) => Path.Combine("messages", id + ".eml");

                public byte[] Read(string id) => File.ReadAllBytes(MessagePath(id));

                public void Save(string id, byte[] message)
                {
                    var path = MessagePath(id);
                    using (var file = File.Open(path, FileMode.Create))
                    {
                        file.Write(message);
                        file.Flush(flushToDisk: true);
                    }
                }
            }

            class AttachmentViewer
            {
                private string PreviewPath(string id) => Path.Combine("previews", id + ".png");

                public int Length(string id)
                {
                    using var file = File.Open(PreviewPath(id), FileMode.Open);
                    return (int)file.Length;
                }

                public void Render(string id, byte[] image)
                {
                    using var file = File.Open(Path.Combine("rendered", id + ".png"), FileMode.Create);
                    file.Write(image);
                }
            }
            """);

    [Fact]
    public Task An_optional_path_parameter_that_falls_back_to_the_types_own_file_names_it_and_a_required_or_only_checked_one_names_a_callers_file() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class MarkdownDocument
            {
                public string Filename { get; set; } = "untitled.md";

                public string Load(string file = null)
                {
                    if (string.IsNullOrEmpty(file))
                        file = Filename;

                    return File.ReadAllText(file);
                }

                public void Save(string text, string file = null)
                {
                    file ??= Filename;
                    {|#0:File.WriteAllText(file, text)|};
                }

                public void Reset(string file = null) => {|#2:File.WriteAllText(file ?? Filename, "# Untitled")|};

                public void SaveCopy(string text, string file) => File.WriteAllText(file, text);

                // Not optional: the callers name the file (a rendered preview), the fallback is only defensive.
                public void WriteRendered(string file, string html)
                {
                    if (string.IsNullOrEmpty(file))
                        file = Filename;

                    File.WriteAllText(file, html);
                }
            }

            class PluginConfig
            {
                public string Filename { get; } = "plugins/config.json";

                public string Read(string file = null)
                {
                    file = CheckPath(file ?? Filename);
                    return File.ReadAllText(file);
                }

                public void Write(string json, string file = null)
                {
                    file = CheckPath(file ?? Filename);
                    {|#1:File.WriteAllText(file, json)|};
                }

                public void Reset(string file = null) => File.WriteAllText(file ?? Filename, "{}");

                private string CheckPath(string file) => Path.GetFullPath(file);
            }

            class TextTool
            {
                public string Open(string file)
                {
                    file = Path.GetFullPath(file);
                    return File.ReadAllText(file);
                }

                public void Save(string file, string text)
                {
                    file = Path.GetFullPath(file);
                    File.WriteAllText(file, text);
                }
            }
            """,
            WrittenWhole(0, "WriteAllText", "'file'"),
            WrittenWhole(1, "WriteAllText", "'file'"),
            WrittenWhole(2, "WriteAllText", "'file ?? Filename'"));

    [Fact]
    public Task A_key_or_id_generated_when_its_file_is_missing_is_state_and_a_default_written_when_missing_even_stamped_with_the_time_is_not() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.Security.Cryptography;

            class RsaFileKeyManager
            {
                private readonly string _keyFile = Path.Combine("agent", ".credentials_rsaparams");

                public RSA CreateKey()
                {
                    RSA rsa;
                    if (!File.Exists(_keyFile))
                    {
                        rsa = RSA.Create(2048);
                        {|#0:File.WriteAllBytes(_keyFile, rsa.ExportRSAPrivateKey())|};
                    }
                    else
                    {
                        rsa = RSA.Create();
                        rsa.ImportRSAPrivateKey(File.ReadAllBytes(_keyFile), out _);
                    }

                    return rsa;
                }
            }

            class NodeIdentity
            {
                private const string IdPath = "node.id";

                public string Id()
                {
                    if (!File.Exists(IdPath))
                    {
                        {|#1:File.WriteAllText(IdPath, Guid.NewGuid().ToString())|};
                    }

                    return File.ReadAllText(IdPath);
                }
            }

            class ThemeSettings
            {
                private const string ThemePath = "theme.json";

                public string Load()
                {
                    if (!File.Exists(ThemePath))
                    {
                        File.WriteAllText(ThemePath, "{ \"theme\": \"light\", \"created\": \"" + DateTime.UtcNow.ToString("O") + "\" }");
                    }

                    return File.ReadAllText(ThemePath);
                }
            }
            """,
            WrittenWhole(0, "WriteAllBytes", "'_keyFile'"),
            WrittenWhole(1, "WriteAllText", "'IdPath'"));

    /// <summary>Types whose files hold no state of their own, for DUR002 and DUR004 alike.</summary>
    internal const string NotStateSource = """
        using System.IO;

        class ApiListTool
        {
            public void Sort(string shippedPath)
            {
                var lines = File.ReadAllLines(shippedPath);
                System.Array.Sort(lines);
                File.WriteAllLines(shippedPath, lines);
            }
        }

        class NodeSettings
        {
            public string ConfigurationFile { get; set; } = "node.conf";

            public string Load()
            {
                if (!File.Exists(ConfigurationFile))
                {
                    File.WriteAllText(ConfigurationFile, "# defaults");
                }

                return File.ReadAllText(ConfigurationFile);
            }
        }

        class ReportWriter
        {
            private const string TemplatePath = "template.html";
            private const string OutputPath = "report.html";

            public void Write() => File.WriteAllText(OutputPath, File.ReadAllText(TemplatePath));
        }

        class UpdateInstaller
        {
            private const string ArchivePath = "update.zip";

            public byte[] Unpack(byte[] download)
            {
                File.WriteAllBytes(ArchivePath, download);
                return File.ReadAllBytes(ArchivePath);
            }
        }

        class ThumbnailCache
        {
            private const string IndexPath = "thumbs.idx";

            public string Load() => File.ReadAllText(IndexPath);

            public void Save(string index) => File.WriteAllText(IndexPath, index);
        }
        """;

    [Fact]
    public Task A_file_kept_through_the_types_own_path_helpers_or_as_an_xml_document_is_state() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.Xml.Linq;

            class AccountManager
            {
                private const string SignerFileName = "signer.json";
                private readonly string _root = "config";

                public string? LoadAccount(string name)
                {
                    var signerPath = GetPath(SignerFileName, name);
                    return LoadSigner(signerPath);
                }

                public void StoreAccount(string signer, string name)
                {
                    var signerPath = GetPath(SignerFileName, name);
                    StoreSigner(signer, signerPath);
                }

                private string GetPath(string file, string name) => Path.Combine(_root, name + "." + file);

                private string? LoadSigner(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

                private void StoreSigner(string signer, string path)
                {
                    if (signer.Length > 0)
                    {
                        {|#0:File.WriteAllText(path, signer)|};
                    }
                }
            }

            class PlayerSettings
            {
                private const string ConfigPath = "config_player.xml";

                public XDocument Load() => XDocument.Load(ConfigPath);

                public void Save(XDocument settings) => {|#1:settings.Save(ConfigPath)|};
            }
            """,
            new[]
            {
                WrittenWhole(0, "WriteAllText", "'path'"),
                WholeFileSaveTests.Saved(1, "XDocument.Save", "'ConfigPath'"),
            },
            """
            using System.IO;
            using System.Xml.Linq;
            using Durability.Runtime;

            class AccountManager
            {
                private const string SignerFileName = "signer.json";
                private readonly string _root = "config";

                public string? LoadAccount(string name)
                {
                    var signerPath = GetPath(SignerFileName, name);
                    return LoadSigner(signerPath);
                }

                public void StoreAccount(string signer, string name)
                {
                    var signerPath = GetPath(SignerFileName, name);
                    StoreSigner(signer, signerPath);
                }

                private string GetPath(string file, string name) => Path.Combine(_root, name + "." + file);

                private string? LoadSigner(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

                private void StoreSigner(string signer, string path)
                {
                    if (signer.Length > 0)
                    {
                        DurableFile.WriteAllText(path, signer);
                    }
                }
            }

            class PlayerSettings
            {
                private const string ConfigPath = "config_player.xml";

                public XDocument Load() => XDocument.Load(ConfigPath);

                public void Save(XDocument settings)
                {
                    settings.Save(ConfigPath);
                    Fsync.File(ConfigPath);
                }
            }
            """);

    [Fact]
    public Task Helpers_given_paths_by_callers_and_documents_saved_elsewhere_than_they_are_loaded_from_are_not_state() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Xml.Linq;

            class JsonFiles
            {
                public string? Read(string path) => ReadText(path);

                public void Write(string path, string json)
                {
                    if (json.Length > 0)
                    {
                        WriteText(path, json);
                    }
                }

                private string? ReadText(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

                private void WriteText(string path, string text)
                {
                    if (text.Length > 0)
                    {
                        File.WriteAllText(path, text);
                    }
                }
            }

            class ProjectExporter
            {
                private const string TemplatePath = "template.xml";
                private const string OutputPath = "export.xml";

                public void Export()
                {
                    var document = XDocument.Load(TemplatePath);
                    document.Save(OutputPath);
                }
            }
            """);

    [Fact]
    public Task Files_edited_for_a_caller_defaults_written_when_missing_files_read_at_once_other_files_and_caches_are_not_state() =>
        Verifier.AnalyzerAsync(NotStateSource);

    [Fact]
    public Task A_file_named_by_a_setting_read_through_the_types_own_field_is_rewritten_in_place() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class RepositoryOptions
            {
                public string Folder { get; set; } = "repo";
            }

            class NodeOptions
            {
                public RepositoryOptions Repository { get; } = new();
            }

            class ConfigStore
            {
                private readonly NodeOptions _options = new();

                public void Save(string json)
                {
                    var path = Path.Combine(_options.Repository.Folder, "config");
                    using (var stream = {|#0:File.Create(path)|})
                    using (var writer = new StreamWriter(stream))
                    {
                        writer.Write(json);
                    }
                }

                public void Export(NodeOptions target, string json)
                {
                    var path = Path.Combine(target.Repository.Folder, "config");
                    using (var stream = File.Create(path))
                    using (var writer = new StreamWriter(stream))
                    {
                        writer.Write(json);
                    }
                }
            }
            """,
            RewrittenInPlace(0, "'path'", "File.Create"));

    [Fact]
    public Task A_world_file_rewritten_through_the_projects_writer_class_that_opens_its_path_is_flagged_and_fsynced_by_path_once_closed() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            public abstract class GenericWriter
            {
                public abstract void Write(int value);
                public abstract void Close();
            }

            public sealed class BinaryFileWriter : GenericWriter
            {
                private readonly Stream _file;
                private readonly byte[] _buffer = new byte[4096];
                private int _index;

                public BinaryFileWriter(string filename) => _file = new FileStream(filename, FileMode.Create, FileAccess.Write, FileShare.None);

                public BinaryFileWriter(Stream stream) => _file = stream;

                public void Flush()
                {
                    _file.Write(_buffer, 0, _index);
                    _index = 0;
                }

                public override void Write(int value)
                {
                    System.BitConverter.TryWriteBytes(new System.Span<byte>(_buffer, _index, 4), value);
                    _index += 4;
                }

                public override void Close()
                {
                    Flush();
                    _file.Close();
                }
            }

            public sealed class WorldSaveStore
            {
                private const string ItemIndexPath = "Saves/Items/Items.idx";

                public void SaveItems(int[] serials)
                {
                    GenericWriter index = {|#0:new BinaryFileWriter(ItemIndexPath)|};
                    foreach (var serial in serials)
                    {
                        index.Write(serial);
                    }

                    index.Close();
                }

                public byte[] SnapshotItems(int[] serials)
                {
                    var memory = new MemoryStream();
                    GenericWriter snapshot = new BinaryFileWriter(memory);
                    foreach (var serial in serials)
                    {
                        snapshot.Write(serial);
                    }

                    snapshot.Close();
                    return memory.ToArray();
                }
            }
            """,
            new[] { UnsyncedFileContentsTests.RewrittenInPlace(0, "'ItemIndexPath'", "FileMode.Create") },
            """
            using System.IO;
            using Durability.Runtime;

            public abstract class GenericWriter
            {
                public abstract void Write(int value);
                public abstract void Close();
            }

            public sealed class BinaryFileWriter : GenericWriter
            {
                private readonly Stream _file;
                private readonly byte[] _buffer = new byte[4096];
                private int _index;

                public BinaryFileWriter(string filename) => _file = new FileStream(filename, FileMode.Create, FileAccess.Write, FileShare.None);

                public BinaryFileWriter(Stream stream) => _file = stream;

                public void Flush()
                {
                    _file.Write(_buffer, 0, _index);
                    _index = 0;
                }

                public override void Write(int value)
                {
                    System.BitConverter.TryWriteBytes(new System.Span<byte>(_buffer, _index, 4), value);
                    _index += 4;
                }

                public override void Close()
                {
                    Flush();
                    _file.Close();
                }
            }

            public sealed class WorldSaveStore
            {
                private const string ItemIndexPath = "Saves/Items/Items.idx";

                public void SaveItems(int[] serials)
                {
                    GenericWriter index = new BinaryFileWriter(ItemIndexPath);
                    foreach (var serial in serials)
                    {
                        index.Write(serial);
                    }

                    index.Close();
                    Fsync.File(ItemIndexPath);
                }

                public byte[] SnapshotItems(int[] serials)
                {
                    var memory = new MemoryStream();
                    GenericWriter snapshot = new BinaryFileWriter(memory);
                    foreach (var serial in serials)
                    {
                        snapshot.Write(serial);
                    }

                    snapshot.Close();
                    return memory.ToArray();
                }
            }
            """);
}
