namespace ActorChain.Node.Network;

/// <summary>What a fault does to a <see cref="PeerLinkActor"/>: latency and jitter, loss, a cut, or its end.</summary>
public abstract record LinkFault
{
    /// <summary>Adds latency uniform in [mean − jitter, mean + jitter] ms to every message.</summary>
    public sealed record Latency(long MeanMillis, long JitterMillis) : LinkFault;

    /// <summary>Drops each message with this probability.</summary>
    public sealed record Loss(double Probability) : LinkFault;

    /// <summary>Cuts the link: nothing crosses until <see cref="Heal"/>.</summary>
    public sealed record Partition : LinkFault;

    /// <summary>Ends a partition.</summary>
    public sealed record Heal : LinkFault;

    /// <summary>Ends the fault of one kind (<c>partition</c>, <c>latency</c> or <c>loss</c>), back to the link's settings.</summary>
    public sealed record Clear(string Kind) : LinkFault;

    /// <summary>The problem with this fault, or null when valid.</summary>
    public string? Problem => this switch
    {
        Latency l when l.MeanMillis < 0 || l.JitterMillis < 0 || l.JitterMillis > l.MeanMillis =>
            $"latency needs 0 <= jitter <= mean, got mean {l.MeanMillis} ms and jitter {l.JitterMillis} ms",
        Loss l when !(l.Probability >= 0.0 && l.Probability <= 1.0) => $"loss must be a probability in [0, 1], got {l.Probability}",
        Clear c when c.Kind is not ("partition" or "latency" or "loss") => $"clear names partition, latency or loss, got {c.Kind}",
        _ => null,
    };
}
