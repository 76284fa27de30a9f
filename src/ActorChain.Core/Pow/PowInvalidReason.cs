namespace ActorChain.Core.Pow;

/// <summary>Why a proof-of-work block is invalid (CONSENSUS.md §3).</summary>
public enum PowInvalidReason
{
    /// <summary>The parent block is not known.</summary>
    UnknownParent,

    /// <summary>The parent block is invalid.</summary>
    InvalidParent,

    /// <summary>The parent hash is not the hash of the block it is checked against.</summary>
    WrongParent,

    /// <summary>The height is not the parent's height + 1.</summary>
    WrongHeight,

    /// <summary>The timestamp is not greater than the median of the last blocks.</summary>
    TimestampNotAfterMedian,

    /// <summary>The timestamp is too far ahead of the local clock.</summary>
    TimestampTooFarInFuture,

    /// <summary>The target is not the one the retarget rule gives.</summary>
    WrongTarget,

    /// <summary>The proof-of-work hash is above the target.</summary>
    InsufficientWork,

    /// <summary>The transaction root does not match the coinbase and transactions.</summary>
    BadTxRoot,

    /// <summary>The block holds more than 2 × TARGET_TXS transactions.</summary>
    TooManyTransactions,

    /// <summary>A transaction is not valid in order.</summary>
    InvalidTransaction,

    /// <summary>The coinbase is not exactly the block reward plus the tips.</summary>
    WrongCoinbase,
}

/// <summary>Descriptions of <see cref="PowInvalidReason"/> values, for logs.</summary>
public static class PowInvalidReasonExtensions
{
    /// <summary>A one-line description of the broken rule.</summary>
    public static string Describe(this PowInvalidReason reason) => reason switch
    {
        PowInvalidReason.UnknownParent => "the parent block is not known",
        PowInvalidReason.InvalidParent => "the parent block is invalid",
        PowInvalidReason.WrongParent => "the parent hash is not the hash of the block it is checked against",
        PowInvalidReason.WrongHeight => "the height is not the parent's height + 1",
        PowInvalidReason.TimestampNotAfterMedian => "the timestamp is not greater than the median of the last blocks",
        PowInvalidReason.TimestampTooFarInFuture => "the timestamp is too far ahead of the local clock",
        PowInvalidReason.WrongTarget => "the target is not the one the retarget rule gives",
        PowInvalidReason.InsufficientWork => "the proof-of-work hash is above the target",
        PowInvalidReason.BadTxRoot => "the transaction root does not match the coinbase and transactions",
        PowInvalidReason.TooManyTransactions => "the block holds more than 2 × TARGET_TXS transactions",
        PowInvalidReason.InvalidTransaction => "a transaction is not valid in order",
        PowInvalidReason.WrongCoinbase => "the coinbase is not exactly the block reward plus the tips",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown reason"),
    };
}
