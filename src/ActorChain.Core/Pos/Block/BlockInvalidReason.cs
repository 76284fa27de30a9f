namespace ActorChain.Core.Pos.Block;

/// <summary>Why a block is invalid (CONSENSUS.md §5.4), in the order the steps check them (golden README, <c>blocks</c>).</summary>
public enum BlockInvalidReason
{
    /// <summary>The block's slot is not after its parent's.</summary>
    SlotNotAfterParent,

    /// <summary>The header's body root is not the root of the body.</summary>
    BadBodyRoot,

    /// <summary>The proposer index is not the slot's proposer.</summary>
    WrongProposer,

    /// <summary>The proposer is slashed.</summary>
    ProposerSlashed,

    /// <summary>The parent root is not the parent state's latest block.</summary>
    ParentRootMismatch,

    /// <summary>The proposer's signature over the header does not verify.</summary>
    BadProposerSignature,

    /// <summary>The RANDAO reveal does not verify.</summary>
    BadRandaoReveal,

    /// <summary>The body holds more than MAX_PROPOSER_SLASHINGS proposer slashings.</summary>
    TooManyProposerSlashings,

    /// <summary>The body holds more than MAX_ATTESTER_SLASHINGS attester slashings.</summary>
    TooManyAttesterSlashings,

    /// <summary>The body holds more than MAX_ATTESTATIONS attestations.</summary>
    TooManyAttestations,

    /// <summary>The body holds more than 2 × TARGET_TXS transactions.</summary>
    TooManyTransactions,

    /// <summary>A proposer slashing is invalid.</summary>
    InvalidProposerSlashing,

    /// <summary>An attester slashing is invalid.</summary>
    InvalidAttesterSlashing,

    /// <summary>An attestation is invalid.</summary>
    InvalidAttestation,

    /// <summary>A transaction is invalid.</summary>
    InvalidTransaction,

    /// <summary>The state root is not the root of the post-state.</summary>
    StateRootMismatch,
}

/// <summary>Descriptions of <see cref="BlockInvalidReason"/> values, for logs.</summary>
public static class BlockInvalidReasonExtensions
{
    /// <summary>The rule the reason names, in words.</summary>
    public static string Describe(this BlockInvalidReason reason) => reason switch
    {
        BlockInvalidReason.SlotNotAfterParent => "the block's slot is not after its parent's",
        BlockInvalidReason.BadBodyRoot => "the header's body root is not the root of the body",
        BlockInvalidReason.WrongProposer => "the proposer index is not the slot's proposer",
        BlockInvalidReason.ProposerSlashed => "the proposer is slashed",
        BlockInvalidReason.ParentRootMismatch => "the parent root is not the parent state's latest block",
        BlockInvalidReason.BadProposerSignature => "the proposer's signature over the header does not verify",
        BlockInvalidReason.BadRandaoReveal => "the RANDAO reveal does not verify",
        BlockInvalidReason.TooManyProposerSlashings => "the body holds more than MAX_PROPOSER_SLASHINGS proposer slashings",
        BlockInvalidReason.TooManyAttesterSlashings => "the body holds more than MAX_ATTESTER_SLASHINGS attester slashings",
        BlockInvalidReason.TooManyAttestations => "the body holds more than MAX_ATTESTATIONS attestations",
        BlockInvalidReason.TooManyTransactions => "the body holds more than 2 × TARGET_TXS transactions",
        BlockInvalidReason.InvalidProposerSlashing => "a proposer slashing is invalid",
        BlockInvalidReason.InvalidAttesterSlashing => "an attester slashing is invalid",
        BlockInvalidReason.InvalidAttestation => "an attestation is invalid",
        BlockInvalidReason.InvalidTransaction => "a transaction is invalid",
        BlockInvalidReason.StateRootMismatch => "the state root is not the root of the post-state",
        _ => reason.ToString(),
    };
}

/// <summary>A block's rejection: the rule it broke and the values involved, e.g. "proposer 3, expected 7".</summary>
public sealed record BlockRejection(BlockInvalidReason Reason, string Detail)
{
    /// <summary>
    /// For a block refused because one of its operations is invalid, that operation's own reason: a
    /// <see cref="Slashing.SlashingInvalidReason"/>, <see cref="AttestationInvalidReason"/> or
    /// <see cref="Transactions.TxInvalidReason"/>; null for a rule of the block itself.
    /// </summary>
    public Enum? Cause { get; init; }

    /// <summary>"reason description: detail", for logs.</summary>
    public string Describe() => Detail.Length == 0 ? Reason.Describe() : $"{Reason.Describe()}: {Detail}";
}
