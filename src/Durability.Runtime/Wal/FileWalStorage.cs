using System;
using System.Collections.Generic;
using System.IO;

namespace Durability.Runtime.Wal;

/// <summary>The real file layer: segment files in a folder, written without a user-space buffer.</summary>
internal sealed class FileWalStorage : IWalStorage
{
    private readonly string _directory;

    public FileWalStorage(string directory)
    {
        _directory = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(_directory))
        {
            System.IO.Directory.CreateDirectory(_directory);
            Fsync.ParentDirectory(_directory);
        }
    }

    public IReadOnlyList<string> ListSegments()
    {
        var names = new List<string>();
        foreach (var path in System.IO.Directory.EnumerateFiles(_directory, "*.wal"))
        {
            names.Add(Path.GetFileName(path));
        }

        return names;
    }

    public IWalSegmentFile Create(string name) => new SegmentFile(Open(name, FileMode.CreateNew));

    public IWalSegmentFile OpenForAppend(string name) => new SegmentFile(Open(name, FileMode.Open));

    public int ReadInto(string name, ref byte[] buffer)
    {
        using var handle = File.OpenHandle(Path.Combine(_directory, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = RandomAccess.GetLength(handle);
        if (length > int.MaxValue)
        {
            throw new InvalidDataException($"Segment {name} is {length} bytes, larger than a segment can be.");
        }

        if (buffer.Length < length)
        {
            buffer = GC.AllocateUninitializedArray<byte>((int)length);
        }

        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(handle, buffer.AsSpan(read, (int)length - read), read);
            if (n == 0)
            {
                break; // the file shrank while being read: replay what is there
            }

            read += n;
        }

        return read;
    }

    public void Delete(string name) => File.Delete(Path.Combine(_directory, name));

    public void SyncDirectory() => Fsync.Directory(_directory);

    // bufferSize 0: every Append is one write(2), so nothing acknowledged waits in the process.
    private FileStream Open(string name, FileMode mode) =>
        new(Path.Combine(_directory, name), mode, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);

    private sealed class SegmentFile : IWalSegmentFile
    {
        private readonly FileStream _stream;

        public SegmentFile(FileStream stream)
        {
            _stream = stream;
            _stream.Seek(0, SeekOrigin.End);
        }

        public long Length => _stream.Length;

        public void Append(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

        public void Sync() => Fsync.File(_stream);

        public void Truncate(long length)
        {
            _stream.SetLength(length);
            _stream.Seek(0, SeekOrigin.End);
        }

        public void Dispose() => _stream.Dispose();
    }
}
