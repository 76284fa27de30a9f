namespace ActorChain.Core.TxPool;

/// <summary>Mempool limits. Not a consensus rule: each node chooses its own.</summary>
public sealed record MempoolPolicy
{
    /// <summary>Limits, each checked.</summary>
    /// <param name="capacity">The most transactions the pool holds (at least 1).</param>
    /// <param name="maxPerSender">How far ahead of its account nonce a sender's transactions may be, so also the most a sender can have pending (at least 1).</param>
    /// <param name="replaceBumpPercent">How much higher, in percent, both the tip and maxFee of a replacement (same sender and nonce) must be (at least 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit out of range.</exception>
    public MempoolPolicy(int capacity, int maxPerSender, int replaceBumpPercent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerSender, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(replaceBumpPercent);
        Capacity = capacity;
        MaxPerSender = maxPerSender;
        ReplaceBumpPercent = replaceBumpPercent;
    }

    /// <summary>The defaults: 10,000 transactions, 64 per sender, a 10 % replacement bump.</summary>
    public static MempoolPolicy Defaults { get; } = new(10_000, 64, 10);

    /// <summary>The most transactions the pool holds.</summary>
    public int Capacity { get; }

    /// <summary>How far ahead of its account nonce a sender's transactions may be.</summary>
    public int MaxPerSender { get; }

    /// <summary>The percentage by which a replacement must raise both the tip and maxFee.</summary>
    public int ReplaceBumpPercent { get; }
}
