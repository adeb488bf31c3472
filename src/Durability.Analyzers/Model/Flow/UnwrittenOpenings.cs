using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// A file opened with <c>FileMode.OpenOrCreate</c> into a using variable that the body only reads, seeks, locks or asks the
/// length of: a probe of a file that is there (is another process still writing it?), not a new file. Had the open made it,
/// the file would be empty, and an empty file's lost entry loses nothing.
/// </summary>
internal static class UnwrittenOpenings
{
    public static bool IsProbe(IOperation opening, IOperation body)
    {
        if (!OpensOrCreates(opening) || HeldLocal(opening) is not { } local)
        {
            return false;
        }

        foreach (var operation in body.Descendants())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) && !OnlyLooksAt(reference))
            {
                return false;
            }
        }

        return true;
    }

    private static bool OpensOrCreates(IOperation opening)
    {
        if (!Call.TryRead(opening, out var call))
        {
            return false;
        }

        foreach (var parameter in call.Method.Parameters)
        {
            if (parameter.Type is { Name: "FileMode" } mode && SystemIO.Declares(mode) &&
                call.ArgumentFor(parameter.Ordinal)?.ConstantValue is { HasValue: true, Value: FileModes.OpenOrCreate })
            {
                return true;
            }
        }

        return false;
    }

    // using (var stream = File.Open(...)) or using var stream = ...: the local that holds the opened stream.
    private static ILocalSymbol? HeldLocal(IOperation opening)
    {
        var current = opening;
        while (current.Parent is IConversionOperation)
        {
            current = current.Parent;
        }

        return current.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } && InPlaceRewrites.IsUsingVariable(declarator)
            ? declarator.Symbol
            : null;
    }

    // stream.Length, stream.Position = 0, stream.Seek(...), stream.Read(...), stream.Lock(...): nothing written, nothing handed on
    // but to a reader (new StreamReader(stream), XmlReader.Create(stream)), which only reads it.
    private static bool OnlyLooksAt(ILocalReferenceOperation reference) => reference.Parent switch
    {
        IArgumentOperation { Parent: IObjectCreationOperation { Type.Name: var reader } } => IsReaderName(reader),
        IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "Create", IsStatic: true, ContainingType.Name: var factory } } } => IsReaderName(factory),
        IConversionOperation { Parent: IArgumentOperation { Parent: IObjectCreationOperation { Type.Name: var reader } } } => IsReaderName(reader),
        IPropertyReferenceOperation property => property.Instance == reference,
        IInvocationOperation call => call.Instance == reference &&
                                     (call.TargetMethod.Name.StartsWith("Read", System.StringComparison.Ordinal) ||
                                      call.TargetMethod.Name is "Seek" or "Lock" or "Unlock" or "Dispose" or "Close" or "DisposeAsync"),
        _ => false,
    };

    private static bool IsReaderName(string name) => name.EndsWith("Reader", System.StringComparison.Ordinal);
}
