using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace LegacyStorage;

/// <summary>
/// The B-tree engine's page manager (audit note 003, btree.py): every page write is flushed, and the
/// fsync is deferred to <see cref="Sync"/>, called after the WAL commits. Correct: a deferred sync of
/// the same stream is not reported.
/// </summary>
public sealed class PageManager : IDisposable
{
    public const int PageSize = 4096;

    private readonly FileStream _f;

    public PageManager(string path)
    {
        // DUR002: the page file may be created here, and its directory entry is never fsynced.
        _f = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
    }

    public long PageCount => _f.Length / PageSize;

    public void WritePage(long number, ReadOnlySpan<byte> page)
    {
        _f.Position = number * PageSize;
        _f.Write(page);
        _f.Flush(); // Correct: visible to readers now, made durable by Sync().
    }

    public byte[] ReadPage(long number)
    {
        var page = new byte[PageSize];
        _f.Position = number * PageSize;
        _f.ReadExactly(page);
        return page;
    }

    public void Sync()
    {
        _f.Flush();
        _f.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        Sync();
        _f.Dispose();
    }
}

/// <summary>
/// The B-tree engine: keys live in sorted leaf pages; every change is first logged to an inner WAL that
/// fsyncs each entry; the commit protocol is: log and fsync, write pages, sync pages, truncate the log, fsync.
/// </summary>
public sealed class BTreeEngine : IDisposable
{
    private readonly PageManager _pages;
    private readonly FileStream _log;
    private readonly SortedDictionary<string, string> _entries = new(StringComparer.Ordinal);

    public BTreeEngine(string directory)
    {
        Directory.CreateDirectory(directory); // DUR002: a new data folder; if its entry is lost, the log created in it below goes with it.
        _pages = new PageManager(Path.Combine(directory, "btree.pages"));
        // DUR002: the log file may be created here, and its directory entry is never fsynced.
        _log = new FileStream(Path.Combine(directory, "btree.log"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        Load();
    }

    public string? Get(string key) => _entries.TryGetValue(key, out var value) ? value : null;

    public void Put(string key, string value)
    {
        LogWrite($"{key}\t{value}\n");
        _entries[key] = value;
        Commit();
    }

    private void LogWrite(string entry)
    {
        _log.Seek(0, SeekOrigin.End);
        _log.Write(Encoding.UTF8.GetBytes(entry));
        _log.Flush(flushToDisk: true); // Correct: the inner WAL fsyncs every entry.
    }

    // Write the leaves, sync them, then the log is no longer needed.
    private void Commit()
    {
        var number = 0L;
        var page = new MemoryStream();
        foreach (var (key, value) in _entries)
        {
            var line = Encoding.UTF8.GetBytes($"{key}\t{value}\n");
            if (page.Length + line.Length >= PageManager.PageSize)
            {
                WriteLeaf(number++, page);
            }

            page.Write(line);
        }

        WriteLeaf(number++, page);
        while (number < _pages.PageCount)
        {
            WriteLeaf(number++, new MemoryStream());
        }

        _pages.Sync();
        _log.SetLength(0);
        _log.Flush(flushToDisk: true);
    }

    private void WriteLeaf(long number, MemoryStream page)
    {
        var buffer = new byte[PageManager.PageSize];
        page.ToArray().CopyTo(buffer, 0);
        _pages.WritePage(number, buffer);
        page.SetLength(0);
    }

    private void Load()
    {
        for (var number = 0L; number < _pages.PageCount; number++)
        {
            Parse(Encoding.UTF8.GetString(_pages.ReadPage(number)).TrimEnd('\0'));
        }

        _log.Position = 0;
        using var reader = new StreamReader(_log, Encoding.UTF8, leaveOpen: true);
        Parse(reader.ReadToEnd());
    }

    private void Parse(string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t');
            if (tab > 0)
            {
                _entries[line[..tab]] = line[(tab + 1)..];
            }
        }
    }

    public void Dispose()
    {
        _pages.Dispose();
        _log.Dispose();
    }
}
