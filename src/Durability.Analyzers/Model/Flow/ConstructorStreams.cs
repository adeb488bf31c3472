using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// What the creations of a type hand its constructor's stream parameter (<c>LogWriter(Stream stream)</c>, created as
/// <c>new LogWriter(_files.NewWritable(name))</c>): a type that writes and flushes a stream it is given writes a file when
/// the code that creates it opens one and leaves its fsync to nobody. Each parameter is judged once per compilation, and
/// only for a flush that would otherwise go unreported.
/// </summary>
internal sealed class ConstructorStreams
{
    private readonly Compilation _compilation;
    private readonly FileApiModel _model;
    private readonly MethodCalls _calls;
    private readonly FileAbstractions _abstractions;
    private readonly FsyncSummaries _summaries;
    private readonly ConcurrentDictionary<IParameterSymbol, Handed> _answers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, (StreamFacts Facts, HashSet<ISymbol> Fsynced)> _creators = new(SymbolEqualityComparer.Default);

    public ConstructorStreams(Compilation compilation, FileApiModel model, MethodCalls calls, FileAbstractions abstractions, FsyncSummaries summaries)
    {
        _compilation = compilation;
        _model = model;
        _calls = calls;
        _abstractions = abstractions;
        _summaries = summaries;
    }

    /// <summary>
    /// True when a creation in the compilation gives <paramref name="parameter"/> a file (opened in place, by the project's
    /// factory, or held in a variable of the creating type that it never fsyncs), and none gives it a file written
    /// through or one its creator fsyncs.
    /// </summary>
    public bool IsGivenFile(IParameterSymbol parameter, CancellationToken cancellationToken) => AnswerFor(parameter, cancellationToken) == Handed.File;

    /// <summary>
    /// True when only this assembly can call <paramref name="parameter"/>'s constructor and every creation gives it a file
    /// written through or one its creator fsyncs (<c>new FileRaftLog(new FileStream(path, ..., FileOptions.WriteThrough))</c>
    /// from the type's own <c>Open</c>): the type's flushes and closes of it need nothing more.
    /// </summary>
    public bool IsGivenOnlyDurableFiles(IParameterSymbol parameter, CancellationToken cancellationToken) =>
        AnswerFor(parameter, cancellationToken) == Handed.Durable && parameter.ContainingSymbol is IMethodSymbol constructor && IsCreatedOnlyHere(constructor);

    private Handed AnswerFor(IParameterSymbol parameter, CancellationToken cancellationToken) =>
        _answers.TryGetValue(parameter, out var known) ? known : _answers.GetOrAdd(parameter, Compute(parameter, cancellationToken));

    // A private or internal constructor, or one of a type no other assembly sees: the compilation holds all its creations.
    private static bool IsCreatedOnlyHere(IMethodSymbol constructor)
    {
        if (constructor.DeclaredAccessibility is Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal)
        {
            return true;
        }

        for (var type = constructor.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.DeclaredAccessibility is Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal)
            {
                return true;
            }
        }

        return false;
    }

    // File when some creation hands a file and none a durable one; Durable when there are creations and all hand durable ones.
    private Handed Compute(IParameterSymbol parameter, CancellationToken cancellationToken)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
        {
            return Handed.Unknown;
        }

        var givenFile = false;
        var durable = 0;
        var creations = _calls.CreationsOf(constructor, cancellationToken);
        foreach (var creation in creations)
        {
            var argument = creation is IInvalidOperation unbound
                ? UnboundCalls.ArgumentFor(unbound, constructor, parameter.Ordinal)
                : FileApiModel.ArgumentFor(creation, parameter.Ordinal);
            switch (Given(creation, argument, cancellationToken))
            {
                case Handed.File:
                    givenFile = true;
                    break;
                case Handed.Durable:
                    durable++;
                    break;
            }
        }

        return durable > 0 ? (durable == creations.Count ? Handed.Durable : Handed.Unknown)
            : givenFile ? Handed.File
            : Handed.Unknown;
    }

    private enum Handed
    {
        Unknown,
        File,

        // Written through, or fsynced by the code that created it: the flushes of the type need nothing more.
        Durable,
    }

    private Handed Given(IOperation creation, IOperation? argument, CancellationToken cancellationToken)
    {
        var value = FileApiModel.StripConversions(argument);
        if (value is null)
        {
            return Handed.Unknown;
        }

        var origin = _model.ClassifyValue(value);
        var kind = origin.Kind == StreamOriginKind.Wrapper && origin.Underlying is null ? origin.UnderlyingKind : origin.Kind;
        if (kind == StreamOriginKind.Unknown)
        {
            kind = value switch
            {
                IInvocationOperation call => _abstractions.Factories.Returns(call.TargetMethod, cancellationToken),
                IInvalidOperation call when UnboundCalls.IntendedMethod(call) is { } intended => _abstractions.Factories.Returns(intended, cancellationToken),
                _ => kind,
            };
        }

        switch (kind)
        {
            case StreamOriginKind.File:
                return Handed.File;
            case StreamOriginKind.WriteThroughFile:
                return Handed.Durable;
            case StreamOriginKind.AuxiliaryFile or StreamOriginKind.NotFile:
                return Handed.Unknown;
        }

        // var file = _files.NewWritable(name); new LogWriter(file): what the creating type's variable holds, and whether it
        // fsyncs it itself.
        var variable = FileApiModel.ResolveVariable(value);
        if (variable is not (ILocalSymbol or IFieldSymbol or IPropertySymbol) ||
            creation.SemanticModel?.GetEnclosingSymbol(creation.Syntax.SpanStart, cancellationToken)?.ContainingType is not { } creator)
        {
            return Handed.Unknown;
        }

        if (variable is ILocalSymbol local && IsClosedByUsing(local))
        {
            // using var file = File.Create(path); new TableCreator(file)...: the creator closes the file, and DUR004 checks
            // that close for an fsync where the file's life ends.
            return Handed.Unknown;
        }

        var (facts, fsynced) = CreatorFacts(creator, cancellationToken);
        return facts.IsCovered(variable, fsynced) ? Handed.Durable
            : facts.IsFileBacked(variable) ? Handed.File
            : Handed.Unknown;
    }

    private static bool IsClosedByUsing(ILocalSymbol local)
    {
        foreach (var reference in local.DeclaringSyntaxReferences)
        {
            var holder = reference.GetSyntax().Parent?.Parent;
            if (holder is Microsoft.CodeAnalysis.CSharp.Syntax.UsingStatementSyntax ||
                holder is Microsoft.CodeAnalysis.CSharp.Syntax.LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 })
            {
                return true;
            }
        }

        return false;
    }

    private (StreamFacts Facts, HashSet<ISymbol> Fsynced) CreatorFacts(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        type = type.OriginalDefinition;
        if (_creators.TryGetValue(type, out var known))
        {
            return known;
        }

        var facts = new StreamFacts(_model, type, _abstractions, cancellationToken);
        facts.AddType(_compilation, type, cancellationToken);

        var fsynced = facts.ComputeFsynced((callee, ordinal) => _summaries.FsyncsParameter(callee, ordinal, cancellationToken), includeClosing: true);
        return _creators.GetOrAdd(type, (facts, fsynced));
    }
}
