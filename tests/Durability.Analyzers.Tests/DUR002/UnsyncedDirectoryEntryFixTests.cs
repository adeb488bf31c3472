using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.CodeFixes;
using Durability.Testing;
using Microsoft.CodeAnalysis.CodeFixes;
using static Durability.Analyzers.Tests.DUR002.UnsyncedDirectoryEntryTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedDirectoryEntryAnalyzer, Durability.CodeFixes.UnsyncedDirectoryEntryCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR002;

/// <summary>DUR002's fix: Fsync.ParentDirectory after the change, compiling and clearing the diagnostic.</summary>
public sealed class UnsyncedDirectoryEntryFixTests
{
    [Fact]
    public Task Rename_gets_a_parent_directory_sync_and_the_using() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            static class CheckpointStore
            {
                public static void Save(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    File.WriteAllBytes(tmp, state);
                    {|#0:File.Move(tmp, path, overwrite: true)|};
                }
            }
            """,
            new[] { Renamed(0, "'tmp'", "'path'", "the directory of 'path'") },
            """
            using System.IO;
            using Durability.Runtime;

            static class CheckpointStore
            {
                public static void Save(string path, byte[] state)
                {
                    var tmp = path + ".tmp";
                    File.WriteAllBytes(tmp, state);
                    File.Move(tmp, path, overwrite: true);
                    Fsync.ParentDirectory(path);
                }
            }
            """);

    [Fact]
    public Task The_using_goes_in_order_below_a_file_header_and_inside_a_namespace_that_holds_the_usings() =>
        Verifier.CodeFixAsync("""
            // Copyright (c) Acme. Storage engine.

            namespace Acme.Storage
            {
                using System;
                using System.IO;
                using Acme.Storage.Segments;

                static class CheckpointStore
                {
                    public static void Publish(string path) => {|#0:File.Move(path + ".tmp", path, true)|};
                }
            }

            namespace Acme.Storage.Segments
            {
                static class Marker { }
            }
            """,
            new[] { Renamed(0, "'path + \".tmp\"'", "'path'", "the directory of 'path'") },
            """
            // Copyright (c) Acme. Storage engine.

            namespace Acme.Storage
            {
                using System;
                using System.IO;
                using Acme.Storage.Segments;
                using Durability.Runtime;

                static class CheckpointStore
                {
                    public static void Publish(string path)
                    {
                        File.Move(path + ".tmp", path, true);
                        Fsync.ParentDirectory(path);
                    }
                }
            }

            namespace Acme.Storage.Segments
            {
                static class Marker { }
            }
            """);

    [Fact]
    public Task A_type_of_the_projects_own_named_Fsync_keeps_the_runtimes_name_qualified() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            static class Fsync
            {
                public static void Everything() { }
            }

            static class CheckpointStore
            {
                public static void Publish(string path)
                {
                    {|#0:File.Move(path + ".tmp", path, true)|};
                }
            }
            """,
            new[] { Renamed(0, "'path + \".tmp\"'", "'path'", "the directory of 'path'") },
            """
            using System.IO;

            static class Fsync
            {
                public static void Everything() { }
            }

            static class CheckpointStore
            {
                public static void Publish(string path)
                {
                    File.Move(path + ".tmp", path, true);
                    Durability.Runtime.Fsync.ParentDirectory(path);
                }
            }
            """);

    [Fact]
    public Task Rename_across_directories_syncs_both_and_file_info_uses_its_full_name() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using Durability.Runtime;

            class SegmentArchive
            {
                public void Archive(string from, string to, FileInfo stale)
                {
                    {|#0:File.Move(from, to)|};
                    {|#1:stale.Delete()|};
                }
            }
            """,
            new[] { Renamed(0, "'from'", "'to'", "the directories of 'to' and 'from'"), Deleted(1, "'stale'", "the directory of 'stale'") },
            """
            using System.IO;
            using Durability.Runtime;

            class SegmentArchive
            {
                public void Archive(string from, string to, FileInfo stale)
                {
                    File.Move(from, to);
                    Fsync.ParentDirectory(to);
                    Fsync.ParentDirectory(from);
                    stale.Delete();
                    Fsync.ParentDirectory(stale.FullName);
                }
            }
            """,
            editorConfig: DeletionReporting.EditorConfig);

    [Fact]
    public Task Creation_in_a_using_declaration_is_synced_right_after_it() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class SegmentedWal
            {
                private readonly string _directory = "wal";

                public void Rotate(int number, byte[] header)
                {
                    using var segment = {|#0:new FileStream(Path.Combine(_directory, $"{number:D8}.wal"), FileMode.CreateNew)|};
                    segment.Write(header);
                }
            }
            """,
            new[] { Created(0, "'Path.Combine(_directory, $\"{number:D8}.wal\")'", "'_directory'") },
            """
            using System.IO;
            using Durability.Runtime;

            class SegmentedWal
            {
                private readonly string _directory = "wal";

                public void Rotate(int number, byte[] header)
                {
                    using var segment = new FileStream(Path.Combine(_directory, $"{number:D8}.wal"), FileMode.CreateNew);
                    Fsync.Directory(_directory);
                    segment.Write(header);
                }
            }
            """);

    [Fact]
    public Task Creations_with_no_statement_after_them_are_wrapped_in_Fsync_Created() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class SegmentedWal
            {
                private readonly FileStream _log = {|#0:new("wal.log", FileMode.Append)|};
                private int _next;

                private string NextPath() => $"{_next++:D8}.wal";

                public void Rotate() => {|#1:File.Create(NextPath())|}.Dispose();

                public FileStream Open(string path) { return {|#2:File.Create(path)|}; }

                public StreamWriter Index(string dir) => {|#3:new StreamWriter(Path.Combine(dir, "index"))|};
            }
            """,
            new[]
            {
                Created(0, "'\"wal.log\"'", "the directory of '\"wal.log\"'"),
                Created(1, "'NextPath()'", "the directory of 'NextPath()'"),
                Created(2, "'path'", "the directory of 'path'"),
                Created(3, "'Path.Combine(dir, \"index\")'", "'dir'"),
            },
            """
            using System.IO;
            using Durability.Runtime;

            class SegmentedWal
            {
                private readonly FileStream _log = Fsync.Created(new FileStream("wal.log", FileMode.Append));
                private int _next;

                private string NextPath() => $"{_next++:D8}.wal";

                public void Rotate() => Fsync.Created(File.Create(NextPath())).Dispose();

                public FileStream Open(string path) { return Fsync.Created(File.Create(path)); }

                public StreamWriter Index(string dir) => Fsync.Created(new StreamWriter(Path.Combine(dir, "index")));
            }
            """);

    [Fact]
    public Task A_writer_type_of_the_projects_own_is_wrapped_and_keeps_its_type() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class JournalWriter : StreamWriter
            {
                public JournalWriter(string path) : base(path) { }
            }

            class JournalStore
            {
                public JournalWriter Open(string path) => {|#0:new JournalWriter(path)|};
            }
            """,
            new[] { Created(0, "'path'", "the directory of 'path'") },
            """
            using System.IO;
            using Durability.Runtime;

            class JournalWriter : StreamWriter
            {
                public JournalWriter(string path) : base(path) { }
            }

            class JournalStore
            {
                public JournalWriter Open(string path) => Fsync.Created(new JournalWriter(path));
            }
            """);

    [Fact]
    public Task Expression_bodies_become_blocks_and_path_helpers_get_their_directory_synced() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class SegmentedWal
            {
                private readonly string _dir = "wal";
                private int _next;

                private string NextPath() => Path.Combine(_dir, $"{_next++:D8}.wal");

                private string SegmentPath(int number) => Path.Combine(_dir, $"{number:D8}.wal");

                public void Seal(string active) => {|#0:File.Move(active, NextPath())|};

                public void Drop(int number)
                {
                    {|#1:File.Delete(SegmentPath(number))|};
                }
            }
            """,
            new[]
            {
                Renamed(0, "'active'", "'NextPath()'", "the directories of 'NextPath()' and 'active'"),
                Deleted(1, "'SegmentPath(number)'", "the directory of 'SegmentPath(number)'"),
            },
            """
            using System.IO;
            using Durability.Runtime;

            class SegmentedWal
            {
                private readonly string _dir = "wal";
                private int _next;

                private string NextPath() => Path.Combine(_dir, $"{_next++:D8}.wal");

                private string SegmentPath(int number) => Path.Combine(_dir, $"{number:D8}.wal");

                public void Seal(string active)
                {
                    File.Move(active, NextPath());
                    Fsync.Directory(_dir);
                    Fsync.ParentDirectory(active);
                }

                public void Drop(int number)
                {
                    File.Delete(SegmentPath(number));
                    Fsync.Directory(_dir);
                }
            }
            """,
            editorConfig: DeletionReporting.EditorConfig);

    [Fact]
    public Task A_change_that_is_a_lambdas_whole_body_gets_a_block_body_with_the_sync() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.Linq;

            class IndexStore
            {
                private readonly string _dir = "index";

                public void Load()
                {
                    foreach (var file in Directory.GetFiles(_dir, "*.idx"))
                    {
                        using var stream = File.OpenRead(file);
                    }
                }

                public void DropIndexes() => Directory.GetFiles(_dir, "*.idx").ToList().ForEach(index => {|#0:File.Delete(index)|});
            }
            """,
            new[] { Deleted(0, "'index'", "the directory of 'index'") },
            """
            using System.IO;
            using System.Linq;
            using Durability.Runtime;

            class IndexStore
            {
                private readonly string _dir = "index";

                public void Load()
                {
                    foreach (var file in Directory.GetFiles(_dir, "*.idx"))
                    {
                        using var stream = File.OpenRead(file);
                    }
                }

                public void DropIndexes() => Directory.GetFiles(_dir, "*.idx").ToList().ForEach(index =>
                {
                    File.Delete(index);
                    Fsync.ParentDirectory(index);
                });
            }
            """);

    [Fact]
    public Task Changes_in_loops_without_braces_sync_once_after_the_loop_or_inside_a_new_block() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class SegmentCleaner
            {
                public void DropAll(string dir, string[] names)
                {
                    foreach (var name in names)
                        {|#0:File.Delete(Path.Combine(dir, name))|};
                }

                public void DropEach(string[] segments)
                {
                    foreach (var segment in segments)
                        {|#1:File.Delete(segment)|};
                }
            }
            """,
            new[] { Deleted(0, "'Path.Combine(dir, name)'", "'dir'"), Deleted(1, "'segment'", "the directory of 'segment'") },
            """
            using System.IO;
            using Durability.Runtime;

            class SegmentCleaner
            {
                public void DropAll(string dir, string[] names)
                {
                    foreach (var name in names)
                        File.Delete(Path.Combine(dir, name));
                    Fsync.Directory(dir);
                }

                public void DropEach(string[] segments)
                {
                    foreach (var segment in segments)
                    {
                        File.Delete(segment);
                        Fsync.ParentDirectory(segment);
                    }
                }
            }
            """,
            editorConfig: DeletionReporting.EditorConfig);

    [Fact]
    public Task Without_the_runtime_no_fix_is_offered()
    {
        const string Source = """
            using System.IO;

            class LogTruncation
            {
                public void Drop(string segment)
                {
                    {|#0:File.Delete(segment)|};
                }
            }
            """;
        var single = new CodeFixTest<UnsyncedDirectoryEntryAnalyzer, UnsyncedDirectoryEntryCodeFixProvider> { ReferenceRuntime = false, EditorConfig = DeletionReporting.EditorConfig };
        single.Sources.Add(Source);
        single.ExpectedDiagnostics.Add(Deleted(0, "'segment'", "the directory of 'segment'"));
        single.FixedSources.Add(Source);
        single.FixedDiagnostics.Add(Deleted(0, "'segment'", "the directory of 'segment'"));
        return single.RunAsync();
    }

    [Theory]
    [InlineData(FixAllScope.Document)]
    [InlineData(FixAllScope.Solution)]
    public Task FixAll_does_not_insert_the_same_sync_twice_in_a_row(FixAllScope scope)
    {
        var test = new CodeFixTest<UnsyncedDirectoryEntryAnalyzer, UnsyncedDirectoryEntryCodeFixProvider> { FixAllScope = scope, EditorConfig = DeletionReporting.EditorConfig };
        test.Sources.Add("""
            using System.IO;

            class LogTruncation
            {
                public void DropBefore(string directory, string manifest)
                {
                    {|#0:File.Delete(Path.Combine(directory, "1.wal"))|};
                    {|#1:File.Delete(Path.Combine(directory, "2.wal"))|};
                    {|#2:File.Delete(manifest)|};
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Deleted(0, "'Path.Combine(directory, \"1.wal\")'", "'directory'"));
        test.ExpectedDiagnostics.Add(Deleted(1, "'Path.Combine(directory, \"2.wal\")'", "'directory'"));
        test.ExpectedDiagnostics.Add(Deleted(2, "'manifest'", "the directory of 'manifest'"));
        test.FixedSources.Add("""
            using System.IO;
            using Durability.Runtime;

            class LogTruncation
            {
                public void DropBefore(string directory, string manifest)
                {
                    File.Delete(Path.Combine(directory, "1.wal"));
                    File.Delete(Path.Combine(directory, "2.wal"));
                    Fsync.Directory(directory);
                    File.Delete(manifest);
                    Fsync.ParentDirectory(manifest);
                }
            }
            """);
        return test.RunAsync();
    }
    [Fact]
    public Task A_subdirectory_created_through_its_parents_directory_info_syncs_the_parent() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using Durability.Runtime;

            sealed class SnapshotStore
            {
                public void Save(DirectoryInfo root, string name, byte[] data)
                {
                    var folder = {|#0:root.CreateSubdirectory(name)|};
                    using (var file = new FileStream(Path.Combine(folder.FullName, "data"), FileMode.CreateNew))
                    {
                        file.Write(data);
                        file.Flush(true);
                    }

                    Fsync.Directory(folder.FullName);
                }
            }
            """,
            new[] { CreatedFolder(0, "'root.CreateSubdirectory(name)'", "'root'") },
            """
            using System.IO;
            using Durability.Runtime;

            sealed class SnapshotStore
            {
                public void Save(DirectoryInfo root, string name, byte[] data)
                {
                    var folder = root.CreateSubdirectory(name);
                    Fsync.Directory(root.FullName);
                    using (var file = new FileStream(Path.Combine(folder.FullName, "data"), FileMode.CreateNew))
                    {
                        file.Write(data);
                        file.Flush(true);
                    }

                    Fsync.Directory(folder.FullName);
                }
            }
            """);

    [Fact]
    public Task A_page_file_a_memory_map_creates_gets_a_parent_directory_sync_and_one_it_only_opens_does_not() =>
        Verifier.CodeFixAsync("""
            using System.IO;
            using System.IO.MemoryMappedFiles;

            sealed class PageStore
            {
                public MemoryMappedFile CreatePage(string pageFile, long size)
                {
                    var page = {|#0:MemoryMappedFile.CreateFromFile(pageFile, FileMode.OpenOrCreate, null, size)|};
                    return page;
                }

                public MemoryMappedFile OpenPage(string pageFile) => MemoryMappedFile.CreateFromFile(pageFile, FileMode.Open);

                public MemoryMappedFile OpenExisting(string pageFile) => MemoryMappedFile.CreateFromFile(pageFile);
            }
            """,
            new[] { Created(0, "'pageFile'", "the directory of 'pageFile'") },
            """
            using System.IO;
            using System.IO.MemoryMappedFiles;
            using Durability.Runtime;

            sealed class PageStore
            {
                public MemoryMappedFile CreatePage(string pageFile, long size)
                {
                    var page = MemoryMappedFile.CreateFromFile(pageFile, FileMode.OpenOrCreate, null, size);
                    Fsync.ParentDirectory(pageFile);
                    return page;
                }

                public MemoryMappedFile OpenPage(string pageFile) => MemoryMappedFile.CreateFromFile(pageFile, FileMode.Open);

                public MemoryMappedFile OpenExisting(string pageFile) => MemoryMappedFile.CreateFromFile(pageFile);
            }
            """);
}
