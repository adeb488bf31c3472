using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Durability.Runtime.Wal;

namespace Durability.PowerLoss.Writer;

/// <summary>
/// Four threads on one log, small segments so it rotates: single appends, AppendAsync, atomic batches of three, and
/// checkpoints each followed by a truncation before the checkpoint. Prints, only after each call returned:
/// <c>ack &lt;sequence&gt; &lt;key&gt;</c> per record, <c>durable &lt;sequence&gt;</c> for a batch's COMMIT or a checkpoint
/// (forced fsyncs), and <c>truncating &lt;sequence&gt;</c> before a truncation starts.
/// </summary>
public static class WalWriter
{
    public static void Run(string directory, bool batchMode, int batchSyncCount, TextWriter output)
    {
        var options = new WalOptions(directory)
        {
            SyncMode = batchMode ? SyncMode.Batch : SyncMode.Sync,
            BatchSyncCount = batchSyncCount,
            SegmentBytes = 8192,
        };
        var log = WriteAheadLog.Open(options);
        var value = new byte[40];
        var threads = new[]
        {
            new Thread(() =>
            {
                for (var n = 0; ; n++)
                {
                    var key = $"s/{n}";
                    var sequence = log.Append(Encoding.ASCII.GetBytes(key), value);
                    Print(output, $"ack {sequence} {key}");
                }
            }),
            new Thread(() =>
            {
                for (var n = 0; ; n++)
                {
                    var key = $"a/{n}";
                    var sequence = log.AppendAsync(Encoding.ASCII.GetBytes(key), value).GetAwaiter().GetResult();
                    Print(output, $"ack {sequence} {key}");
                }
            }),
            new Thread(() =>
            {
                for (var n = 0; ; n++)
                {
                    var records = new (ReadOnlyMemory<byte>, ReadOnlyMemory<byte>)[3];
                    for (var i = 0; i < 3; i++)
                    {
                        records[i] = (Encoding.ASCII.GetBytes($"b/{n}/{i}"), value);
                    }

                    var commit = log.AppendBatch(records);
                    for (var i = 0; i < 3; i++)
                    {
                        Print(output, $"ack {commit - 3 + i} b/{n}/{i}");
                    }

                    Print(output, $"durable {commit}");
                    Thread.Sleep(2);
                }
            }),
            new Thread(() =>
            {
                for (var n = 0; ; n++)
                {
                    Thread.Sleep(20);
                    var checkpoint = log.Checkpoint(Encoding.ASCII.GetBytes($"checkpoint {n}"));
                    Print(output, $"durable {checkpoint}");
                    if (n % 3 == 2)
                    {
                        Print(output, $"truncating {checkpoint}");
                        log.TruncateBefore(checkpoint);
                    }
                }
            }),
        };

        foreach (var thread in threads)
        {
            thread.IsBackground = true;
            thread.Start();
        }

        Thread.Sleep(Timeout.Infinite);
    }

    private static void Print(TextWriter output, string line)
    {
        output.WriteLine(line);
        output.Flush();
    }
}
