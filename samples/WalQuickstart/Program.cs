using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Durability.Runtime.Wal;

// Run with no arguments. It starts a copy of itself as "writer <dir>", kills it mid-append, and replays.
if (args is ["writer", var writerDirectory])
{
    using var log = WriteAheadLog.Open(new WalOptions(writerDirectory) { SyncMode = SyncMode.Sync });
    for (var n = 0; ; n++)
    {
        var sequence = log.Append(Encoding.UTF8.GetBytes($"order-{n}"), Encoding.UTF8.GetBytes("{\"total\": 42}"));
        Console.WriteLine(sequence); // printed only once the record is durable
    }
}

var directory = Path.Combine(Path.GetTempPath(), "wal-quickstart-" + Guid.NewGuid().ToString("N")[..8]);
Console.WriteLine($"Log directory: {directory}");

foreach (var mode in new[] { SyncMode.Sync, SyncMode.Batch, SyncMode.None })
{
    var modeDirectory = Path.Combine(directory, mode.ToString().ToLowerInvariant());
    using var log = WriteAheadLog.Open(new WalOptions(modeDirectory) { SyncMode = mode, BatchSyncCount = 10 });
    for (var n = 0; n < 25; n++)
    {
        log.Append(Encoding.UTF8.GetBytes($"key-{n}"), Encoding.UTF8.GetBytes($"value-{n}"));
    }

    Console.WriteLine($"{mode,-5} mode: 25 appends, {log.FsyncCount} fsyncs");
}

var batchDirectory = Path.Combine(directory, "batch-and-checkpoint");
using (var log = WriteAheadLog.Open(new WalOptions(batchDirectory)))
{
    var commit = log.AppendBatch(new (ReadOnlyMemory<byte>, ReadOnlyMemory<byte>)[]
    {
        (Encoding.UTF8.GetBytes("account:alice"), Encoding.UTF8.GetBytes("-100")),
        (Encoding.UTF8.GetBytes("account:bob"), Encoding.UTF8.GetBytes("+100")),
    });
    var checkpoint = log.Checkpoint(Encoding.UTF8.GetBytes("applied-through:" + commit));
    Console.WriteLine($"Atomic batch committed at sequence {commit}; checkpoint at {checkpoint}");
}

foreach (var record in WriteAheadLog.Replay(batchDirectory).Records)
{
    Console.WriteLine($"  replayed {record.Sequence} {record.Type} {Encoding.UTF8.GetString(record.Key.Span)} {Encoding.UTF8.GetString(record.Value.Span)}");
}

// The crash: a writer process appends in Sync mode and is killed without warning.
var crashDirectory = Path.Combine(directory, "crash");
var self = Environment.ProcessPath!;
var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
if (Path.GetFileNameWithoutExtension(self) == "dotnet")
{
    start.ArgumentList.Add(System.Reflection.Assembly.GetEntryAssembly()!.Location); // started as "dotnet WalQuickstart.dll"
}

start.ArgumentList.Add("writer");
start.ArgumentList.Add(crashDirectory);
using var writer = Process.Start(start)!;
long lastAcknowledged = 0;
while (lastAcknowledged < 500 && writer.StandardOutput.ReadLine() is { } line)
{
    lastAcknowledged = long.Parse(line);
}

writer.Kill(entireProcessTree: true);
writer.WaitForExit();
Console.WriteLine($"Killed the writer after it acknowledged record {lastAcknowledged}");

var replay = WriteAheadLog.Replay(crashDirectory);
Console.WriteLine($"Replay after the crash: {replay.Records.Count} records, last sequence {replay.LastSequence}, stop: {replay.StopReason}");
Console.WriteLine(replay.LastSequence >= lastAcknowledged
    ? "Every acknowledged record survived the crash."
    : $"LOST acknowledged records {replay.LastSequence + 1}..{lastAcknowledged}");
Directory.Delete(directory, recursive: true);
return replay.LastSequence >= lastAcknowledged ? 0 : 1;
