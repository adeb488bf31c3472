using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Analyzers.Model;

/// <summary>
/// The file-API models and the per-compilation facts the rules ask (fsync evidence, method summaries, callers'
/// directory syncs), built once per compilation and shared by every analyzer: the driver hands all of them the
/// same <see cref="Compilation"/>, so a file scanned or a method summarised for one rule is not done again for the next.
/// </summary>
internal sealed class CompilationModel
{
    private static readonly ConditionalWeakTable<Compilation, Holder> Models = new();

    // The last compilation each thread asked about, for questions asked of every call (Call.TryRead).
    [ThreadStatic]
    private static Holder? t_lastHolder;

    [ThreadStatic]
    private static Compilation? t_lastCompilation;

    private CompilationModel(Compilation compilation, FileApiModel files)
    {
        // Each part only resolves a few types or sets up an empty cache: the work is done when a rule asks.
        Files = files;
        Evidence = new FsyncEvidence(compilation, files);
        Intents = new Configuration.TypeIntents(compilation, Evidence);
        WriteWrappers = new FileWriteWrappers(compilation, Intents, Evidence);
        Directories = new DirectoryApiModel(compilation, files, WriteWrappers);
        Writes = new FileWriteApiModel(compilation, files);
        PathHelpers = new PathHelpers(compilation);
        MemberPaths = new MemberPaths(compilation);
        FsyncCalls = new FsyncCalls(compilation, files);
        FsyncSummaries = new FsyncSummaries(compilation, files);
        OwnedStreams = new OwnedStreamFsyncs(compilation, files, FsyncSummaries);
        ParameterFlushes = new ParameterFlushSummaries(compilation, files, FsyncSummaries);
        DirectorySyncs = new DirectorySyncModel(compilation, files);
        Calls = new MethodCalls(compilation);
        Callers = new CallerDirectorySync(Calls, DirectorySyncs);
        CallerRenames = new CallerRenames(Calls, Directories);
        MemberFileWrites = new MemberFileWrites(compilation, MemberPaths, Calls);
        MemberDirectorySyncs = new MemberDirectorySyncs(compilation, DirectorySyncs);
        StagedAcrossMethods = new StagedAcrossMethods(compilation, Directories);
        Forwarders = new EntryForwarders(compilation, files, Directories, Writes, DirectorySyncs);
        ConstructorCreations = new ConstructorCreations(compilation, Directories);
        FileContents = new FileContentSummaries(compilation, Writes, Directories, FsyncSummaries, Forwarders);
        FailureFlow = new FsyncFailureFlow(compilation, FsyncCalls);
        PathSyncers = new PathSyncers(compilation, files, FileContents);
        FileAbstractions = new FileAbstractions(compilation, files, FsyncSummaries, PathSyncers, WriteWrappers);
        ConstructorStreams = new ConstructorStreams(compilation, files, Calls, FileAbstractions, FsyncSummaries);
        RecoveredFiles = new RecoveredFiles(compilation);
        CreatedWhenMissing = new CreatedWhenMissing(compilation);
        WindowsApps = new WindowsApps(compilation);
    }

    /// <summary>Whether the whole compilation runs on Windows only, where no directory can be fsynced.</summary>
    public WindowsApps WindowsApps { get; }

    public FileApiModel Files { get; }

    public FsyncEvidence Evidence { get; }

    /// <summary>The project's one-call wrappers over System.IO's writes and openings (<c>IFileSystem.WriteAllText</c>).</summary>
    public FileWriteWrappers WriteWrappers { get; }

    public DirectoryApiModel Directories { get; }

    public FileWriteApiModel Writes { get; }

    public PathHelpers PathHelpers { get; }

    /// <summary>The value each field or property is given once at construction (<c>_directory = Path.GetDirectoryName(path)</c>).</summary>
    public MemberPaths MemberPaths { get; }

    public FsyncCalls FsyncCalls { get; }

    public FsyncSummaries FsyncSummaries { get; }

    /// <summary>The source methods that flush a stream they are given to the page cache only (<c>Flush(Stream s) =&gt; s.Flush()</c>).</summary>
    public ParameterFlushSummaries ParameterFlushes { get; }

    /// <summary>What the creations of a type hand its constructor's stream parameters (<c>new LogWriter(file)</c>).</summary>
    public ConstructorStreams ConstructorStreams { get; }

    /// <summary>The stream members each type fsyncs itself, for flushes through another object (<c>_active.Stream</c>).</summary>
    public OwnedStreamFsyncs OwnedStreams { get; }

    /// <summary>The project's own file types whose <c>Flush()</c> only flushes the file inside (<c>IFileStream</c>).</summary>
    public FileAbstractions FileAbstractions { get; }

    public DirectorySyncModel DirectorySyncs { get; }

    /// <summary>The calls of a source method, for facts its callers decide.</summary>
    public MethodCalls Calls { get; }

    public CallerDirectorySync Callers { get; }

    /// <summary>Methods whose callers all rename the file they pass in (a write helper of write-temp-then-rename).</summary>
    public CallerRenames CallerRenames { get; }

    /// <summary>Temp files a type writes in one method and renames in another.</summary>
    public MemberFileWrites MemberFileWrites { get; }

    /// <summary>Files a type creates in one method and renames in another: staging steps.</summary>
    public StagedAcrossMethods StagedAcrossMethods { get; }

    /// <summary>Directories, named by a member, that their type fsyncs somewhere.</summary>
    public MemberDirectorySyncs MemberDirectorySyncs { get; }

    /// <summary>The project's own file-system methods that rename or delete the paths they are given (<c>IFileProvider.Replace</c>).</summary>
    public EntryForwarders Forwarders { get; }

    /// <summary>The project's constructors that create a file from a path they are given (<c>new DataFile(path, id)</c>).</summary>
    public ConstructorCreations ConstructorCreations { get; }

    public FileContentSummaries FileContents { get; }

    public FsyncFailureFlow FailureFlow { get; }

    /// <summary>Types that fsync files by the paths they are given (Lucene-style commits).</summary>
    public PathSyncers PathSyncers { get; }

    /// <summary>The files each type reads back at start-up, whose deletion a power cut may undo harmfully.</summary>
    public RecoveredFiles RecoveredFiles { get; }

    /// <summary>Files each type creates only when they are missing, at start-up.</summary>
    public CreatedWhenMissing CreatedWhenMissing { get; }

    /// <summary>Whether each type intends durability, for every rule.</summary>
    public Configuration.TypeIntents Intents { get; }

    /// <summary>
    /// The model of <paramref name="compilation"/>, built on first use. Rules ask for it inside their symbol and
    /// operation callbacks, not at compilation start: resolving the first type by metadata name binds all of the
    /// compilation's references, which the compiler does anyway once declarations are processed, and a rule that
    /// asks before then pays for it.
    /// </summary>
    public static Lazy<CompilationModel?> Deferred(Compilation compilation) =>
        new(() => For(compilation), LazyThreadSafetyMode.PublicationOnly);

    /// <summary>
    /// Registers <paramref name="onTypeStart"/> for every named type of the compilation, with the model built on first use
    /// (<see cref="Deferred"/>); in a compilation without System.IO nothing is registered per type.
    /// </summary>
    public static void RegisterTypeStart(CompilationStartAnalysisContext context, Action<SymbolStartAnalysisContext, CompilationModel> onTypeStart)
    {
        var models = Deferred(context.Compilation);
        context.RegisterSymbolStartAction(
            typeContext =>
            {
                if (models.Value is { } model)
                {
                    onTypeStart(typeContext, model);
                }
            },
            SymbolKind.NamedType);
    }

    /// <summary>The model of <paramref name="compilation"/>, or null when it has no System.IO (nothing to check).</summary>
    public static CompilationModel? For(Compilation compilation)
    {
        if (ReferenceEquals(t_lastCompilation, compilation) && t_lastHolder is { } last)
        {
            return last.Model;
        }

        var holder = Models.GetValue(compilation, c => new Holder(FileApiModel.Create(c) is { } files ? new CompilationModel(c, files) : null));
        t_lastCompilation = compilation;
        t_lastHolder = holder;
        return holder.Model;
    }

    // ConditionalWeakTable holds no null values: a compilation without System.IO gets an empty holder.
    private sealed class Holder
    {
        public Holder(CompilationModel? model) => Model = model;

        public CompilationModel? Model { get; }
    }
}
