using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Durability.Testing;

namespace Durability.Package.Tests;

/// <summary>The tests that share one packing of both packages.</summary>
[CollectionDefinition(Name)]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packed packages";
}

/// <summary>Both packages packed once, into a temporary folder that serves as a local NuGet source.</summary>
public sealed class PackedPackages : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "durability-package-tests-" + Guid.NewGuid().ToString("N"));

    public string Source => Path.Combine(Root, "packages");

    public string Version => "0.1.0";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Source);
        var repository = RepositoryPaths.Root;
        foreach (var project in new[] { "src/Durability.Runtime/Durability.Runtime.csproj", "src/Durability.Analyzers.Package/Durability.Analyzers.Package.csproj" })
        {
            (await DotnetCli.RunAsync(repository, null, "pack", project, "-c", "Release", "-o", Source)).EnsureSuccess("dotnet pack " + project);
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return Task.CompletedTask;
    }

    /// <summary>A new project folder that restores only from the packed packages, into its own package cache.</summary>
    public string CreateConsumerProject(string name, string sourceFileName, string source) =>
        CreateConsumerProject(name, new Dictionary<string, string> { [sourceFileName] = source });

    /// <summary>A new project folder holding <paramref name="files"/> (name to content) that consumes the packed analyzer package.</summary>
    /// <param name="projectExtras">Extra MSBuild content for the project file, such as an OutputType or a ProjectReference.</param>
    /// <param name="targetFramework">
    /// The project's target framework. Other than net10.0 it also restores from the machine's nuget.org source (for
    /// NETStandard.Library or the .NET Framework reference assemblies), with Durability.* mapped to the packed source only.
    /// </param>
    public string CreateConsumerProject(string name, IReadOnlyDictionary<string, string> files, string projectExtras = "", string targetFramework = "net10.0")
    {
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        var public_ = targetFramework == "net10.0"
            ? string.Empty
            : """<add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />""";
        var mapping = targetFramework == "net10.0"
            ? string.Empty
            : """
              <packageSourceMapping>
                <packageSource key="packed"><package pattern="Durability.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
              """;
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{Source}" />
                {public_}
              </packageSources>
              {mapping}
            </configuration>
            """);
        var nullable = targetFramework.StartsWith("net4", StringComparison.Ordinal) || targetFramework.StartsWith("netstandard", StringComparison.Ordinal)
            ? "disable"
            : "enable";
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>{targetFramework}</TargetFramework>
                <Nullable>{nullable}</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <RestorePackagesPath>{Path.Combine(directory, ".packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Durability.Analyzers" Version="{Version}" />
              </ItemGroup>
              {projectExtras}
            </Project>
            """);
        foreach (var (fileName, content) in files)
        {
            File.WriteAllText(Path.Combine(directory, fileName), content);
        }

        return directory;
    }
}
