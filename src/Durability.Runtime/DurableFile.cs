using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Durability.Runtime.Files;

namespace Durability.Runtime;

/// <summary>
/// File.WriteAll* and File.AppendAll* that make the file durable. File's own methods close the file without an
/// fsync, so after a power cut the file can be empty or torn.
/// <para>
/// WriteAll* replace the file atomically and durably: they write a temp file in the same directory, fsync it, rename
/// it over the target and fsync the directory. After a crash at any moment the file holds either all of its old
/// contents or all of the new ones. When a call fails before the rename, the old file is untouched and the temp file
/// is deleted; when it fails in the directory fsync after the rename, the new contents are in place but may not
/// survive a power cut. The new file gets default permissions, not the old file's.
/// </para>
/// <para>
/// AppendAll* append, fsync the file, and fsync its directory when the call created the file. An append that fails
/// part way can leave part of its bytes at the end of the file, as File.AppendAll* can.
/// </para>
/// Text is written as File writes it: UTF-8 without a byte order mark unless an encoding is given.
/// </summary>
public static class DurableFile
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // StreamWriter's own default; -1 ("use the default") is accepted only from .NET Core 3.0.
    private const int TextBufferSize = 1024;

    private static readonly DurableFileWriter Writer = new(OsFileOperations.Instance);

    /// <summary>Replaces <paramref name="path"/> with <paramref name="bytes"/>, atomically and durably.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        Guard.NotNull(bytes, nameof(bytes));
        Writer.Replace(path, stream => stream.Write(bytes, 0, bytes.Length));
    }

#if NET8_0_OR_GREATER
    /// <summary>Replaces <paramref name="path"/> with <paramref name="bytes"/>, atomically and durably.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes) => WriteAllBytes(path, bytes.ToArray());
#endif

    /// <summary>Replaces <paramref name="path"/> with <paramref name="contents"/> in UTF-8, atomically and durably.</summary>
    public static void WriteAllText(string path, string? contents) => WriteAllText(path, contents, Utf8NoBom);

    /// <summary>Replaces <paramref name="path"/> with <paramref name="contents"/>, atomically and durably.</summary>
    public static void WriteAllText(string path, string? contents, Encoding encoding)
    {
        Guard.NotNull(encoding, nameof(encoding));
        Writer.Replace(path, stream => WriteText(stream, encoding, writer => writer.Write(contents)));
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="contents"/>, one line each, in UTF-8, atomically and durably.</summary>
    public static void WriteAllLines(string path, IEnumerable<string> contents) => WriteAllLines(path, contents, Utf8NoBom);

    /// <summary>Replaces <paramref name="path"/> with <paramref name="contents"/>, one line each, atomically and durably.</summary>
    public static void WriteAllLines(string path, IEnumerable<string> contents, Encoding encoding)
    {
        Guard.NotNull(contents, nameof(contents));
        Guard.NotNull(encoding, nameof(encoding));
        Writer.Replace(path, stream => WriteText(stream, encoding, writer => WriteLines(writer, contents)));
    }

    /// <summary>Appends <paramref name="bytes"/> to <paramref name="path"/> and fsyncs it.</summary>
    public static void AppendAllBytes(string path, byte[] bytes)
    {
        Guard.NotNull(bytes, nameof(bytes));
        Writer.Append(path, stream => stream.Write(bytes, 0, bytes.Length));
    }

#if NET8_0_OR_GREATER
    /// <summary>Appends <paramref name="bytes"/> to <paramref name="path"/> and fsyncs it.</summary>
    public static void AppendAllBytes(string path, ReadOnlySpan<byte> bytes) => AppendAllBytes(path, bytes.ToArray());
#endif

    /// <summary>Appends <paramref name="contents"/> in UTF-8 to <paramref name="path"/> and fsyncs it.</summary>
    public static void AppendAllText(string path, string? contents) => AppendAllText(path, contents, Utf8NoBom);

    /// <summary>Appends <paramref name="contents"/> to <paramref name="path"/> and fsyncs it.</summary>
    public static void AppendAllText(string path, string? contents, Encoding encoding)
    {
        Guard.NotNull(encoding, nameof(encoding));
        Writer.Append(path, stream => WriteText(stream, encoding, writer => writer.Write(contents)));
    }

    /// <summary>Appends <paramref name="contents"/>, one line each, in UTF-8 to <paramref name="path"/> and fsyncs it.</summary>
    public static void AppendAllLines(string path, IEnumerable<string> contents) => AppendAllLines(path, contents, Utf8NoBom);

    /// <summary>Appends <paramref name="contents"/>, one line each, to <paramref name="path"/> and fsyncs it.</summary>
    public static void AppendAllLines(string path, IEnumerable<string> contents, Encoding encoding)
    {
        Guard.NotNull(contents, nameof(contents));
        Guard.NotNull(encoding, nameof(encoding));
        Writer.Append(path, stream => WriteText(stream, encoding, writer => WriteLines(writer, contents)));
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="bytes"/>, atomically and durably.</summary>
    public static Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(bytes, nameof(bytes));
        return Writer.ReplaceAsync(path, (stream, ct) => stream.WriteAsync(bytes, 0, bytes.Length, ct), cancellationToken);
    }

#if NET8_0_OR_GREATER
    /// <summary>Replaces <paramref name="path"/> with <paramref name="bytes"/>, atomically and durably.</summary>
    public static Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        Writer.ReplaceAsync(path, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken);
#endif

    /// <summary>Replaces <paramref name="path"/> with <paramref name="contents"/> in UTF-8, atomically and durably.</summary>
    public static Task WriteAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, contents, Utf8NoBom, cancellationToken);

    /// <summary>Replaces <paramref name="path"/> with <paramref name="contents"/>, atomically and durably.</summary>
    public static Task WriteAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(encoding, nameof(encoding));
        return Writer.ReplaceAsync(path, (stream, ct) => WriteTextAsync(stream, encoding, writer => WriteAsync(writer, contents, ct)), cancellationToken);
    }

    /// <summary>Replaces <paramref name="path"/> with <paramref name="contents"/>, one line each, in UTF-8, atomically and durably.</summary>
    public static Task WriteAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken = default) =>
        WriteAllLinesAsync(path, contents, Utf8NoBom, cancellationToken);

    /// <summary>Replaces <paramref name="path"/> with <paramref name="contents"/>, one line each, atomically and durably.</summary>
    public static Task WriteAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(contents, nameof(contents));
        Guard.NotNull(encoding, nameof(encoding));
        return Writer.ReplaceAsync(path, (stream, ct) => WriteTextAsync(stream, encoding, writer => WriteLinesAsync(writer, contents, ct)), cancellationToken);
    }

    /// <summary>Appends <paramref name="bytes"/> to <paramref name="path"/> and fsyncs it.</summary>
    public static Task AppendAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(bytes, nameof(bytes));
        return Writer.AppendAsync(path, (stream, ct) => stream.WriteAsync(bytes, 0, bytes.Length, ct), cancellationToken);
    }

#if NET8_0_OR_GREATER
    /// <summary>Appends <paramref name="bytes"/> to <paramref name="path"/> and fsyncs it.</summary>
    public static Task AppendAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        Writer.AppendAsync(path, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken);
#endif

    /// <summary>Appends <paramref name="contents"/> in UTF-8 to <paramref name="path"/> and fsyncs it.</summary>
    public static Task AppendAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) =>
        AppendAllTextAsync(path, contents, Utf8NoBom, cancellationToken);

    /// <summary>Appends <paramref name="contents"/> to <paramref name="path"/> and fsyncs it.</summary>
    public static Task AppendAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(encoding, nameof(encoding));
        return Writer.AppendAsync(path, (stream, ct) => WriteTextAsync(stream, encoding, writer => WriteAsync(writer, contents, ct)), cancellationToken);
    }

    /// <summary>Appends <paramref name="contents"/>, one line each, in UTF-8 to <paramref name="path"/> and fsyncs it.</summary>
    public static Task AppendAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken = default) =>
        AppendAllLinesAsync(path, contents, Utf8NoBom, cancellationToken);

    /// <summary>Appends <paramref name="contents"/>, one line each, to <paramref name="path"/> and fsyncs it.</summary>
    public static Task AppendAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(contents, nameof(contents));
        Guard.NotNull(encoding, nameof(encoding));
        return Writer.AppendAsync(path, (stream, ct) => WriteTextAsync(stream, encoding, writer => WriteLinesAsync(writer, contents, ct)), cancellationToken);
    }

    // The writer writes the encoding's preamble only at the start of the file, as File.AppendAllText does.
    private static void WriteText(Stream stream, Encoding encoding, Action<StreamWriter> write)
    {
        using var writer = new StreamWriter(stream, encoding, TextBufferSize, leaveOpen: true);
        write(writer);
    }

    // The writer is flushed before it is disposed, so disposing it writes nothing and need not be awaited.
    private static async Task WriteTextAsync(Stream stream, Encoding encoding, Func<StreamWriter, Task> write)
    {
        var writer = new StreamWriter(stream, encoding, TextBufferSize, leaveOpen: true);
        try
        {
            await write(writer).ConfigureAwait(false);
            await writer.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            writer.Dispose();
        }
    }

    private static Task WriteAsync(StreamWriter writer, string? contents, CancellationToken cancellationToken)
    {
#if NET8_0_OR_GREATER
        return writer.WriteAsync(contents.AsMemory(), cancellationToken);
#else
        cancellationToken.ThrowIfCancellationRequested();
        return writer.WriteAsync(contents);
#endif
    }

    private static void WriteLines(StreamWriter writer, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }
    }

    private static async Task WriteLinesAsync(StreamWriter writer, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
#if NET8_0_OR_GREATER
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
#else
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(line).ConfigureAwait(false);
#endif
        }
    }
}
