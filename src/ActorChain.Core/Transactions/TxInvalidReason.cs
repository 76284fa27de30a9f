namespace ActorChain.Core.Transactions;

/// <summary>Why a transaction is invalid (CONSENSUS.md §2).</summary>
public enum TxInvalidReason
{
    /// <summary>The signature does not verify under domain TX.</summary>
    BadSignature,

    /// <summary>The nonce is not the sender account's nonce.</summary>
    WrongNonce,

    /// <summary>The sender's balance is below amount + maxFee.</summary>
    InsufficientBalance,

    /// <summary>maxFee is below the base fee (or at least 2^63).</summary>
    MaxFeeBelowBaseFee,

    /// <summary>The amount is not positive as a signed 64-bit number (0, or at least 2^63).</summary>
    NonPositiveAmount,

    /// <summary>The tip is negative as a signed 64-bit number (at least 2^63).</summary>
    NegativeTip,

    /// <summary>The recipient's balance or the validator's stake would exceed 2^63 − 1.</summary>
    BalanceOverflow,

    /// <summary>No validator in the registry has this index.</summary>
    UnknownValidator,

    /// <summary>The validator has already requested its exit.</summary>
    ExitAlreadyRequested,

    /// <summary>An exit in a PoS block (§5.4 step 6): the validator is not active at the current epoch.</summary>
    ValidatorNotActive,

    /// <summary>An exit in a PoS block (§5.4 step 6): it is signed for an epoch after the current one.</summary>
    ExitEpochInFuture,
}

/// <summary>Descriptions of <see cref="TxInvalidReason"/> for logs and the mempool's answer.</summary>
public static class TxInvalidReasonExtensions
{
    /// <summary>A one-line description of the rule broken.</summary>
    public static string Describe(this TxInvalidReason reason) => reason switch
    {
        TxInvalidReason.BadSignature => "the signature does not verify under domain TX",
        TxInvalidReason.WrongNonce => "the nonce is not the sender account's nonce",
        TxInvalidReason.InsufficientBalance => "the sender's balance is below amount + maxFee",
        TxInvalidReason.MaxFeeBelowBaseFee => "maxFee is below the base fee",
        TxInvalidReason.NonPositiveAmount => "the amount is not positive",
        TxInvalidReason.NegativeTip => "the tip is negative",
        TxInvalidReason.BalanceOverflow => "the recipient's balance or the validator's stake would overflow",
        TxInvalidReason.UnknownValidator => "no validator in the registry has this index",
        TxInvalidReason.ExitAlreadyRequested => "the validator has already requested its exit",
        TxInvalidReason.ValidatorNotActive => "the exiting validator is not active at the current epoch",
        TxInvalidReason.ExitEpochInFuture => "the exit is signed for an epoch after the current one",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a TxInvalidReason"),
    };
}
