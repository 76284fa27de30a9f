namespace ActorChain.Core.Pos.Slashing;

/// <summary>Why slashing evidence is invalid (CONSENSUS.md §5.2, §5.4 step 4).</summary>
public enum SlashingInvalidReason
{
    /// <summary>The two headers are for different slots.</summary>
    SlotMismatch,

    /// <summary>The two headers name different proposers.</summary>
    ProposerMismatch,

    /// <summary>The two headers have the same root.</summary>
    SameHeader,

    /// <summary>The two attestations are by different validators.</summary>
    ValidatorMismatch,

    /// <summary>The attestation data is neither a double vote nor a surround vote, in either order.</summary>
    NotSlashableData,

    /// <summary>No validator in the registry has this index.</summary>
    UnknownValidator,

    /// <summary>The validator is already slashed, not yet active or already withdrawable.</summary>
    ValidatorNotSlashable,

    /// <summary>A signature does not verify.</summary>
    BadSignature,
}
