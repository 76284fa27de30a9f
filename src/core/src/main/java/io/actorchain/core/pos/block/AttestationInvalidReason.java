package io.actorchain.core.pos.block;

/** Why an attestation is invalid, in a block (CONSENSUS.md §5.4 step 5) or on gossip. */
public enum AttestationInvalidReason {
  FUTURE_TARGET("the target epoch is after the current epoch"),
  TARGET_EPOCH_TOO_OLD("the target epoch is before the previous epoch"),
  FUTURE_SLOT("the attestation's slot is after the current slot"),
  TARGET_EPOCH_NOT_SLOT_EPOCH("the target epoch is not the epoch of the attestation's slot"),
  OUTSIDE_INCLUSION_WINDOW("the block's slot is not in data.slot + 1 .. data.slot + SLOTS_PER_EPOCH"),
  BAD_COMMITTEE_INDEX("the committee index is not below the number of committees per slot"),
  UNKNOWN_VALIDATOR("no validator in the registry has this index"),
  NOT_IN_COMMITTEE("the validator is not in the committee it names"),
  WRONG_SOURCE("the source is not the justified checkpoint for the target's epoch"),
  BAD_SIGNATURE("the signature does not verify under domain ATTESTER");

  private final String description;

  AttestationInvalidReason(String description) {
    this.description = description;
  }

  public String describe() {
    return description;
  }
}
