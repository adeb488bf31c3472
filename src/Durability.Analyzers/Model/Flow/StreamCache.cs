using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A member collection a method keeps the streams it opens in (<c>_streams[path] = opened</c>, <c>_streams.Add(path,
/// opened)</c>) and hands them back from (<c>_streams.TryGetValue(path, out var cached)</c>, <c>_streams[path]</c>): what it
/// returns from the cache is what it stores there. Read from one method's body.
/// </summary>
internal sealed class StreamCache
{
    private readonly Dictionary<ISymbol, List<IOperation>> _stored = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, ISymbol> _takenFrom = new(SymbolEqualityComparer.Default);

    /// <summary>Reads one operation of the body for a store into, or a lookup in, a member collection.</summary>
    public void Add(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } indexed }, Value: var value }
                when MemberSymbol(indexed) is { } member:
                Stored(member).Add(value);
                break;
            case IInvocationOperation { TargetMethod.Name: "Add" or "TryAdd", Instance: { } collection, Arguments.Length: 2 } add when MemberSymbol(collection) is { } member:
                Stored(member).Add(add.Arguments[1].Value);
                break;
            case IInvocationOperation { TargetMethod.Name: "TryGetValue", Instance: { } collection, Arguments.Length: 2 } lookup
                when MemberSymbol(collection) is { } member && OutLocal(lookup.Arguments[1].Value) is { } local:
                _takenFrom[local] = member;
                break;
        }
    }

    /// <summary>The member collection a returned value comes from, when the method stores into it too; null otherwise.</summary>
    public ISymbol? MemberOf(IOperation? value)
    {
        value = FileApiModel.StripConversions(value);
        var member = value switch
        {
            ILocalReferenceOperation { Local: var local } when _takenFrom.TryGetValue(local, out var from) => from,
            IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } indexed } => MemberSymbol(indexed),
            _ => null,
        };
        return member is not null && _stored.ContainsKey(member) ? member : null;
    }

    /// <summary>What the method stores in <paramref name="member"/>.</summary>
    public List<IOperation> StoredIn(ISymbol member) => _stored[member];

    private List<IOperation> Stored(ISymbol member)
    {
        if (!_stored.TryGetValue(member, out var values))
        {
            values = new List<IOperation>();
            _stored[member] = values;
        }

        return values;
    }

    // out var cached, or out cached for a local declared before.
    private static ILocalSymbol? OutLocal(IOperation argument) => argument switch
    {
        IDeclarationExpressionOperation { Expression: ILocalReferenceOperation { Local: var declared } } => declared,
        ILocalReferenceOperation { Local: var local } => local,
        _ => null,
    };

    private static ISymbol? MemberSymbol(IOperation operation) => FileApiModel.StripConversions(operation) switch
    {
        IFieldReferenceOperation { Field: var field } => field,
        IPropertyReferenceOperation { Property: { IsIndexer: false } property } => property,
        _ => null,
    };
}
