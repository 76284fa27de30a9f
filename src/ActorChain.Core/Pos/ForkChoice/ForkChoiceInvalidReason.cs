namespace ActorChain.Core.Pos.ForkChoice;

/// <summary>Why the fork-choice store refuses a block or an attestation (CONSENSUS.md §5.6).</summary>
public enum ForkChoiceInvalidReason
{
    /// <summary>The parent block is not known (never imported, refused, or pruned by finality).</summary>
    UnknownParent,

    /// <summary>The block's slot is after the current slot, by more than the clock disparity allows.</summary>
    FutureSlot,

    /// <summary>The block's slot is not after the finalized checkpoint's start slot.</summary>
    NotAfterFinalized,

    /// <summary>The block does not descend from the finalized root.</summary>
    NotDescendantOfFinalized,

    /// <summary>The target epoch is after the current epoch by the clock.</summary>
    FutureTarget,

    /// <summary>The target epoch is before the previous epoch by the clock.</summary>
    TargetEpochTooOld,

    /// <summary>The target epoch is not the epoch of the attestation's slot.</summary>
    TargetEpochNotSlotEpoch,

    /// <summary>The target block is not known.</summary>
    UnknownTargetBlock,

    /// <summary>The head block is not known.</summary>
    UnknownHeadBlock,

    /// <summary>The head block's slot is after the attestation's slot.</summary>
    HeadAfterAttestationSlot,

    /// <summary>The target root is not the head's ancestor at the target's start slot.</summary>
    TargetNotAncestorOfHead,

    /// <summary>No validator in the head block's registry has this index.</summary>
    UnknownValidator,
}
