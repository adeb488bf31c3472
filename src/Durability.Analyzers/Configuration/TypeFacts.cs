using System.Collections.Generic;
using System.Threading;
using Durability.Analyzers.Model;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Configuration;

/// <summary>
/// What a type's name says about its intent, the same for every rule and every option (test code, a diagnostics
/// name, a cache name, a default storage word), and, asked once, whether its own code fsyncs, whether it takes a
/// flushToDisk flag and whether it keeps state in a file.
/// </summary>
internal sealed class TypeFacts
{
    // A fact found once and remembered: not asked yet, true, false.
    private const int Unknown = 0;
    private const int Yes = 1;
    private const int No = 2;

    // Stands for "asked, and the type keeps no state in files", so that null can mean "not asked yet".
    private static readonly HashSet<string> NoStateFiles = new();

    private int _fsyncs;
    private int _holdsStorage;
    private int _managesWayToDisk;
    private HashSet<string>? _stateFiles;

    public TypeFacts(bool testCode, bool diagnosticsName, bool rebuildableName, bool defaultDurableName, bool scratchName = false)
    {
        TestCode = testCode;
        DiagnosticsName = diagnosticsName;
        ScratchName = scratchName;
        RebuildableName = rebuildableName;
        DefaultDurableName = defaultDurableName;
    }

    /// <summary>Test, fixture, benchmark or test-double code, by its assembly's or type's name.</summary>
    public bool TestCode { get; }

    /// <summary>A logger, tracer, exporter, report or lock by name, or in a logging library's namespace: its files hold no data recovered from.</summary>
    public bool DiagnosticsName { get; }

    /// <summary>Scratch data by its first word (TempStream, ScratchFile, SpillBuffer): its files are deleted, never recovered.</summary>
    public bool ScratchName { get; }

    /// <summary>A cache by name: its files can be rebuilt from elsewhere.</summary>
    public bool RebuildableName { get; }

    /// <summary>A default storage word (Log, Store, Segment...) in the name, a containing type's or the namespace's.</summary>
    public bool DefaultDurableName { get; }

    /// <summary>True when the type's own code fsyncs, writes through or imports fsync; found once, then remembered.</summary>
    public bool FsyncsItself(INamedTypeSymbol type, FsyncEvidence evidence, CancellationToken cancellationToken)
    {
        var known = Volatile.Read(ref _fsyncs);
        return known != Unknown ? known == Yes : Remember(ref _fsyncs, evidence.InType(type, cancellationToken));
    }

    /// <summary>
    /// True when a field of the type holds an object of a class of this compilation whose own code fsyncs (a compactor
    /// holding the engine's <c>WalWriter</c>, a checkpointer holding its <c>PageFile</c>): the type works the storage engine's
    /// files, whatever it is called; found once, then remembered.
    /// </summary>
    public bool HoldsStorageThatFsyncs(INamedTypeSymbol type, FsyncEvidence evidence, CancellationToken cancellationToken)
    {
        var known = Volatile.Read(ref _holdsStorage);
        return known != Unknown ? known == Yes : Remember(ref _holdsStorage, AnyFieldFsyncs(type, evidence, cancellationToken));
    }

    // Fields only: a property is as often a view of another object as a part of this one. Interfaces are left out: their
    // implementations may be in memory.
    private static bool AnyFieldFsyncs(INamedTypeSymbol type, FsyncEvidence evidence, CancellationToken cancellationToken)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { Type: INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } held } &&
                !held.DeclaringSyntaxReferences.IsEmpty && !SymbolEqualityComparer.Default.Equals(held.OriginalDefinition, type.OriginalDefinition) &&
                evidence.InType(held.OriginalDefinition, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a method the type declares takes a <c>flushToDisk</c> flag (<c>Flush(bool flushToDisk)</c>), or is named for
    /// reaching the disk (<c>FlushToDisk</c>) in a type that keeps a stream or file handle in a field: the type says it keeps
    /// data on disk, whatever it is called; found once, then remembered.
    /// </summary>
    public bool ManagesItsWayToDisk(INamedTypeSymbol type, FileApiModel files)
    {
        var known = Volatile.Read(ref _managesWayToDisk);
        return known != Unknown
            ? known == Yes
            : Remember(ref _managesWayToDisk, DurableMethodNames.AnyFlushToDiskFlagIn(type) || (HoldsAFile(type, files) && DurableMethodNames.AnyDiskPromiseIn(type)));
    }

    // A stream, writer or file handle kept in a field: the type keeps its files open across calls, as storage code does.
    private static bool HoldsAFile(INamedTypeSymbol type, FileApiModel files)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol field && files.IsTrackedType(field.Type))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Remember(ref int fact, bool value)
    {
        Volatile.Write(ref fact, value ? Yes : No);
        return value;
    }

    /// <summary>
    /// The files the type writes and reads back (<see cref="StateFiles"/>), or null when there are none; found once, then
    /// remembered.
    /// </summary>
    public HashSet<string>? StateFiles(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var files = Volatile.Read(ref _stateFiles);
        if (files is null)
        {
            files = Model.StateFiles.KeptBy(type, cancellationToken) ?? NoStateFiles;
            Volatile.Write(ref _stateFiles, files);
        }

        return ReferenceEquals(files, NoStateFiles) ? null : files;
    }
}
