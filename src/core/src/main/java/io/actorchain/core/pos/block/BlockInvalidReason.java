package io.actorchain.core.pos.block;

/** Why a block is invalid (CONSENSUS.md §5.4), in the order the steps check them. */
public enum BlockInvalidReason {
  SLOT_NOT_AFTER_PARENT("the block's slot is not after its parent's"),
  BAD_BODY_ROOT("the header's body root is not the root of the body"),
  WRONG_PROPOSER("the proposer index is not the slot's proposer"),
  PROPOSER_SLASHED("the proposer is slashed"),
  PARENT_ROOT_MISMATCH("the parent root is not the parent state's latest block"),
  BAD_PROPOSER_SIGNATURE("the proposer's signature over the header does not verify"),
  BAD_RANDAO_REVEAL("the RANDAO reveal does not verify"),
  TOO_MANY_PROPOSER_SLASHINGS("the body holds more than MAX_PROPOSER_SLASHINGS proposer slashings"),
  TOO_MANY_ATTESTER_SLASHINGS("the body holds more than MAX_ATTESTER_SLASHINGS attester slashings"),
  TOO_MANY_ATTESTATIONS("the body holds more than MAX_ATTESTATIONS attestations"),
  TOO_MANY_TRANSACTIONS("the body holds more than 2 × TARGET_TXS transactions"),
  INVALID_PROPOSER_SLASHING("a proposer slashing is invalid"),
  INVALID_ATTESTER_SLASHING("an attester slashing is invalid"),
  INVALID_ATTESTATION("an attestation is invalid"),
  INVALID_TRANSACTION("a transaction is invalid"),
  STATE_ROOT_MISMATCH("the state root is not the root of the post-state");

  private final String description;

  BlockInvalidReason(String description) {
    this.description = description;
  }

  public String describe() {
    return description;
  }
}
