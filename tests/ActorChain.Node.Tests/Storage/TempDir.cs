namespace ActorChain.Node.Tests.Storage;

/// <summary>A fresh directory under the system's temp dir, deleted with everything in it on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    /// <summary>Creates it.</summary>
    public TempDir() => Directory.CreateDirectory(Path);

    /// <summary>Its path.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "actorchain-store-" + Guid.NewGuid().ToString("N"));

    /// <summary>A path inside it.</summary>
    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp dir
        }
    }
}
