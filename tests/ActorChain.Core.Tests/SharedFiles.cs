namespace ActorChain.Core.Tests;

/// <summary>
/// Finds the repository (the folder of ActorChain.sln) and <c>../shared</c> beside it, where CI lays the golden and
/// conformance vectors. A fresh clone without it skips the vector tests with a message, never passes them silently.
/// </summary>
public static class SharedFiles
{
    /// <summary>The repository root.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The shared folder beside the repository, or null when it is not there.</summary>
    public static string? Shared =>
        Directory.Exists(Path.Combine(RepoRoot, "..", "shared")) ? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared")) : null;

    /// <summary>A path under shared/, skipping the calling test when shared/ is missing.</summary>
    public static string Require(string relative)
    {
        Skip.If(Shared is null, $"../shared is not beside the repository ({RepoRoot}); the vector tests need it");
        var path = Path.Combine(Shared!, relative);
        Skip.IfNot(Directory.Exists(path) || File.Exists(path), $"{path} is missing");
        return path;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorChain.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ActorChain.sln not found above " + AppContext.BaseDirectory);
    }
}
