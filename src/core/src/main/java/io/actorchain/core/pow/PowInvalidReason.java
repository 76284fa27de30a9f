package io.actorchain.core.pow;

/** Why a proof-of-work block is invalid (CONSENSUS.md §3). */
public enum PowInvalidReason {
  UNKNOWN_PARENT("the parent block is not known"),
  INVALID_PARENT("the parent block is invalid"),
  WRONG_PARENT("the parent hash is not the hash of the block it is checked against"),
  WRONG_HEIGHT("the height is not the parent's height + 1"),
  TIMESTAMP_NOT_AFTER_MEDIAN("the timestamp is not greater than the median of the last blocks"),
  TIMESTAMP_TOO_FAR_IN_FUTURE("the timestamp is too far ahead of the local clock"),
  WRONG_TARGET("the target is not the one the retarget rule gives"),
  INSUFFICIENT_WORK("the proof-of-work hash is above the target"),
  BAD_TX_ROOT("the transaction root does not match the coinbase and transactions"),
  TOO_MANY_TRANSACTIONS("the block holds more than 2 × TARGET_TXS transactions"),
  INVALID_TRANSACTION("a transaction is not valid in order"),
  WRONG_COINBASE("the coinbase is not exactly the block reward plus the tips");

  private final String description;

  PowInvalidReason(String description) {
    this.description = description;
  }

  public String describe() {
    return description;
  }
}
