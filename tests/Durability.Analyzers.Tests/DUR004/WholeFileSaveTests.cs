using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedFileContentsAnalyzer, Durability.CodeFixes.UnsyncedFileContentsCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR004;

/// <summary>
/// DUR004 on library calls that write a file whole and close it with no fsync, like File.WriteAll*: an XML document
/// saved to its path (a records or settings file kept as XML), and the destination of a copy, in storage code.
/// </summary>
public sealed class WholeFileSaveTests
{
    internal static DiagnosticResult Saved(int location, string method, string path) =>
        Verifier.Diagnostic(RuleCatalog.WholeFileSaveWithoutFsync).WithLocation(location).WithArguments(method, path);

    [Fact]
    public Task Xml_saves_and_copies_onto_kept_files_are_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Xml;
            using System.Xml.Linq;

            class PackageRepository
            {
                private readonly string _packagesFile = "packages.config";

                public void Add(XElement package)
                {
                    var document = XDocument.Load(_packagesFile);
                    document.Root!.Add(package);
                    {|#0:document.Save(_packagesFile)|};
                }

                public void SaveIndex(XmlDocument index, string folder) => {|#1:index.Save(Path.Combine(folder, "index.xml"))|};

                public void Duplicate(string stored, string copy) => {|#2:File.Copy(stored, copy)|};

                public void Import(FileInfo upload, string folder) => {|#3:upload.CopyTo(Path.Combine(folder, upload.Name), overwrite: true)|};
            }
            """,
            Saved(0, "XDocument.Save", "'_packagesFile'"),
            Saved(1, "XmlDocument.Save", "'Path.Combine(folder, \"index.xml\")'"),
            Saved(2, "File.Copy", "'copy'"),
            Saved(3, "FileInfo.CopyTo", "'Path.Combine(folder, upload.Name)'"));

    [Fact]
    public Task Saves_fsynced_renamed_kept_only_for_the_method_or_outside_storage_code_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using System.Xml.Linq;
            using Durability.Runtime;

            class PackageRepository
            {
                private readonly string _packagesFile = "packages.config";

                public void SaveSynced(XDocument document)
                {
                    document.Save(_packagesFile);
                    Fsync.File(_packagesFile);
                }

                // The rename is what publishes it, and is checked there.
                public void SaveBeside(XDocument document)
                {
                    var staged = _packagesFile + ".tmp";
                    document.Save(staged);
                    Fsync.File(staged);
                    File.Move(staged, _packagesFile, overwrite: true);
                }

                // A copy kept while the file is replaced, deleted when the method is done.
                public void Replace(byte[] contents)
                {
                    var previous = _packagesFile + ".old";
                    File.Copy(_packagesFile, previous, overwrite: true);
                    DurableFile.WriteAllBytes(_packagesFile, contents);
                    File.Delete(previous);
                }

                public void KeepBackup(string backupfile) => File.Copy(_packagesFile, backupfile, overwrite: true);
            }

            class ReportPrinter
            {
                public void Print(XDocument report, string path) => report.Save(path);
            }
            """);

    [Fact]
    public Task The_fix_fsyncs_the_file_by_its_path_once_it_is_written() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.Xml.Linq;

            class PackageRepository
            {
                private readonly string _packagesFile = "packages.config";

                public void Add(XElement package)
                {
                    var document = XDocument.Load(_packagesFile);
                    document.Root!.Add(package);
                    {|#0:document.Save(_packagesFile)|};
                }

                public void Duplicate(string stored, string copy) => {|#1:File.Copy(stored, copy)|};
            }
            """,
            new[] { Saved(0, "XDocument.Save", "'_packagesFile'"), Saved(1, "File.Copy", "'copy'") },
            """
            using System.IO;
            using System.Xml.Linq;
            using Durability.Runtime;

            class PackageRepository
            {
                private readonly string _packagesFile = "packages.config";

                public void Add(XElement package)
                {
                    var document = XDocument.Load(_packagesFile);
                    document.Root!.Add(package);
                    document.Save(_packagesFile);
                    Fsync.File(_packagesFile);
                }

                public void Duplicate(string stored, string copy)
                {
                    File.Copy(stored, copy);
                    Fsync.File(copy);
                }
            }
            """);

    [Fact]
    public Task A_zip_entry_extracted_over_a_kept_file_is_flagged_and_fsynced_after() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.IO.Compression;

            class SettingsRepository
            {
                private readonly string _configPath = "config.json";

                public void RestoreFrom(string archivePath)
                {
                    using var archive = ZipFile.OpenRead(archivePath);
                    var entry = archive.GetEntry("config.json");
                    {|#0:entry.ExtractToFile(_configPath, overwrite: true)|};
                }
            }
            """,
            new[] { Saved(0, "ZipFileExtensions.ExtractToFile", "'_configPath'") },
            """
            using System.IO;
            using System.IO.Compression;
            using Durability.Runtime;

            class SettingsRepository
            {
                private readonly string _configPath = "config.json";

                public void RestoreFrom(string archivePath)
                {
                    using var archive = ZipFile.OpenRead(archivePath);
                    var entry = archive.GetEntry("config.json");
                    entry.ExtractToFile(_configPath, overwrite: true);
                    Fsync.File(_configPath);
                }
            }
            """);

    [Fact]
    public Task A_data_set_written_as_xml_to_its_file_is_a_whole_file_save_fsynced_after_it() =>
        Verifier.CodeFixAsync("""
            using System.Data;

            class UserStorage
            {
                private readonly string _usersFile = "Users.xml";

                public void SaveUsers(DataSet users) => {|#0:users.WriteXml(_usersFile, XmlWriteMode.IgnoreSchema)|};

                public void SaveDomains(DataTable domains)
                {
                    {|#1:domains.WriteXml("Domains.xml")|};
                }

                // Written out for someone to read: a string, not a path.
                public string Describe(DataSet users) => users.GetXml();
            }
            """,
            new[]
            {
                Saved(0, "DataSet.WriteXml", "'_usersFile'"),
                Saved(1, "DataTable.WriteXml", "'\"Domains.xml\"'"),
            },
            """
            using System.Data;
            using Durability.Runtime;

            class UserStorage
            {
                private readonly string _usersFile = "Users.xml";

                public void SaveUsers(DataSet users)
                {
                    users.WriteXml(_usersFile, XmlWriteMode.IgnoreSchema);
                    Fsync.File(_usersFile);
                }

                public void SaveDomains(DataTable domains)
                {
                    domains.WriteXml("Domains.xml");
                    Fsync.File("Domains.xml");
                }

                // Written out for someone to read: a string, not a path.
                public string Describe(DataSet users) => users.GetXml();
            }
            """);

    internal static DiagnosticResult HelperWrote(int location, string method, string path) =>
        Verifier.Diagnostic(RuleCatalog.HelperWriteWithoutFsync).WithLocation(location).WithArguments(method, path);

    [Fact]
    public Task A_utility_that_writes_a_file_storage_code_keeps_is_flagged_at_the_call_and_fsynced_after_it() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.Text.Json;

            static class IoUtilities
            {
                public static void SaveObject<T>(T value, string path) => File.WriteAllText(path, JsonSerializer.Serialize(value));
            }

            class CredentialStore
            {
                private readonly string _storeFile = "credentials.json";

                public void Save(string[] credentials)
                {
                    {|#0:IoUtilities.SaveObject(credentials, _storeFile)|};
                }
            }
            """,
            new[] { HelperWrote(0, "IoUtilities.SaveObject", "'_storeFile'") },
            """
            using System.IO;
            using System.Text.Json;
            using Durability.Runtime;

            static class IoUtilities
            {
                public static void SaveObject<T>(T value, string path) => File.WriteAllText(path, JsonSerializer.Serialize(value));
            }

            class CredentialStore
            {
                private readonly string _storeFile = "credentials.json";

                public void Save(string[] credentials)
                {
                    IoUtilities.SaveObject(credentials, _storeFile);
                    Fsync.File(_storeFile);
                }
            }
            """);

    [Fact]
    public Task Helper_writes_that_are_synced_renamed_checked_in_their_own_body_or_outside_storage_code_are_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System.IO;
            using Durability.Runtime;

            static class IoUtilities
            {
                public static void SaveText(string path, string text) => File.WriteAllText(path, text);

                public static void SaveDurably(string path, string text) => DurableFile.WriteAllText(path, text);
            }

            class SegmentIndexWriter
            {
                // A storage type's own helper: its write is reported in its body, once.
                public static void WriteIndex(string path, byte[] index) => {|#0:File.WriteAllBytes(path, index)|};
            }

            class CredentialStore
            {
                private readonly string _storeFile = "credentials.json";

                public void SaveSynced(string text)
                {
                    IoUtilities.SaveText(_storeFile, text);
                    Fsync.File(_storeFile);
                }

                public void SaveDurably(string text) => IoUtilities.SaveDurably(_storeFile, text);

                public void SaveRenamed(string text)
                {
                    var staged = _storeFile + ".new";
                    IoUtilities.SaveText(staged, text);
                    Fsync.File(staged);
                    File.Move(staged, _storeFile, overwrite: true);
                }

                public void SaveIndex(byte[] index) => SegmentIndexWriter.WriteIndex(_storeFile + ".idx", index);
            }

            class ReportPrinter
            {
                public void Print(string path, string text) => IoUtilities.SaveText(path, text);
            }
            """,
            UnsyncedFileContentsTests.WrittenWhole(0, "WriteAllBytes", "'path'"));
}
