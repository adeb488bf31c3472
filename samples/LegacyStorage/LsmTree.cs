using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LegacyStorage;

/// <summary>
/// The LSM tree (audit notes 001 and 003, lsm.py): puts go to a memtable WAL that is flushed on every
/// append and never fsynced, and to a sorted memtable; a full memtable becomes an SSTable file, created
/// without a directory fsync, after which the WAL starts over.
/// </summary>
public sealed class LsmTree : IDisposable
{
    private readonly string _directory;
    private readonly int _memtableLimit;
    private readonly SortedDictionary<string, string> _memtable = new(StringComparer.Ordinal);
    private readonly List<string> _tables = new();
    private readonly FileStream _wal;

    public LsmTree(string directory, int memtableLimit = 1000)
    {
        _directory = directory;
        _memtableLimit = memtableLimit;
        Directory.CreateDirectory(directory); // DUR002: a new folder; the WAL created in it below goes with its entry if that is lost.
        var tables = Directory.GetFiles(directory, "*.sst");
        Array.Sort(tables, StringComparer.Ordinal);
        _tables.AddRange(tables);
        // DUR002: Append creates the WAL when it is missing, and its directory entry is never fsynced.
        _wal = new FileStream(Path.Combine(directory, "memtable.wal"), FileMode.Append, FileAccess.Write, FileShare.Read);
        foreach (var (key, value) in ReadWal(Path.Combine(directory, "memtable.wal")))
        {
            _memtable[key] = value;
        }
    }

    public void Put(string key, string value)
    {
        var line = Encoding.UTF8.GetBytes($"{key}\t{value}\n");
        _wal.Write(line);
        _wal.Flush(); // DUR001: reaches the page cache only; the WAL gives no power-loss recovery.
        _memtable[key] = value;
        if (_memtable.Count >= _memtableLimit)
        {
            FlushMemtable();
        }
    }

    public string? Get(string key)
    {
        if (_memtable.TryGetValue(key, out var value))
        {
            return value;
        }

        for (var i = _tables.Count - 1; i >= 0; i--)
        {
            foreach (var (k, v) in ReadWal(_tables[i]))
            {
                if (k == key)
                {
                    return v;
                }
            }
        }

        return null;
    }

    private void FlushMemtable()
    {
        var path = Path.Combine(_directory, $"{_tables.Count:D6}.sst");
        using (var table = new FileStream(path, FileMode.CreateNew)) // DUR002: the SSTable's directory entry is never fsynced.
        {
            foreach (var (key, value) in _memtable)
            {
                table.Write(Encoding.UTF8.GetBytes($"{key}\t{value}\n"));
            }

            table.Flush(flushToDisk: true); // Correct: the table's content is durable.
        }

        _tables.Add(path);
        _memtable.Clear();
        _wal.SetLength(0);
    }

    private static IEnumerable<(string Key, string Value)> ReadWal(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            var tab = line.IndexOf('\t');
            if (tab > 0)
            {
                yield return (line[..tab], line[(tab + 1)..]);
            }
        }
    }

    public void Dispose() => _wal.Dispose();
}
