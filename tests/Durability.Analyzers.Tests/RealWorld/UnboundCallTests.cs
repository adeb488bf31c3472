using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR002.UnsyncedDirectoryEntryTests;
using static Durability.Analyzers.Tests.DUR004.UnsyncedFileContentsTests;

namespace Durability.Analyzers.Tests.RealWorld;

/// <summary>
/// A project compiled without one of its references (or code half typed) has calls that do not bind because an
/// argument's type is unknown: <c>File.WriteAllBytes(path, Codec.GetBytes(n))</c>. They still write files, and the
/// rules read them through the one candidate whose parameters fit (issue 11: 10 of the corpus's missed bugs).
/// </summary>
public sealed class UnboundCallTests
{
    // CS0103: the name 'Codec' does not exist in the current context (its project is not referenced).
    private const string UnknownName = "CS0103";

    private const string CounterStore = """
        using System.IO;

        class ReplicationStore
        {
            private readonly string _dir = "data/";

            public void SaveCounter(long counter)
            {
                {|#0:File.WriteAllBytes(_dir + "counter.rec", Codec.GetBytes(counter))|};
            }

            public void PublishPackage(string received, string name)
            {
                {|#1:File.Move(received, Path.Combine(_dir, Codec.Name(name)))|};
            }
        }
        """;

    [Fact]
    public Task A_whole_file_write_whose_argument_type_is_unknown_is_still_a_whole_file_write() =>
        Run<UnsyncedFileContentsAnalyzer>(CounterStore, WrittenWhole(0, "WriteAllBytes", "'_dir + \"counter.rec\"'"));

    [Fact]
    public Task A_state_file_written_by_a_helper_of_the_type_given_an_argument_of_unknown_type_is_still_written() =>
        Run<UnsyncedFileContentsAnalyzer>("""
            using System.IO;

            class AccountManager
            {
                private const string SignerFileName = "signer.json";

                public string? LoadAccount() => LoadSigner(Path.Combine("config", SignerFileName));

                public void StoreAccount(Account account)
                {
                    var signerPath = Path.Combine("config", SignerFileName);
                    StoreSigner(account.Signer, signerPath);
                }

                private string? LoadSigner(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

                private void StoreSigner(AccountSigner signer, string path)
                {
                    {|#0:File.WriteAllText(path, Codec.Protect(signer))|};
                }
            }
            """,
            WrittenWhole(0, "WriteAllText", "'path'"));

    [Fact]
    public Task A_helper_of_another_type_given_an_argument_of_unknown_type_still_writes_its_path() =>
        Run<UnsyncedFileContentsAnalyzer>("""
            using System.IO;

            public static class JsonFiles
            {
                public static void WriteJson(string path, AccountSigner signer)
                {
                    var text = Codec.Serialize(signer);
                    File.WriteAllText(path, text);
                }
            }

            class AccountStore
            {
                private readonly string _path = "account.json";

                public void Save(Account account)
                {
                    {|#0:JsonFiles.WriteJson(_path, account.Signer)|};
                }
            }
            """,
            DUR004.WholeFileSaveTests.HelperWrote(0, "JsonFiles.WriteJson", "'_path'"));

    [Fact]
    public Task Unbound_creations_and_renames_still_change_directory_entries() =>
        Run<UnsyncedDirectoryEntryAnalyzer>(
            CounterStore,
            Created(0, "'_dir + \"counter.rec\"'", "the directory of '_dir + \"counter.rec\"'"),
            Renamed(1, "'received'", "'Path.Combine(_dir, Codec.Name(name))'", "the directories of 'Path.Combine(_dir, Codec.Name(name))' and 'received'"));

    [Fact]
    public Task An_unbound_rename_followed_by_a_directory_sync_is_quiet() =>
        Run<UnsyncedDirectoryEntryAnalyzer>("""
            using System.IO;
            using Durability.Runtime;

            class ReplicationStore
            {
                public void PublishPackage(string dir, string name)
                {
                    File.Move(Path.Combine(dir, "package.part"), Path.Combine(dir, Codec.Name(name)));
                    Fsync.Directory(dir);
                }
            }
            """);

    [Fact]
    public Task An_unbound_call_of_a_directory_sync_helper_still_syncs() =>
        Run<UnsyncedDirectoryEntryAnalyzer>("""
            using System.IO;
            using Durability.Runtime;

            class ReplicationStore
            {
                public void PublishPackage(string dir, string name)
                {
                    File.Move(Path.Combine(dir, "package.part"), Path.Combine(dir, name));
                    SyncDirectory(dir, Codec.Retries());
                }

                private static void SyncDirectory(string directory, int retries) => Fsync.Directory(directory);
            }
            """);

    [Fact]
    public Task A_call_no_candidate_fits_stays_unread() =>
        Run<UnsyncedFileContentsAnalyzer>("""
            using System.IO;

            class ReplicationStore
            {
                public void SaveCounter(string path, long counter)
                {
                    // No File.WriteAllBytes takes three arguments: which write was meant is not guessed.
                    File.WriteAllBytes(path, Codec.GetBytes(counter), true);
                }
            }
            """);

    private const string AbstractionsStore = """
        using System.IO.Abstractions;

        class SecretStore
        {
            private readonly IFileSystem _fileSystem;

            public SecretStore(IFileSystem fileSystem) => _fileSystem = fileSystem;

            public void Save(string path, string json) => {|#0:_fileSystem.File.WriteAllText(path, json)|};

            public void Publish(string staged, string live) => {|#1:_fileSystem.File.Move(staged, live)|};
        }
        """;

    // The interfaces of System.IO.Abstractions that the calls go through, for the project that references the package.
    private const string AbstractionsPackage = """
        namespace System.IO.Abstractions
        {
            public interface IFileSystem { IFile File { get; } }

            public interface IFile
            {
                void WriteAllText(string path, string contents);
                void Move(string sourceFileName, string destFileName);
            }
        }
        """;

    [Fact]
    public Task Calls_through_IFileSystem_read_as_the_System_IO_calls_they_mirror() =>
        RunWith<UnsyncedDirectoryEntryAnalyzer>(
            new[] { AbstractionsStore, AbstractionsPackage },
            Created(0, "'path'", "the directory of 'path'"),
            Renamed(1, "'staged'", "'live'", "the directories of 'live' and 'staged'"));

    [Fact]
    public Task Calls_through_IFileSystem_are_read_without_the_package_too() =>
        Run<UnsyncedFileContentsAnalyzer>(AbstractionsStore, WrittenWhole(0, "WriteAllText", "'path'"));

    [Fact]
    public Task A_library_written_temp_renamed_inside_a_lambda_given_to_an_unresolved_call_is_flagged() =>
        Run<UnsyncedFileContentsAnalyzer>("""
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            public interface IPackageDownloader
            {
                Task<bool> CopyNupkgFileToAsync(string destinationFilePath, CancellationToken cancellationToken);
            }

            public static class PackageExtractor
            {
                public static async Task<bool> InstallAsync(IPackageDownloader downloader, string targetPath, string targetNupkg)
                {
                    return await ConcurrencyUtilities.ExecuteWithFileLockedAsync(targetNupkg,
                        action: async cancellationToken =>
                        {
                            var targetTempNupkg = Path.Combine(targetPath, Path.GetRandomFileName());
                            var copied = await downloader.CopyNupkgFileToAsync(targetTempNupkg, cancellationToken);
                            if (copied)
                            {
                                {|#0:File.Move(targetTempNupkg, targetNupkg)|};
                            }

                            return copied;
                        },
                        token: CancellationToken.None);
                }
            }
            """,
            DUR004.UnsyncedFileContentsTests.Renamed(0, "'targetTempNupkg'", "'targetNupkg'"));

    [Fact]
    public Task A_local_stream_written_by_a_call_that_does_not_bind_is_not_taken_for_an_empty_marker() =>
        Run<FlushWithoutFsyncAnalyzer>("""
            using System.IO;

            class BitmapIndex
            {
                public void Optimize(string path, long offset)
                {
                    Stream records = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
                    records.Write(Helper.GetBytes(offset, false), 0, 8);
                    {|#0:records.Flush()|};
                    records.Close();
                }
            }
            """,
            DUR001.FlushWithoutFsyncRealWorldTests.Flush(0, "records"));

    private const string LockFileOpener = """
        using System;
        using System.IO;

        class QueueDriver
        {
            public Maybe<FileStream> CreateLockFile(string path)
            {
                try
                {
                    var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
                    {|#0:file.Flush(true)|};
                    return Maybe<FileStream>.Success(file);
                }
                catch (Exception ex)
                {
                    CATCH
                }
            }
        }
        """;

    [Fact]
    public Task A_failure_handed_to_a_result_type_of_a_missing_reference_goes_on_with_it() =>
        Run<LostFsyncFailureAnalyzer>(LockFileOpener.Replace("CATCH", "return Maybe<FileStream>.Fail(ex);"));

    [Fact]
    public Task A_failure_handed_to_an_unbound_logger_is_still_swallowed() =>
        Run<LostFsyncFailureAnalyzer>(
            LockFileOpener.Replace("CATCH", "_logger.Error(ex); return Maybe<FileStream>.None;"),
            DUR005.LostFsyncFailureTests.Swallowed(0, "file.Flush(true)"));

    // .NET Framework's new FileStream(path, mode, FileSystemRights, share, size, options) has no overload in the platform's
    // reference assemblies (CS1503: FileSystemRights does not convert to FileAccess); older storage code opens its logs so.
    private const string FrameworkRightsLog = """
        using System.IO;
        using System.Security.AccessControl;

        class CommitLog
        {
            private readonly BinaryWriter _writer;

            public CommitLog(string path)
            {
                _writer = new BinaryWriter({|#0:new FileStream(path, FileMode.Append, FileSystemRights.AppendData, FileShare.Read, 1024, FileOptions.None)|});
            }

            public void Write(long sequence)
            {
                _writer.Write(sequence);
                {|#1:_writer.Flush()|};
            }
        }

        class SequenceIndex
        {
            private readonly BinaryWriter _writer = new(new FileStream("seq.idx", FileMode.Open, FileSystemRights.Write, FileShare.Read, 1024, FileOptions.WriteThrough));

            public void Write(long sequence)
            {
                _writer.Write(sequence);
                _writer.Flush();
            }
        }
        """;

    [Fact]
    public Task A_file_stream_opened_with_the_frameworks_rights_overload_is_a_file_that_flushes_to_the_page_cache() =>
        RunFramework<FlushWithoutFsyncAnalyzer>(FrameworkRightsLog, DUR001.FlushWithoutFsyncRealWorldTests.Flush(1, "_writer"));

    [Fact]
    public Task A_file_stream_opened_with_the_frameworks_rights_overload_still_creates_its_file() =>
        RunFramework<UnsyncedDirectoryEntryAnalyzer>(FrameworkRightsLog, Created(0, "'path'", "the directory of 'path'"));

    private static Task RunFramework<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var test = new AnalyzerTest<TAnalyzer>();
        test.Sources.Add(source);
        test.ExpectedDiagnostics.AddRange(expected);
        test.AllowedCompilerErrors.Add("CS1503");
        return test.RunAsync();
    }

    private static Task RunWith<TAnalyzer>(string[] sources, params DiagnosticResult[] expected)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var test = new AnalyzerTest<TAnalyzer>();
        test.Sources.AddRange(sources);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private const string SettingsThroughWrapper = """
        using System.IO;

        public static class FileHelpers
        {
            public static void WriteStringToFile(string path, string content)
            {
                path = Path.GetFullPath(path);
                File.WriteAllText(path, content);
            }
        }

        class GameDatabase
        {
            private readonly string _settingsPath = "database.json";

            public void SaveSettings(object settings)
            {
                {|#0:FileHelpers.WriteStringToFile(_settingsPath, Serialization.ToJson(settings))|};
            }
        }
        """;

    [Fact]
    public Task A_wrapper_call_whose_argument_type_is_unknown_is_still_the_write_it_wraps() =>
        Run<UnsyncedFileContentsAnalyzer>(
            SettingsThroughWrapper,
            DUR004.WholeFileSaveTests.HelperWrote(0, "FileHelpers.WriteStringToFile", "'_settingsPath'"));

    [Fact]
    public Task A_wrapper_call_whose_argument_type_is_unknown_still_creates_the_file() =>
        Run<UnsyncedDirectoryEntryAnalyzer>(
            SettingsThroughWrapper,
            Created(0, "'_settingsPath'", "the directory of '_settingsPath'"));

    [Fact]
    public Task A_stream_a_wrapper_opens_for_an_argument_of_unknown_type_is_still_a_file() =>
        Run<FlushWithoutFsyncAnalyzer>("""
            using System.IO;

            public interface IFileSystem
            {
                Stream OpenFileStream(string path, FileMode mode);
            }

            public class PhysicalFileSystem : IFileSystem
            {
                public Stream OpenFileStream(string path, FileMode mode) => File.Open(path, mode);
            }

            class CredentialStore
            {
                private readonly IFileSystem _fileSystem = new PhysicalFileSystem();

                public void Save(Credential credential)
                {
                    using var stream = _fileSystem.OpenFileStream(credential.FullPath, FileMode.Create);
                    using var writer = new StreamWriter(stream);
                    writer.WriteLine(credential.Password);
                    {|#0:writer.Flush()|};
                }
            }
            """,
            DUR001.FlushWithoutFsyncRealWorldTests.Flush(0, "writer"));

    [Fact]
    public Task A_file_written_by_a_serializer_of_a_missing_package_is_still_written() =>
        Run<UnsyncedFileContentsAnalyzer>("""
            using System.IO;

            class QueueStore
            {
                private readonly string _root = "queue";

                public void Enqueue(string name, object item)
                {
                    var path = Path.Combine(_root, name);
                    using (var stream = {|#0:new FileStream(path, FileMode.CreateNew, FileAccess.Write)|})
                    using (var writer = new StreamWriter(stream))
                    {
                        new Newtonsoft.Json.JsonSerializer().Serialize(writer, item);
                    }
                }
            }
            """,
            DUR004.UnsyncedCloseTests.Closed(0, "'path'"));

    [Fact]
    public Task A_stream_member_handed_to_an_extension_that_does_not_bind_is_not_reported_at_its_close() =>
        Run<FlushWithoutFsyncAnalyzer>("""
            using System;
            using System.IO;

            namespace Journaling.Extensions
            {
                internal static class StreamExtensions
                {
                    public static void FlushProperly(this FileStream stream) => stream.Flush(true);
                }
            }

            namespace Journaling
            {
                // The extension's namespace is not imported here: the call does not bind, and may well fsync.
                internal sealed class JournalFileWriter : IDisposable
                {
                    private readonly FileStream _current = new FileStream("journal.0", FileMode.Append);

                    public void WriteEntry(byte[] bytes) => _current.Write(bytes, 0, bytes.Length);
                    public void Flush() => _current.FlushProperly();
                    public void Dispose() => _current.Dispose();
                }
            }
            """);

    [Fact]
    public Task A_stream_member_written_only_through_a_call_that_does_not_bind_is_written_and_its_flush_reported() =>
        Run<FlushWithoutFsyncAnalyzer>("""
            using System.IO;

            // ISupportBinaryImage lives in a reference the build lacks: the record copies itself into the stream.
            public abstract class IsamRecordStore<T> where T : ISupportBinaryImage
            {
                private readonly FileStream _fileData = new FileStream("records.dat", FileMode.OpenOrCreate, FileAccess.ReadWrite);

                public void Write(T record) => record.CopyBinaryImageToStream(_fileData);

                public void Save() => {|#0:_fileData.Flush()|};
            }
            """,
            DUR001.FlushWithoutFsyncRealWorldTests.Flush(0, "_fileData"));

    [Fact]
    public Task A_stream_opened_through_IFileSystem_without_the_package_is_a_file() =>
        Run<FlushWithoutFsyncAnalyzer>("""
            using System.IO;
            using System.IO.Abstractions;

            public sealed class ChangeLogStore
            {
                private readonly IFileSystem _fileSystem;

                public ChangeLogStore(IFileSystem fileSystem) => _fileSystem = fileSystem;

                public void Record(string changeFile, byte[] change)
                {
                    using Stream log = _fileSystem.File.Open(changeFile, FileMode.Append);
                    log.Write(change);
                    {|#0:log.Flush()|};
                }

                public void Commit(string changeFile, byte[] change)
                {
                    using Stream log = _fileSystem.File.Open(changeFile, FileMode.Append);
                    log.Write(change);
                    log.Flush();
                    Durability.Runtime.Fsync.File(log);
                }
            }
            """,
            DUR001.FlushWithoutFsyncRealWorldTests.Flush(0, "log"));

    [Fact]
    public Task A_table_builder_created_over_a_file_by_a_creation_that_does_not_bind_writes_that_file() =>
        Run<FlushWithoutFsyncAnalyzer>("""
            using System;
            using System.IO;

            public sealed class TableBuilder
            {
                private readonly Stream _dataStream;

                // StorageOptions lives in a reference the build lacks.
                public TableBuilder(StorageOptions options, Stream dataStream) => _dataStream = dataStream;

                public void Finish(byte[] footer)
                {
                    _dataStream.Write(footer, 0, footer.Length);
                    {|#0:_dataStream.Flush()|};
                }
            }

            public sealed class Compactor
            {
                public void WriteTable(string path, byte[] footer)
                {
                    var file = File.Open(path, FileMode.CreateNew, FileAccess.ReadWrite);
                    new TableBuilder(Options.Current, file).Finish(footer);
                }
            }
            """,
            DUR001.FlushWithoutFsyncRealWorldTests.Flush(0, "_dataStream"));

    private static Task Run<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var test = new AnalyzerTest<TAnalyzer>();
        test.Sources.Add(source);
        test.ExpectedDiagnostics.AddRange(expected);
        test.AllowedCompilerErrors.Add(UnknownName);
        test.AllowedCompilerErrors.Add("CS1501");
        test.AllowedCompilerErrors.Add("CS0246"); // a type or namespace of a package the project does not reference
        test.AllowedCompilerErrors.Add("CS0234");
        test.AllowedCompilerErrors.Add("CS1061"); // a member of an extension whose namespace is not imported
        return test.RunAsync();
    }
}
