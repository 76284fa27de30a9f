namespace ActorChain.Core.Pos.Block;

/// <summary>Why an attestation is invalid, in a block (CONSENSUS.md §5.4 step 5) or on gossip.</summary>
public enum AttestationInvalidReason
{
    /// <summary>The target epoch is after the current epoch.</summary>
    FutureTarget,

    /// <summary>The target epoch is before the previous epoch.</summary>
    TargetEpochTooOld,

    /// <summary>The attestation's slot is after the current slot.</summary>
    FutureSlot,

    /// <summary>The target epoch is not the epoch of the attestation's slot.</summary>
    TargetEpochNotSlotEpoch,

    /// <summary>The block's slot is not in <c>data.slot + 1 .. data.slot + SLOTS_PER_EPOCH</c>.</summary>
    OutsideInclusionWindow,

    /// <summary>The committee index is not below the number of committees per slot.</summary>
    BadCommitteeIndex,

    /// <summary>No validator in the registry has this index.</summary>
    UnknownValidator,

    /// <summary>The validator is not in the committee it names.</summary>
    NotInCommittee,

    /// <summary>The source is not the justified checkpoint for the target's epoch.</summary>
    WrongSource,

    /// <summary>The signature does not verify under domain ATTESTER.</summary>
    BadSignature,
}

/// <summary>Descriptions and properties of <see cref="AttestationInvalidReason"/> values.</summary>
public static class AttestationInvalidReasonExtensions
{
    /// <summary>The rule the reason names, in words.</summary>
    public static string Describe(this AttestationInvalidReason reason) => reason switch
    {
        AttestationInvalidReason.FutureTarget => "the target epoch is after the current epoch",
        AttestationInvalidReason.TargetEpochTooOld => "the target epoch is before the previous epoch",
        AttestationInvalidReason.FutureSlot => "the attestation's slot is after the current slot",
        AttestationInvalidReason.TargetEpochNotSlotEpoch => "the target epoch is not the epoch of the attestation's slot",
        AttestationInvalidReason.OutsideInclusionWindow =>
            "the block's slot is not in data.slot + 1 .. data.slot + SLOTS_PER_EPOCH",
        AttestationInvalidReason.BadCommitteeIndex => "the committee index is not below the number of committees per slot",
        AttestationInvalidReason.UnknownValidator => "no validator in the registry has this index",
        AttestationInvalidReason.NotInCommittee => "the validator is not in the committee it names",
        AttestationInvalidReason.WrongSource => "the source is not the justified checkpoint for the target's epoch",
        AttestationInvalidReason.BadSignature => "the signature does not verify under domain ATTESTER",
        _ => reason.ToString(),
    };

    /// <summary>
    /// Whether a vote <see cref="AttestationRules.ValidateForGossip"/> refused for this reason may still be slashing
    /// evidence (CONSENSUS.md §6): the reason is decided after the clock checks (the vote is not from the future, which
    /// the slasher must not see) and before the signature check (a vote whose signature then verifies was signed by
    /// its validator). A surround vote is refused for its source, yet it is signed evidence. False for a vote from the
    /// future, an index with no validator (no key to check), a bad signature, and the block-only inclusion window.
    /// </summary>
    public static bool RefusedVoteMayBeEvidence(this AttestationInvalidReason reason) => reason switch
    {
        AttestationInvalidReason.TargetEpochTooOld => true,
        AttestationInvalidReason.TargetEpochNotSlotEpoch => true,
        AttestationInvalidReason.BadCommitteeIndex => true,
        AttestationInvalidReason.NotInCommittee => true,
        AttestationInvalidReason.WrongSource => true,
        _ => false,
    };
}

/// <summary>An attestation's rejection: the rule it broke and the values involved.</summary>
public sealed record AttestationRejection(AttestationInvalidReason Reason, string Detail)
{
    /// <summary>"reason description: detail", for logs.</summary>
    public string Describe() => Detail.Length == 0 ? Reason.Describe() : $"{Reason.Describe()}: {Detail}";
}
