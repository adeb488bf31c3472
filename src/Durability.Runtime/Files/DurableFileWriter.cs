using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Durability.Runtime.Files;

/// <summary>
/// The two durable write protocols behind <see cref="DurableFile"/>. Replace: write a temp file beside the
/// target, fsync it, rename it over the target, fsync the directory. Append: append, fsync, and fsync the
/// directory when the append created the file.
/// </summary>
internal sealed class DurableFileWriter
{
    private readonly IFileOperations _files;

    public DurableFileWriter(IFileOperations files) => _files = files;

    public void Replace(string path, Action<Stream> write)
    {
        var (target, directory, temp) = Names(path);
        try
        {
            using (var stream = _files.CreateNew(temp))
            {
                write(stream);
                _files.Fsync(stream);
            }

            _files.Replace(temp, target);
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }

        _files.SyncDirectory(directory);
    }

    public async Task ReplaceAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var (target, directory, temp) = Names(path);
        try
        {
            // Flushed before it is disposed, so disposing the stream writes nothing and need not be awaited.
            using (var stream = _files.CreateNew(temp))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);

                // .NET has no asynchronous fsync: run it on the thread pool, as Fsync.FileAsync does.
                await Task.Run(() => _files.Fsync(stream), cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            _files.Replace(temp, target);
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }

        await Task.Run(() => _files.SyncDirectory(directory), CancellationToken.None).ConfigureAwait(false);
    }

    public void Append(string path, Action<Stream> write)
    {
        var (target, directory, _) = Names(path);
        var created = !_files.Exists(target);
        using (var stream = _files.OpenAppend(target))
        {
            write(stream);
            _files.Fsync(stream);
        }

        if (created)
        {
            _files.SyncDirectory(directory);
        }
    }

    public async Task AppendAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var (target, directory, _) = Names(path);
        var created = !_files.Exists(target);
        using (var stream = _files.OpenAppend(target))
        {
            await write(stream, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            await Task.Run(() => _files.Fsync(stream), cancellationToken).ConfigureAwait(false);
        }

        if (created)
        {
            await Task.Run(() => _files.SyncDirectory(directory), CancellationToken.None).ConfigureAwait(false);
        }
    }

    // The temp file lives in the target's directory: a rename is atomic only within one file system.
    private static (string Target, string Directory, string Temp) Names(string path)
    {
        Guard.NotNullOrEmpty(path, nameof(path));
        var target = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target);
        var last = target[target.Length - 1];
        if (string.IsNullOrEmpty(directory) || last == Path.DirectorySeparatorChar || last == Path.AltDirectorySeparatorChar)
        {
            throw new ArgumentException($"'{path}' does not name a file.", nameof(path));
        }

        var temp = Path.Combine(directory, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
        return (target, directory, temp);
    }

    // The original failure matters; a temp file that cannot be deleted is only litter.
    private void DeleteQuietly(string temp)
    {
        try
        {
            _files.Delete(temp);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
