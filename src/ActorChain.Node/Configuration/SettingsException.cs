namespace ActorChain.Node.Configuration;

/// <summary>A bad configuration value: <see cref="Path"/> names the key, the message what is allowed.</summary>
public sealed class SettingsException(string path, string problem) : Exception($"{path}: {problem}")
{
    /// <summary>The full key path, e.g. <c>actorchain.pow.block-time</c>.</summary>
    public string Path { get; } = path;

    /// <summary>What is wrong and what is allowed.</summary>
    public string Problem { get; } = problem;
}
