package io.actorchain.core.pos.slashing;

/** Why slashing evidence is invalid (CONSENSUS.md §5.2, §5.4 step 4). */
public enum SlashingInvalidReason {
  SLOT_MISMATCH("the two headers are for different slots"),
  PROPOSER_MISMATCH("the two headers name different proposers"),
  SAME_HEADER("the two headers have the same root"),
  VALIDATOR_MISMATCH("the two attestations are by different validators"),
  NOT_SLASHABLE_DATA("the attestation data is neither a double vote nor a surround vote, in either order"),
  UNKNOWN_VALIDATOR("no validator in the registry has this index"),
  VALIDATOR_NOT_SLASHABLE("the validator is already slashed, not yet active or already withdrawable"),
  BAD_SIGNATURE("a signature does not verify");

  private final String description;

  SlashingInvalidReason(String description) {
    this.description = description;
  }

  public String describe() {
    return description;
  }
}
