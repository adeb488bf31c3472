using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace LegacyStorage;

/// <summary>A domain event as stored: its stream, its type, and its data as JSON.</summary>
public sealed record StoredEvent(string Stream, string Type, string Data);

/// <summary>
/// The event-sourcing store (audit note 003, eventstore.py:130-137): each event is appended to its
/// stream's file as a JSON line by opening, writing and closing the file. Closing flushes to the OS;
/// nothing ever fsyncs.
/// </summary>
public sealed class EventStore
{
    private readonly string _directory;

    public EventStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    public void Persist(StoredEvent storedEvent)
    {
        var path = Path.Combine(_directory, storedEvent.Stream + ".jsonl");
        using var writer = File.AppendText(path); // DUR002: a new stream file's directory entry is never fsynced.
        writer.WriteLine(JsonSerializer.Serialize(storedEvent));
        writer.Flush(); // DUR001: the flush stops at the OS page cache; no fsync follows.
    }

    public void PersistBatch(IEnumerable<StoredEvent> events)
    {
        foreach (var storedEvent in events)
        {
            Persist(storedEvent);
        }
    }

    public List<StoredEvent> Read(string stream)
    {
        var events = new List<StoredEvent>();
        var path = Path.Combine(_directory, stream + ".jsonl");
        if (!File.Exists(path))
        {
            return events;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (JsonSerializer.Deserialize<StoredEvent>(line) is { } storedEvent)
            {
                events.Add(storedEvent);
            }
        }

        return events;
    }
}
