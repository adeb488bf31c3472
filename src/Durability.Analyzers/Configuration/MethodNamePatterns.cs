using System;
using Microsoft.CodeAnalysis;

namespace Durability.Analyzers.Configuration;

/// <summary>Methods named in an option: <c>Method</c>, <c>Type.Method</c> or <c>Namespace.Type.Method</c>.</summary>
internal sealed class MethodNamePatterns
{
    public static readonly MethodNamePatterns None = new(Array.Empty<string>());

    private readonly string[] _names;

    private MethodNamePatterns(string[] names) => _names = names;

    public static MethodNamePatterns Parse(string? value) =>
        value is null ? None : new MethodNamePatterns(RuleOptionReader.SplitList(value));

    public bool Matches(IMethodSymbol method)
    {
        if (_names.Length == 0)
        {
            return false;
        }

        var typeName = method.ContainingType?.Name ?? string.Empty;
        var fullTypeName = method.ContainingType?.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) ?? string.Empty;
        foreach (var name in _names)
        {
            if (name == method.Name || name == typeName + "." + method.Name || name == fullTypeName + "." + method.Name)
            {
                return true;
            }
        }

        return false;
    }
}
