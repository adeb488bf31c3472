using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Durability.Testing;

/// <summary>The assemblies test sources compile against: the test host's framework, and Durability.Runtime.</summary>
public static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkLazy = new(LoadFramework);
    private static readonly Lazy<MetadataReference> RuntimeLazy = new(() => MetadataReference.CreateFromFile(typeof(Durability.Runtime.Fsync).Assembly.Location));

    public static ImmutableArray<MetadataReference> Framework => FrameworkLazy.Value;

    public static MetadataReference DurabilityRuntime => RuntimeLazy.Value;

    private static ImmutableArray<MetadataReference> LoadFramework()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator);
        return trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Where(path => !Path.GetFileName(path).StartsWith("Microsoft.DiaSymReader", StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
