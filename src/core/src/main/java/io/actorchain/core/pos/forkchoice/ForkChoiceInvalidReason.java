package io.actorchain.core.pos.forkchoice;

/** Why the fork-choice store refuses a block or an attestation (CONSENSUS.md §5.6). */
public enum ForkChoiceInvalidReason {
  UNKNOWN_PARENT("the parent block is not known"),
  FUTURE_SLOT("the block's slot is after the current slot"),
  NOT_AFTER_FINALIZED("the block's slot is not after the finalized checkpoint's start slot"),
  NOT_DESCENDANT_OF_FINALIZED("the block does not descend from the finalized root"),
  FUTURE_TARGET("the target epoch is after the current epoch by the clock"),
  TARGET_EPOCH_TOO_OLD("the target epoch is before the previous epoch by the clock"),
  TARGET_EPOCH_NOT_SLOT_EPOCH("the target epoch is not the epoch of the attestation's slot"),
  UNKNOWN_TARGET_BLOCK("the target block is not known"),
  UNKNOWN_HEAD_BLOCK("the head block is not known"),
  HEAD_AFTER_ATTESTATION_SLOT("the head block's slot is after the attestation's slot"),
  TARGET_NOT_ANCESTOR_OF_HEAD("the target root is not the head's ancestor at the target's start slot"),
  UNKNOWN_VALIDATOR("no validator in the registry has this index");

  private final String description;

  ForkChoiceInvalidReason(String description) {
    this.description = description;
  }

  public String describe() {
    return description;
  }
}
