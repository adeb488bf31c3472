using System.Threading.Tasks;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR002.UnsyncedDirectoryEntryTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer, Durability.CodeFixes.UnsyncedDirectoryEntryCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR002;

/// <summary>
/// DUR002 on a write over a file the code knows exists: under <c>if (File.Exists(path))</c>, or after the method read the
/// whole file on every path to the write (a settings file loaded, changed and saved), or the type creates it empty when
/// missing at start-up (a placeholder, made again after a crash that lost it). Writing over an existing file adds no
/// directory entry; its contents are DUR004's. A read whose failure is caught, a read on some paths only, and a write
/// when the file is missing still create one.
/// </summary>
public sealed class ExistingFileTests
{
    [Fact]
    public Task Writes_over_a_file_that_was_just_read_or_is_known_to_exist_add_no_entry() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Xml;

            class UserStore
            {
                private readonly string _usersPath = Path.Combine("App_Data", "users.xml");
                private readonly string _tenantsPath = Path.Combine("App_Data", "tenants.json");

                public void Rename(string from, string to)
                {
                    var document = new XmlDocument();
                    document.Load(_usersPath);
                    File.WriteAllText(_usersPath, document.OuterXml.Replace(from, to));
                }

                public void Touch()
                {
                    var text = File.ReadAllText(_tenantsPath);
                    using var writer = new StreamWriter(_tenantsPath);
                    writer.Write(text);
                }

                public void Disable(string tenant)
                {
                    if (File.Exists(_tenantsPath))
                    {
                        File.WriteAllText(_tenantsPath, tenant);
                    }
                }
            }
            """);

    [Fact]
    public Task Empty_placeholders_made_only_when_missing_add_no_entry_unless_data_is_appended_to_them_and_later_writes_of_them_add_none() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class WikiStorageProvider
            {
                private const string ConfigFile = "Config.cs";
                private const string UsersFile = "Users.cs";
                private readonly string _dataDirectory = "public";

                private string GetFullPath(string name) => Path.Combine(_dataDirectory, name);

                public void Init()
                {
                    if (!File.Exists(GetFullPath(ConfigFile)))
                    {
                        File.Create(GetFullPath(ConfigFile)).Close();
                    }

                    // Users are appended to this file: what is appended lasts only as long as the entry made here.
                    if (!File.Exists(GetFullPath(UsersFile)))
                    {
                        using ({|#0:File.Create(GetFullPath(UsersFile))|})
                        {
                        }
                    }
                }

                public void SaveConfig(string text) => File.WriteAllText(GetFullPath(ConfigFile), text);

                public void AddUser(string line) => File.AppendAllText(GetFullPath(UsersFile), line);
            }
            """,
            Created(0, "'GetFullPath(UsersFile)'", "the directory of 'GetFullPath(UsersFile)'"));

    [Fact]
    public Task A_file_made_anew_in_the_method_that_also_makes_it_when_missing_still_creates_it_there_and_nowhere_else() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            public sealed class SegmentStorageFile
            {
                private readonly string _filePath = Path.Combine("segments", "0001.sst");

                public SegmentStorageFile() => Create(overwrite: false);

                public void Create(bool overwrite)
                {
                    if (overwrite)
                    {
                        {|#0:new FileStream(_filePath, FileMode.Create, FileAccess.Write)|}.Dispose();
                    }
                    else if (!File.Exists(_filePath))
                    {
                        new FileStream(_filePath, FileMode.CreateNew, FileAccess.Write).Dispose();
                    }
                }

                public void WriteAllBytes(byte[] content) => File.WriteAllBytes(_filePath, content);
            }
            """,
            Created(0, "'_filePath'", "the directory of '_filePath'"));

    [Fact]
    public Task Contents_made_when_missing_markers_made_per_key_and_writes_of_a_path_another_method_ensures_from_its_parameter_still_create_entries() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class KeyStore
            {
                private readonly string _keyPath = Path.Combine("keys", "master.key");

                public void Init(byte[] newKey)
                {
                    if (!File.Exists(_keyPath))
                    {
                        {|#0:File.WriteAllBytes(_keyPath, newKey)|};
                    }
                }

                public void MarkInstalled(string name)
                {
                    // A marker per key, whose existence is the state: made once, not again at each start.
                    if (!File.Exists(name))
                    {
                        {|#1:File.Create(name)|}.Close();
                    }
                }

                public void Write(string name, string text) => {|#2:File.WriteAllText(name, text)|};
            }
            """,
            Created(0, "'_keyPath'", "the directory of '_keyPath'"),
            Created(1, "'name'", "the directory of 'name'"),
            Created(2, "'name'", "the directory of 'name'"));

    [Fact]
    public Task Writes_where_the_file_may_be_missing_still_create_it() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SettingsStore
            {
                private readonly string _path = Path.Combine("config", "settings.json");

                public void LoadOrCreate()
                {
                    string text;
                    try
                    {
                        text = File.ReadAllText(_path);
                    }
                    catch (FileNotFoundException)
                    {
                        text = "{}";
                    }

                    {|#0:File.WriteAllText(_path, text)|};
                }

                public void CreateWhenMissing()
                {
                    if (File.Exists(_path))
                    {
                        return;
                    }
                    else
                    {
                        {|#1:File.WriteAllText(_path, "{}")|};
                    }
                }

                public void ReadSometimes(bool check)
                {
                    if (check)
                    {
                        File.ReadAllText(_path);
                    }

                    {|#2:File.WriteAllText(_path, "{}")|};
                }
            }
            """,
            Created(0, "'_path'", "the directory of '_path'"),
            Created(1, "'_path'", "the directory of '_path'"),
            Created(2, "'_path'", "the directory of '_path'"));

    [Fact]
    public Task A_file_opened_or_created_only_to_look_at_its_length_or_lock_adds_no_entry_and_one_written_does() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class SegmentShipper
            {
                private readonly string _dir = "segments";

                public bool IsSealedAt(string segment, long length)
                {
                    using var stream = File.Open(segment, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
                    stream.Position = 0;
                    return stream.Length <= length;
                }

                public void Begin(string segment)
                {
                    using var stream = {|#0:File.Open(segment, FileMode.OpenOrCreate, FileAccess.ReadWrite)|};
                    stream.WriteByte(1);
                }
            }
            """,
            Created(0, "'segment'", "the directory of 'segment'"));

    [Fact]
    public Task A_file_opened_or_created_only_to_be_read_through_a_reader_adds_no_entry() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class ConsumeOffsetStore
            {
                private readonly string _file = "offsets.json";

                public string Load()
                {
                    using (var stream = new FileStream(_file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite))
                    using (var reader = new StreamReader(stream))
                    {
                        return reader.ReadToEnd();
                    }
                }

                public int LoadVersion()
                {
                    using var stream = File.Open(_file + ".version", FileMode.OpenOrCreate);
                    using var reader = new BinaryReader(stream);
                    return stream.Length < 4 ? 0 : reader.ReadInt32();
                }

                public void Save(string json)
                {
                    using (var stream = {|#0:new FileStream(_file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite)|})
                    using (var writer = new StreamWriter(stream))
                    {
                        writer.Write(json);
                    }
                }
            }
            """,
            Created(0, "'_file'", "the directory of '_file'"));

    [Fact]
    public Task A_file_or_directory_proven_to_exist_by_a_guard_that_leaves_adds_no_entry() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;
            using System.IO.MemoryMappedFiles;

            class SegmentStore
            {
                private MemoryMappedFile _map;

                public void Upgrade(string dataFile, long length)
                {
                    if (!File.Exists(dataFile)) throw new FileNotFoundException("Expected " + dataFile);
                    Console.WriteLine("upgrading " + dataFile);
                    _map = MemoryMappedFile.CreateFromFile(dataFile, FileMode.OpenOrCreate, null, length);
                }

                public void Patch(string segment, bool readOnly)
                {
                    if (!File.Exists(segment) || readOnly)
                    {
                        return;
                    }

                    using var stream = File.Open(segment, FileMode.OpenOrCreate, FileAccess.Write);
                    stream.WriteByte(1);
                }

                public void Open(string path)
                {
                    var directory = Path.GetFullPath(path);
                    if (Directory.Exists(directory))
                        Directory.CreateDirectory(directory);
                    using var log = {|#0:File.Open(Path.Combine(directory, "log.data"), FileMode.OpenOrCreate, FileAccess.ReadWrite)|};
                    log.WriteByte(1);
                }
            }
            """,
            Created(0, "'Path.Combine(directory, \"log.data\")'", "'directory'"));

    [Fact]
    public Task A_guard_that_goes_on_has_an_else_or_tests_another_path_proves_nothing() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            class SegmentStore
            {
                public void Warn(string segment)
                {
                    if (!File.Exists(segment)) Console.WriteLine("creating " + segment);
                    using var stream = {|#0:File.Open(segment, FileMode.OpenOrCreate, FileAccess.Write)|};
                    stream.WriteByte(1);
                }

                public void Other(string segment, string index)
                {
                    if (!File.Exists(index)) throw new FileNotFoundException(index);
                    using var stream = {|#1:File.Open(segment, FileMode.OpenOrCreate, FileAccess.Write)|};
                    stream.WriteByte(1);
                }

                public void Either(string segment, bool strict)
                {
                    if (!File.Exists(segment) && strict) throw new FileNotFoundException(segment);
                    using var stream = {|#2:File.Open(segment, FileMode.OpenOrCreate, FileAccess.Write)|};
                    stream.WriteByte(1);
                }

                public void Make(string directory)
                {
                    if (!Directory.Exists(directory))
                        {|#3:Directory.CreateDirectory(directory)|};
                    {|#4:File.WriteAllText(Path.Combine(directory, "a.seg"), "x")|};
                }
            }
            """,
            Created(0, "'segment'", "the directory of 'segment'"),
            Created(1, "'segment'", "the directory of 'segment'"),
            Created(2, "'segment'", "the directory of 'segment'"),
            CreatedFolder(3, "'directory'", "the directory of 'directory'"),
            Created(4, "'Path.Combine(directory, \"a.seg\")'", "'directory'"));
}
