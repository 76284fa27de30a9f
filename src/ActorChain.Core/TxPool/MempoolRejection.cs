namespace ActorChain.Core.TxPool;

/// <summary>Why the mempool turned a transaction away.</summary>
public enum MempoolRejectionKind
{
    /// <summary>The transaction is invalid against the head state.</summary>
    Invalid,

    /// <summary>The transaction, or an exit of the same validator, is already pending.</summary>
    Duplicate,

    /// <summary>The nonce is below the sender's account nonce.</summary>
    NonceTooLow,

    /// <summary>The nonce is too far ahead of the sender's account nonce.</summary>
    NonceGap,

    /// <summary>The pool is full and pending transactions pay at least as much.</summary>
    PoolFull,

    /// <summary>A replacement must raise both the tip and maxFee by the replacement bump.</summary>
    ReplacementUnderpriced,
}

/// <summary>Why the mempool turned a transaction away, with the values involved.</summary>
/// <param name="Kind">The rule.</param>
/// <param name="Detail">The values involved; for <see cref="MempoolRejectionKind.Invalid"/> the transaction rule's description and name.</param>
/// <param name="TxReason">For <see cref="MempoolRejectionKind.Invalid"/>, the transaction rule broken.</param>
public sealed record MempoolRejection(MempoolRejectionKind Kind, string Detail, Transactions.TxInvalidReason? TxReason = null)
{
    /// <summary>"kind description: detail".</summary>
    public string Describe() => $"{Describe(Kind)}: {Detail}";

    /// <summary>A one-line description of <paramref name="kind"/>.</summary>
    public static string Describe(MempoolRejectionKind kind) => kind switch
    {
        MempoolRejectionKind.Invalid => "the transaction is invalid against the head state",
        MempoolRejectionKind.Duplicate => "the transaction, or an exit of the same validator, is already pending",
        MempoolRejectionKind.NonceTooLow => "the nonce is below the sender's account nonce",
        MempoolRejectionKind.NonceGap => "the nonce is too far ahead of the sender's account nonce",
        MempoolRejectionKind.PoolFull => "the pool is full and pending transactions pay at least as much",
        MempoolRejectionKind.ReplacementUnderpriced => "a replacement must raise both the tip and maxFee by the replacement bump",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a MempoolRejectionKind"),
    };
}
