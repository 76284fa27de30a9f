package io.actorchain.core.pos.block;

/** Why an attestation is invalid, in a block (CONSENSUS.md §5.4 step 5) or on gossip. */
public enum AttestationInvalidReason {
  FUTURE_TARGET("the target epoch is after the current epoch", false),
  TARGET_EPOCH_TOO_OLD("the target epoch is before the previous epoch", true),
  FUTURE_SLOT("the attestation's slot is after the current slot", false),
  TARGET_EPOCH_NOT_SLOT_EPOCH("the target epoch is not the epoch of the attestation's slot", true),
  OUTSIDE_INCLUSION_WINDOW("the block's slot is not in data.slot + 1 .. data.slot + SLOTS_PER_EPOCH", false),
  BAD_COMMITTEE_INDEX("the committee index is not below the number of committees per slot", true),
  UNKNOWN_VALIDATOR("no validator in the registry has this index", false),
  NOT_IN_COMMITTEE("the validator is not in the committee it names", true),
  WRONG_SOURCE("the source is not the justified checkpoint for the target's epoch", true),
  BAD_SIGNATURE("the signature does not verify under domain ATTESTER", false);

  private final String description;
  private final boolean refusedVoteMayBeEvidence;

  AttestationInvalidReason(String description, boolean refusedVoteMayBeEvidence) {
    this.description = description;
    this.refusedVoteMayBeEvidence = refusedVoteMayBeEvidence;
  }

  public String describe() {
    return description;
  }

  /**
   * Whether a vote {@link AttestationRules#validateForGossip} refused for this reason may still be slashing evidence
   * (CONSENSUS.md §6): the reason is decided after the clock checks (so the vote is not from the future, which the
   * slasher must not see) and before the signature check (so the signature is still unknown, and a vote whose
   * signature then verifies was signed by its validator). A surround vote is refused for its source, yet it is signed
   * evidence. False for a vote from the future, for an index with no validator (no key to check), for a bad
   * signature, and for the block-only inclusion window. AttestationInvalidReasonTest ties this to the order of checks.
   */
  public boolean refusedVoteMayBeEvidence() {
    return refusedVoteMayBeEvidence;
  }
}
