using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Model;

/// <summary>
/// The file-API models and the per-compilation facts the rules ask (fsync evidence, method summaries, callers'
/// directory syncs), built once per compilation and shared by every analyzer: the driver hands all of them the
/// same <see cref="Compilation"/>, so a file scanned or a method summarised for one rule is not done again for the next.
/// </summary>
internal sealed class CompilationModel
{
    private static readonly ConditionalWeakTable<Compilation, Holder> Models = new();

    private readonly Lazy<FsyncSummaries> _fsyncSummaries;
    private readonly Lazy<DirectorySyncModel> _directorySyncs;
    private readonly Lazy<CallerDirectorySync> _callers;
    private readonly Lazy<FileContentSummaries> _fileContents;
    private readonly Lazy<FsyncFailureFlow> _failureFlow;

    private CompilationModel(Compilation compilation, FileApiModel files)
    {
        Files = files;
        Evidence = new FsyncEvidence(compilation, files);
        Directories = new DirectoryApiModel(compilation, files);
        Writes = new FileWriteApiModel(compilation, files);
        PathHelpers = new PathHelpers(compilation);
        FsyncCalls = new FsyncCalls(compilation, files);
        _fsyncSummaries = new Lazy<FsyncSummaries>(() => new FsyncSummaries(compilation, files), LazyThreadSafetyMode.ExecutionAndPublication);
        _directorySyncs = new Lazy<DirectorySyncModel>(() => new DirectorySyncModel(compilation, files), LazyThreadSafetyMode.ExecutionAndPublication);
        _callers = new Lazy<CallerDirectorySync>(() => new CallerDirectorySync(compilation, DirectorySyncs), LazyThreadSafetyMode.ExecutionAndPublication);
        _fileContents = new Lazy<FileContentSummaries>(() => new FileContentSummaries(compilation, Writes, Directories, FsyncSummaries), LazyThreadSafetyMode.ExecutionAndPublication);
        _failureFlow = new Lazy<FsyncFailureFlow>(() => new FsyncFailureFlow(compilation, FsyncCalls), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public FileApiModel Files { get; }

    public FsyncEvidence Evidence { get; }

    public DirectoryApiModel Directories { get; }

    public FileWriteApiModel Writes { get; }

    public PathHelpers PathHelpers { get; }

    public FsyncCalls FsyncCalls { get; }

    public FsyncSummaries FsyncSummaries => _fsyncSummaries.Value;

    public DirectorySyncModel DirectorySyncs => _directorySyncs.Value;

    public CallerDirectorySync Callers => _callers.Value;

    public FileContentSummaries FileContents => _fileContents.Value;

    public FsyncFailureFlow FailureFlow => _failureFlow.Value;

    /// <summary>
    /// The model of <paramref name="compilation"/>, built on first use. Rules ask for it inside their symbol and
    /// operation callbacks, not at compilation start: resolving the first type by metadata name binds all of the
    /// compilation's references, which the compiler does anyway once declarations are processed, and a rule that
    /// asks before then pays for it.
    /// </summary>
    public static Lazy<CompilationModel?> Deferred(Compilation compilation) =>
        new(() => For(compilation), LazyThreadSafetyMode.PublicationOnly);

    /// <summary>The model of <paramref name="compilation"/>, or null when it has no System.IO (nothing to check).</summary>
    public static CompilationModel? For(Compilation compilation) =>
        Models.GetValue(compilation, c => new Holder(FileApiModel.Create(c) is { } files ? new CompilationModel(c, files) : null)).Model;

    // ConditionalWeakTable holds no null values: a compilation without System.IO gets an empty holder.
    private sealed class Holder
    {
        public Holder(CompilationModel? model) => Model = model;

        public CompilationModel? Model { get; }
    }
}
