using System;
using System.IO;

namespace Durability.Testing;

/// <summary>Where the repository is, seen from a test's output folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder above the test's output that holds Analyzers.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
