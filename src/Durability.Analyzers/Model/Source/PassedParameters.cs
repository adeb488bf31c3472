using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Durability.Analyzers.Model;

/// <summary>
/// Which of a method's own parameters a value in its body passes straight on (<c>File.Delete(path)</c> in
/// <c>DeleteFile(string path)</c>): what lets a call to the project's file-system method be read with the caller's arguments.
/// </summary>
internal static class PassedParameters
{
    /// <summary>The ordinal of <paramref name="method"/>'s parameter that <paramref name="value"/> is, conversions aside, or null.</summary>
    public static int? OrdinalOf(IOperation value, IMethodSymbol method) =>
        FileApiModel.StripConversions(value) is IParameterReferenceOperation { Parameter: var parameter } &&
        SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, method.OriginalDefinition)
            ? parameter.Ordinal
            : null;

    /// <summary>
    /// <paramref name="value"/>, conversions aside, followed through at most <paramref name="locals"/> locals of
    /// <paramref name="body"/> to the value each is initialised with (<c>var parent = Path.GetDirectoryName(path);</c>).
    /// </summary>
    public static IOperation? ThroughLocals(IOperation value, IOperation body, int locals)
    {
        var current = FileApiModel.StripConversions(value);
        for (var depth = 0; depth < locals && current is ILocalReferenceOperation local && SourceBodies.InitializerOf(local.Local, body) is { } initializer; depth++)
        {
            current = FileApiModel.StripConversions(initializer);
        }

        return current;
    }
}
