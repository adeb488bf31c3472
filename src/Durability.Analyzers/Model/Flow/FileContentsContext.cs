using System.Threading;

namespace Durability.Analyzers.Model;

/// <summary>The models a <see cref="FileContentsScan"/> asks, for one compilation and one cancellation token.</summary>
internal sealed class FileContentsContext
{
    public FileContentsContext(
        FileWriteApiModel writes, DirectoryApiModel directories, FsyncSummaries streamSummaries, FileContentSummaries helpers, EntryForwarders forwarders,
        CancellationToken cancellationToken)
    {
        Forwarders = forwarders;
        Writes = writes;
        Directories = directories;
        StreamSummaries = streamSummaries;
        Helpers = helpers;
        CancellationToken = cancellationToken;
    }

    public FileWriteApiModel Writes { get; }

    public FileApiModel Files => Writes.Files;

    public DirectoryApiModel Directories { get; }

    /// <summary>The project's methods that pass a rename straight on (<c>static void MoveTo(this string from, string to) =&gt; File.Move(from, to)</c>).</summary>
    public EntryForwarders Forwarders { get; }

    public FsyncSummaries StreamSummaries { get; }

    public FileContentSummaries Helpers { get; }

    public CancellationToken CancellationToken { get; }
}
