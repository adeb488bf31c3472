using System.Threading.Tasks;
using Durability.Testing;
using static Durability.Analyzers.Tests.DUR004.UnsyncedFileContentsTests;
using Verifier = Durability.Testing.Verify<Durability.Analyzers.Rules.UnsyncedFileContentsAnalyzer, Durability.CodeFixes.UnsyncedFileContentsCodeFixProvider>;

namespace Durability.Analyzers.Tests.DUR004;

/// <summary>
/// DUR004 in code named for holding messages until they are delivered (<c>DiskMessageQueue&lt;T&gt;</c>, a mail spool, an
/// outbox): a queue that writes files keeps acknowledged messages in them, so Queue, Spool, Outbox, Inbox and Mailbox are
/// storage words. A queue's export for people is still not held to durability.
/// </summary>
public sealed class QueueCodeIntentTests
{
    [Fact]
    public Task Types_named_for_queues_spools_and_outboxes_are_storage_code() =>
        Verifier.CodeFixAsync("""
            using System.IO;

            class DiskMessageQueue<T>
            {
                private readonly string _folder = "queue";

                public void Post(string id, byte[] message)
                {
                    {|#0:File.WriteAllBytes(Path.Combine(_folder, id + ".msg"), message)|};
                }
            }

            class MailSpool
            {
                public void Accept(string path, string mail) => {|#1:File.WriteAllText(path, mail)|};
            }

            namespace Shop.Outbox
            {
                class Dispatcher
                {
                    public void Stage(string path, string json) => {|#2:File.WriteAllText(path, json)|};
                }
            }
            """,
            new[]
            {
                WrittenWhole(0, "WriteAllBytes", "'Path.Combine(_folder, id + \".msg\")'"),
                WrittenWhole(1, "WriteAllText", "'path'"),
                WrittenWhole(2, "WriteAllText", "'path'"),
            },
            """
            using System.IO;
            using Durability.Runtime;

            class DiskMessageQueue<T>
            {
                private readonly string _folder = "queue";

                public void Post(string id, byte[] message)
                {
                    DurableFile.WriteAllBytes(Path.Combine(_folder, id + ".msg"), message);
                }
            }

            class MailSpool
            {
                public void Accept(string path, string mail) => DurableFile.WriteAllText(path, mail);
            }

            namespace Shop.Outbox
            {
                class Dispatcher
                {
                    public void Stage(string path, string json) => DurableFile.WriteAllText(path, json);
                }
            }
            """);

    [Fact]
    public Task A_queues_export_and_a_word_that_only_starts_with_queue_are_not_storage_code() =>
        Verifier.AnalyzerAsync("""
            using System.IO;

            class JobQueue
            {
                public void ExportCsv(string path, string rows) => File.WriteAllText(path, rows);
            }

            class QueueingPolicyEditor
            {
                public void Save(string path, string json) => File.WriteAllText(path, json);
            }
            """);
}
