using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using Durability.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Durability.Analyzers.Configuration;

/// <summary>
/// Decides whether code intends durability, the one place every rule asks. In order: excluded types never
/// do; <c>durability_scope = all</c> makes every type do; test and benchmark code never does; a type that
/// fsyncs, writes through or imports fsync (itself or a containing type) does, whatever its name; a type
/// named for diagnostics output (a logger, an appender, an exporter, a report, a zip archive) does not;
/// a type whose name, containing type's name or namespace has a storage word (Log, Wal, Journal, Store,
/// Segment...) does; and, where a rule asks for it, any type of a compilation that fsyncs somewhere.
/// <c>durable_type_patterns</c> replaces the storage words and turns the diagnostics-name exception off.
/// </summary>
internal sealed class DurabilityIntent
{
    /// <summary>The words that mark storage code by default; documented in docs/durability-intent.md.</summary>
    public static readonly string[] DefaultDurableWords =
    {
        "Log", "Wal", "Journal", "Store", "Storage", "Segment", "Ledger", "Table", "Index",
        "Checkpoint", "Database", "Db", "Page", "Pager", "Bitcask", "Memtable", "Manifest",
        "Snapshot", "Persistence", "Persistent", "Durable", "Lsm", "Device", "Repository", "Atomic", "Persister",
        "Queue", "Spool", "Outbox", "Inbox", "Mailbox",
    };

    private static readonly string[] ControllerWords = { "Controller" };

    /// <summary>
    /// First words of the type's own name that say it keeps saves (SaveUtil, SaveSlotManager): a game's or an editor's
    /// save is the user's only copy. Not in namespaces, where a save-backup module copies saves, nor as a last word, where
    /// a metadata "Saver" exports for other programs.
    /// </summary>
    private static readonly string[] SaveFirstWords = { "Save", "Saves", "Savegame", "Savestate" };

    /// <summary>Words of type names whose files are diagnostics output or archives, not data a program recovers.</summary>
    public static readonly string[] NotDurableWords =
    {
        "Logger", "Loggers", "Logging", "Tracer", "Tracing", "Telemetry", "Export", "Exporter", "Report", "Reporter", "Zip",
    };

    /// <summary>Last words of the names of locks (FileLock, NativeFSLock): a lock file holds no data.</summary>
    public static readonly string[] LockWords = { "Lock", "Locks", "Locker", "Lockfile", "Mutex" };

    /// <summary>Last words after "Lock" in the names of lock machinery (NativeFSLockFactory, LockFile).</summary>
    public static readonly string[] LockPartWords = { "Factory", "Manager", "Provider", "Service", "Helper", "File", "Files", "Handle" };

    /// <summary>First words of the names of scratch data (TempStream, SpillFile): deleted when done, never recovered from.</summary>
    public static readonly string[] ScratchFirstWords = { "Temp", "Temporary", "Scratch", "Spill", "Transient", "Ephemeral" };

    /// <summary>
    /// Words that, after a first word "Non", say the type's files are not kept (NonPersistentDiskQueueSegment,
    /// NonDurableJournal): its storage words describe what it is not.
    /// </summary>
    public static readonly string[] NegatedStorageWords = { "Persistent", "Durable", "Persisted" };

    /// <summary>Words of type names whose files can be rebuilt from elsewhere: an idiom alone does not make them storage code.</summary>
    public static readonly string[] RebuildableWords = { "Cache", "Caches", "Caching" };

    /// <summary>Words by which a logging library's type or namespace says it keeps what it buffers (its durable mode).</summary>
    public static readonly string[] DurableWords = { "Durable" };

    /// <summary>Namespace segments of diagnostic logging libraries, whose files are never recovered from, unless <see cref="DurableWords"/> say otherwise.</summary>
    public static readonly string[] LoggingNamespaces = { "log4net", "NLog", "Serilog", "Logging", "Tracing", "Telemetry" };

    /// <summary>Last words of assembly and type names that mark tests, fixtures and benchmarks (Acme.Store.Tests, WalFixture).</summary>
    public static readonly string[] TestSuffixWords =
    {
        "Test", "Tests", "Fixture", "Fixtures", "Benchmark", "Benchmarks", "Spec", "Specs",
    };

    /// <summary>First words of type names that mark test doubles (FakeStore, MockJournal).</summary>
    public static readonly string[] TestDoublePrefixWords = { "Fake", "Mock", "Stub" };

    private static readonly ConditionalWeakTable<AnalyzerConfigOptions, ConcurrentDictionary<string, DurabilityIntent>> Cache = new();

    private static readonly ConditionalWeakTable<AnalyzerConfigOptions, ConcurrentDictionary<string, DurabilityIntent>>.CreateValueCallback NewPerRule =
        _ => new ConcurrentDictionary<string, DurabilityIntent>();

    private static readonly TypeNamePatterns DefaultDurable = TypeNamePatterns.Parse(DefaultDurableWords);

    /// <summary>
    /// Words of a storage abstraction's name (<c>IDataStore</c>, <c>IEventJournal</c>, <c>StorageDeviceBase</c>): a type that
    /// implements or derives from one is storage code whatever its own name (<c>FileSystem : IDataStore</c>). Log, Table,
    /// Index, Page and Db are left out: <c>ILog</c>, <c>ITable</c>, <c>IPage</c> and <c>IDbConnection</c> are loggers, UI and ADO.NET.
    /// </summary>
    public static readonly string[] AbstractionWords =
    {
        "Wal", "Journal", "Store", "Storage", "Segment", "Ledger", "Checkpoint", "Database", "Snapshot", "Persistence",
        "Persistent", "Durable", "Repository", "Device",
    };

    private static readonly TypeNamePatterns StorageAbstraction = TypeNamePatterns.Parse(AbstractionWords);

    private readonly bool _allCode;
    private readonly bool _defaultWords;
    private readonly TypeNamePatterns _durable;
    private readonly TypeNamePatterns _excluded;

    private DurabilityIntent(bool allCode, bool defaultWords, TypeNamePatterns durable, TypeNamePatterns excluded)
    {
        _allCode = allCode;
        _defaultWords = defaultWords;
        _durable = durable;
        _excluded = excluded;
    }

    /// <summary>The intent settings for <paramref name="ruleId"/> in the files that <paramref name="options"/> apply to.</summary>
    public static DurabilityIntent For(AnalyzerConfigOptions options, string ruleId)
    {
        // Options objects are shared by every file under the same config, so parsing happens once per config and rule.
        // Asked for every type by every rule: the lookup allocates nothing once the settings are known.
        var perRule = Cache.GetValue(options, NewPerRule);
        return perRule.TryGetValue(ruleId, out var known) ? known : perRule.GetOrAdd(ruleId, Parse(options, ruleId));
    }

    /// <summary>The rule-independent facts about <paramref name="type"/>'s name that intent is decided from.</summary>
    public static TypeFacts FactsOf(INamedTypeSymbol type) =>
        new(IsTestCode(type),
            TypeOrContainerNamed(type, NotDurableWords) || (InLoggingNamespace(type) && !SaysDurable(type)) || IsLock(type) || BuildTasks.Is(type),
            TypeOrContainerNamed(type, RebuildableWords),
            HasDefaultDurableName(type) || ImplementsStorageAbstraction(type),
            EdgeWordIs(type.Name, ScratchFirstWords, last: false) || IsNegatedStorage(type.Name));

    private static DurabilityIntent Parse(AnalyzerConfigOptions options, string ruleId)
    {
        var scope = RuleOptionReader.GetRawValue(options, ruleId, OptionNames.DurabilityScope);
        var allCode = string.Equals(scope, "all", System.StringComparison.OrdinalIgnoreCase);
        var durableValue = RuleOptionReader.GetRawValue(options, ruleId, OptionNames.DurableTypePatterns);
        var excludedValue = RuleOptionReader.GetRawValue(options, ruleId, OptionNames.ExcludedTypePatterns);
        var durable = TypeNamePatterns.Parse(durableValue is null ? DefaultDurableWords : RuleOptionReader.SplitList(durableValue));
        var excluded = TypeNamePatterns.Parse(excludedValue is null ? System.Array.Empty<string>() : RuleOptionReader.SplitList(excludedValue));
        return new DurabilityIntent(allCode, durableValue is null, durable, excluded);
    }

    /// <summary>True when code in <paramref name="type"/> is meant to make data durable.</summary>
    /// <param name="type">The type whose code is checked.</param>
    /// <param name="facts">What the type's name says, from <see cref="FactsOf"/>.</param>
    /// <param name="evidence">What the compilation's code shows about fsyncs.</param>
    /// <param name="compilationEvidenceCounts">Whether an fsync anywhere in the compilation marks every type.</param>
    /// <param name="cancellationToken">Cancels the scan for evidence.</param>
    public bool IsDurable(INamedTypeSymbol type, TypeFacts facts, FsyncEvidence evidence, bool compilationEvidenceCounts, CancellationToken cancellationToken)
    {
        if (Silences(type, facts))
        {
            return false;
        }

        if (_allCode)
        {
            return true;
        }

        // What the code does outweighs a diagnostics or scratch name; names are checked first only because they cost less.
        // A scratch type still shows intent by the idiom (AdmitsIdiom): a temp file renamed over a live one.
        if (IsDiagnosticsOutput(facts) || (!_allCode && _defaultWords && facts.ScratchName))
        {
            return facts.FsyncsItself(type, evidence, cancellationToken);
        }

        return (_defaultWords ? facts.DefaultDurableName : _durable.Matches(type)) ||
               facts.FsyncsItself(type, evidence, cancellationToken) ||
               facts.ManagesItsWayToDisk(type, evidence.Files) ||
               (compilationEvidenceCounts && evidence.InCompilation) ||
               facts.HoldsStorageThatFsyncs(type, evidence, cancellationToken);
    }

    /// <summary>
    /// The files a type that does not intend durability as a whole writes and reads back (<see cref="Model.StateFiles"/>):
    /// state it finds again on its next start, checked on their own. Null for a type whose files hold no such state by
    /// its name (excluded, test code, diagnostics output, scratch data or a cache), or under configured type patterns.
    /// </summary>
    public System.Collections.Generic.HashSet<string>? StateFilesOf(INamedTypeSymbol type, TypeFacts facts, CancellationToken cancellationToken)
    {
        if (Silences(type, facts) || _allCode || !_defaultWords || IsDiagnosticsOutput(facts) || facts.ScratchName || facts.RebuildableName)
        {
            return null;
        }

        return facts.StateFiles(type, cancellationToken);
    }

    /// <summary>
    /// True when <paramref name="type"/> intends durability whatever its code does: every type is checked, or its name
    /// (or the configured patterns) says it is storage code.
    /// </summary>
    public bool IsDurableByName(INamedTypeSymbol type, TypeFacts facts) =>
        !Silences(type, facts) &&
        (_allCode || (!IsDiagnosticsOutput(facts) && !(_defaultWords && facts.ScratchName) && (_defaultWords ? facts.DefaultDurableName : _durable.Matches(type))));

    /// <summary>
    /// True when code in <paramref name="type"/> may show its own intent through an idiom (write a temp file, then
    /// rename it over the live one): the type is neither excluded, test code, diagnostics output, nor a cache.
    /// </summary>
    public bool AdmitsIdiom(INamedTypeSymbol type, TypeFacts facts) =>
        !Silences(type, facts) && !IsDiagnosticsOutput(facts) && (_allCode || !_defaultWords || !facts.RebuildableName);

    /// <summary>True under <c>durability_scope = all</c>: every type is checked, and no name leaves code out.</summary>
    public bool ChecksAllCode => _allCode;

    /// <summary>Excluded types, and test code unless every type is checked: no rule checks them, whatever their methods promise.</summary>
    public bool Silences(INamedTypeSymbol type, TypeFacts facts) =>
        (!_excluded.IsEmpty && _excluded.Matches(type)) || (!_allCode && facts.TestCode);

    // A logger, tracer, exporter or report by name or namespace, while the default words are in force and not every type is checked.
    private bool IsDiagnosticsOutput(TypeFacts facts) => !_allCode && _defaultWords && facts.DiagnosticsName;

    // A default storage word in the type's name, a containing type's, or its namespace's; a namespace that also names a cache
    // (MonkeyCache.FileStore) holds files that can be fetched again, and its words do not count.
    private static bool HasDefaultDurableName(INamedTypeSymbol type)
    {
        // A web controller is named for the resource it serves (StoreController, a shop's; LogController, a page of
        // entries): its words say nothing of how it keeps files. Its own fsyncs still count.
        if (EdgeWordIs(type.Name, ControllerWords, last: true))
        {
            return false;
        }

        if (NamesStorageItself(type))
        {
            return true;
        }

        var namespaceNamesStorage = false;
        for (var space = type.ContainingNamespace; space is { IsGlobalNamespace: false }; space = space.ContainingNamespace)
        {
            if (HasWord(space.Name, RebuildableWords))
            {
                return false;
            }

            namespaceNamesStorage |= DefaultDurable.NameHasWord(space.Name);
        }

        return namespaceNamesStorage;
    }

    /// <summary>
    /// True when the type's own name, a containing type's, or a base type's or interface's says it stores (SegmentWriter,
    /// SaveGame, FileSystem : IDataStore): storage by more than the namespace it lies in.
    /// </summary>
    public static bool NamesStorageItself(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (DefaultDurable.NameHasWord(current.Name))
            {
                return true;
            }
        }

        return EdgeWordIs(type.Name, SaveFirstWords, last: false) || ImplementsStorageAbstraction(type);
    }

    // A base class or an interface named for storage (FileSystem : IDataStore); the platform's own types name no such role.
    private static bool ImplementsStorageAbstraction(INamedTypeSymbol type)
    {
        for (var baseType = type.BaseType; baseType is not null && baseType.SpecialType != SpecialType.System_Object; baseType = baseType.BaseType)
        {
            if (!IsSystemType(baseType) && StorageAbstraction.NameHasWord(baseType.Name))
            {
                return true;
            }
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (!IsSystemType(@interface) && StorageAbstraction.NameHasWord(@interface.Name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSystemType(INamedTypeSymbol type)
    {
        var outermost = type.ContainingNamespace;
        while (outermost?.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            outermost = parent;
        }

        // Windows.Storage's IStorageFile is a UWP file handle, not a store.
        return outermost?.Name is "System" or "Microsoft" or "Windows";
    }

    // A lock or its factory by its name, a containing type's or a base type's (NativeFSLock : Lock, NativeFSLockFactory).
    private static bool IsLock(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            for (var named = current; named is not null && named.SpecialType != SpecialType.System_Object; named = named.BaseType)
            {
                if (NamesALock(named.Name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="member"/> is a method that hands back a lock (<c>ILockFile CreateNoShareFile(string path)</c>,
    /// <c>Task&lt;Maybe&lt;ILockFile&gt;&gt;</c>): the files it creates and writes are the lock's, which no crash must keep.
    /// </summary>
    public static bool ReturnsALock(ISymbol member) => member is IMethodSymbol { ReturnsVoid: false } method && IsOrHoldsALock(method.ReturnType, 0);

    private static bool IsOrHoldsALock(ITypeSymbol type, int depth)
    {
        // Asked for every body: most return types say nothing of locks even as text, and are not split into words.
        if ((type.Name.IndexOf("Lock", StringComparison.OrdinalIgnoreCase) >= 0 || type.Name.IndexOf("Mutex", StringComparison.OrdinalIgnoreCase) >= 0) &&
            NamesALock(type.Name))
        {
            return true;
        }

        if (depth < 2 && type is INamedTypeSymbol { IsGenericType: true } generic)
        {
            foreach (var argument in generic.TypeArguments)
            {
                if (IsOrHoldsALock(argument, depth + 1))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool NamesALock(string name)
    {
        var words = NameWords.Split(name);
        if (words.Length == 0)
        {
            return false;
        }

        return IsOneOf(words[words.Length - 1], LockWords) ||
               (words.Length > 1 && string.Equals(words[words.Length - 2], "Lock", StringComparison.OrdinalIgnoreCase) && IsOneOf(words[words.Length - 1], LockPartWords));
    }

    private static bool IsOneOf(string word, string[] words)
    {
        foreach (var wanted in words)
        {
            if (string.Equals(word, wanted, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // A logging library's durable mode (Serilog.Sinks.Seq.Durable, DurableHttpSink) keeps a buffer and a bookmark it ships
    // from after a restart: the library says so in the type's or namespace's name.
    private static bool SaysDurable(INamedTypeSymbol type)
    {
        if (TypeOrContainerNamed(type, DurableWords))
        {
            return true;
        }

        for (var current = type.ContainingNamespace; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            if (HasWord(current.Name, DurableWords))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InLoggingNamespace(INamedTypeSymbol type)
    {
        for (var current = type.ContainingNamespace; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            foreach (var name in LoggingNamespaces)
            {
                if (string.Equals(current.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsTestCode(INamedTypeSymbol type)
    {
        if (EdgeWordIs(type.ContainingAssembly?.Name ?? string.Empty, TestSuffixWords, last: true))
        {
            return true;
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (EdgeWordIs(current.Name, TestSuffixWords, last: true) || EdgeWordIs(current.Name, TestDoublePrefixWords, last: false))
            {
                return true;
            }
        }

        return false;
    }

    // NonPersistentSegment, NonDurableLog: "Non" first, a storage word second.
    private static bool IsNegatedStorage(string name)
    {
        var parts = NameWords.Split(name);
        return parts.Length > 1 && string.Equals(parts[0], "Non", StringComparison.Ordinal) &&
               Array.IndexOf(NegatedStorageWords, parts[1]) >= 0;
    }

    internal static bool EdgeWordIs(string name, string[] words, bool last)
    {
        var parts = NameWords.Split(last ? name.Substring(name.LastIndexOf('.') + 1) : name);
        if (parts.Length == 0)
        {
            return false;
        }

        var edge = last ? parts[parts.Length - 1] : parts[0];
        foreach (var word in words)
        {
            if (string.Equals(edge, word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TypeOrContainerNamed(INamedTypeSymbol type, string[] words)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (HasWord(current.Name, words))
            {
                return true;
            }
        }

        return false;
    }

    // A word of the name, or the name's end: "FileLogger" and the all-lowercase "mylogger" both name a logger.
    private static bool HasWord(string name, string[] words)
    {
        foreach (var word in NameWords.Split(name))
        {
            foreach (var wanted in words)
            {
                if (string.Equals(word, wanted, StringComparison.OrdinalIgnoreCase) ||
                    (word.Length > wanted.Length && word.EndsWith(wanted, StringComparison.OrdinalIgnoreCase) && IsLowerCase(word)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsLowerCase(string word)
    {
        foreach (var c in word)
        {
            if (char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }
}
