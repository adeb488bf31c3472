using System.Threading.Tasks;
using Durability.Analyzers.Rules;
using Durability.Testing;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.FlushWithoutFsyncAnalyzer, Durability.CodeFixes.FlushWithoutFsyncCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR001;

/// <summary>
/// DUR001 on a stream a type keeps from its constructor: when only this assembly can create the type and every creation
/// hands it a file opened with FileOptions.WriteThrough, each write already reaches the disk, so its flushes and its
/// close need no fsync. A constructor other assemblies can call, or one creation with a plain file, keeps it checked.
/// </summary>
public sealed class WriteThroughAtEveryCreationTests
{
    [Fact]
    public Task A_log_created_only_by_its_own_factory_over_a_write_through_file_is_not_flagged() =>
        Verifier.AnalyzerAsync("""
            using System;
            using System.IO;

            public sealed class FileRaftLog : IDisposable
            {
                private readonly FileStream _file;

                private FileRaftLog(FileStream file) => _file = file;

                public static FileRaftLog Open(string path)
                {
                    var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096,
                        FileOptions.WriteThrough | FileOptions.Asynchronous);
                    return new FileRaftLog(file);
                }

                public static FileRaftLog OpenSegment(string directory, long index) =>
                    new(new FileStream(Path.Combine(directory, index + ".seg"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.WriteThrough));

                public void Append(byte[] entry)
                {
                    _file.Write(entry, 0, entry.Length);
                    _file.Flush();
                }

                public void Dispose() => _file.Dispose();
            }
            """);

    [Fact]
    public Task A_constructor_other_assemblies_can_call_or_a_creation_with_a_plain_file_keeps_the_close_flagged() =>
        Verifier.CodeFixAsync("""
            using System;
            using System.IO;

            public sealed class PublicRaftLog : IDisposable
            {
                private readonly FileStream _file;

                public PublicRaftLog(FileStream file) => _file = file;

                public static PublicRaftLog Open(string path) =>
                    new(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.WriteThrough));

                public void Append(byte[] entry) => _file.Write(entry, 0, entry.Length);

                public void Dispose() => {|#0:_file.Dispose()|};
            }

            public sealed class MixedRaftLog : IDisposable
            {
                private readonly FileStream _file;

                private MixedRaftLog(FileStream file) => _file = file;

                public static MixedRaftLog Open(string path) =>
                    new(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.WriteThrough));

                public static MixedRaftLog OpenFast(string path) => new(new FileStream(path, FileMode.OpenOrCreate));

                public void Append(byte[] entry) => _file.Write(entry, 0, entry.Length);

                public void Dispose() => {|#1:_file.Dispose()|};
            }
            """,
            new[]
            {
                Verifier.Diagnostic(RuleCatalog.ClosedWithoutFsync).WithLocation(0).WithArguments("_file"),
                Verifier.Diagnostic(RuleCatalog.ClosedWithoutFsync).WithLocation(1).WithArguments("_file"),
            },
            """
            using System;
            using System.IO;

            public sealed class PublicRaftLog : IDisposable
            {
                private readonly FileStream _file;

                public PublicRaftLog(FileStream file) => _file = file;

                public static PublicRaftLog Open(string path) =>
                    new(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.WriteThrough));

                public void Append(byte[] entry) => _file.Write(entry, 0, entry.Length);

                public void Dispose()
                {
                    _file.Flush(flushToDisk: true);
                    _file.Dispose();
                }
            }

            public sealed class MixedRaftLog : IDisposable
            {
                private readonly FileStream _file;

                private MixedRaftLog(FileStream file) => _file = file;

                public static MixedRaftLog Open(string path) =>
                    new(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.WriteThrough));

                public static MixedRaftLog OpenFast(string path) => new(new FileStream(path, FileMode.OpenOrCreate));

                public void Append(byte[] entry) => _file.Write(entry, 0, entry.Length);

                public void Dispose()
                {
                    _file.Flush(flushToDisk: true);
                    _file.Dispose();
                }
            }
            """);
}
