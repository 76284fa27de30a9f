namespace ActorChain.Core.Pos.ForkChoice;

/// <summary>A block or attestation the fork-choice store refused: the rule it broke and the values involved (for logs).</summary>
public sealed record ForkChoiceRejection(ForkChoiceInvalidReason Reason, string Detail)
{
    /// <summary>"rule in words: detail", for logs.</summary>
    public string Describe() => Detail.Length == 0 ? Reason.Describe() : $"{Reason.Describe()}: {Detail}";

    /// <summary>The reason's name and the detail.</summary>
    public override string ToString() => $"{Reason} ({Detail})";
}

/// <summary>Descriptions of <see cref="ForkChoiceInvalidReason"/> values.</summary>
public static class ForkChoiceInvalidReasonExtensions
{
    /// <summary>The rule the reason names, in words.</summary>
    public static string Describe(this ForkChoiceInvalidReason reason) => reason switch
    {
        ForkChoiceInvalidReason.UnknownParent => "the parent block is not known",
        ForkChoiceInvalidReason.FutureSlot => "the block's slot is after the current slot",
        ForkChoiceInvalidReason.NotAfterFinalized => "the block's slot is not after the finalized checkpoint's start slot",
        ForkChoiceInvalidReason.NotDescendantOfFinalized => "the block does not descend from the finalized root",
        ForkChoiceInvalidReason.FutureTarget => "the target epoch is after the current epoch by the clock",
        ForkChoiceInvalidReason.TargetEpochTooOld => "the target epoch is before the previous epoch by the clock",
        ForkChoiceInvalidReason.TargetEpochNotSlotEpoch => "the target epoch is not the epoch of the attestation's slot",
        ForkChoiceInvalidReason.UnknownTargetBlock => "the target block is not known",
        ForkChoiceInvalidReason.UnknownHeadBlock => "the head block is not known",
        ForkChoiceInvalidReason.HeadAfterAttestationSlot => "the head block's slot is after the attestation's slot",
        ForkChoiceInvalidReason.TargetNotAncestorOfHead => "the target root is not the head's ancestor at the target's start slot",
        ForkChoiceInvalidReason.UnknownValidator => "no validator in the registry has this index",
        _ => reason.ToString(),
    };
}
