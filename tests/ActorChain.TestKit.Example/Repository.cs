namespace MyChain.Tests;

/// <summary>Where this repository is checked out: the folder holding ActorChain.sln, found from the test binaries.</summary>
internal static class Repository
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorChain.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("ActorChain.sln not found above " + AppContext.BaseDirectory);
    }
}
