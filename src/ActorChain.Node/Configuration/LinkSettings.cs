namespace ActorChain.Node.Configuration;

/// <summary>What every link adds: latency uniform in [mean − jitter, mean + jitter] ms, and a loss probability.</summary>
public sealed record LinkSettings(long MeanLatencyMillis, long JitterMillis, double Loss)
{
    /// <summary>No latency, no loss.</summary>
    public static LinkSettings None { get; } = new(0, 0, 0.0);

    /// <summary>The problem with these settings (naming the key under <c>network</c>), or null when valid.</summary>
    public string? Problem =>
        MeanLatencyMillis < 0 || JitterMillis < 0 ? "latency: mean and jitter must not be negative"
        : JitterMillis > MeanLatencyMillis ? $"latency.jitter: must not exceed the mean ({MeanLatencyMillis} ms), got {JitterMillis} ms"
        : !(Loss >= 0.0 && Loss <= 1.0) ? $"loss: must be a probability in [0, 1], got {Loss}"
        : null;
}
