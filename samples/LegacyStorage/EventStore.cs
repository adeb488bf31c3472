using System;
using System.IO;

namespace LegacyStorage;

/// <summary>
/// The event store (audit note 003, eventstore.py:130-137): events appended as JSON lines through a
/// writer that is flushed but never fsynced.
/// </summary>
public sealed class EventStore : IDisposable
{
    private readonly StreamWriter _events;

    public EventStore(string path)
    {
        _events = File.AppendText(path); // DUR002: the event file's directory entry is never fsynced.
    }

    public void Persist(string eventJson)
    {
        _events.WriteLine(eventJson);
        _events.Flush(); // DUR001: the writer's flush stops at the OS page cache.
    }

    public void Dispose() => _events.Dispose();
}
