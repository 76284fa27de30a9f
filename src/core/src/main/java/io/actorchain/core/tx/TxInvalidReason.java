package io.actorchain.core.tx;

/** Why a transaction is invalid (CONSENSUS.md §2). */
public enum TxInvalidReason {
  BAD_SIGNATURE("the signature does not verify under domain TX"),
  WRONG_NONCE("the nonce is not the sender account's nonce"),
  INSUFFICIENT_BALANCE("the sender's balance is below amount + maxFee"),
  MAX_FEE_BELOW_BASE_FEE("maxFee is below the base fee"),
  NON_POSITIVE_AMOUNT("the amount is not positive"),
  NEGATIVE_TIP("the tip is negative"),
  BALANCE_OVERFLOW("the recipient's balance or the validator's stake would overflow"),
  UNKNOWN_VALIDATOR("no validator in the registry has this index"),
  EXIT_ALREADY_REQUESTED("the validator has already requested its exit");

  private final String description;

  TxInvalidReason(String description) {
    this.description = description;
  }

  public String describe() {
    return description;
  }
}
