using ActorChain.Core.Transactions;

namespace ActorChain.Core.TxPool;

/// <summary>What <see cref="Mempool.Add"/> did with a transaction.</summary>
public abstract record AddResult
{
    private AddResult()
    {
    }

    /// <summary>Whether the transaction is now pending (worth gossiping on).</summary>
    public bool Added => this is not Rejected;

    /// <summary>Pending now; <paramref name="Evicted"/> is the cheaper transaction it pushed out of a full pool, if any.</summary>
    public sealed record Accepted(Transaction? Evicted = null) : AddResult;

    /// <summary>Pending now in place of <paramref name="Old"/>, which had the same sender and nonce but paid less.</summary>
    public sealed record Replaced(Transaction Old) : AddResult;

    /// <summary>Turned away, for <paramref name="Rejection"/>.</summary>
    public sealed record Rejected(MempoolRejection Rejection) : AddResult;
}
