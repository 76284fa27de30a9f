package io.actorchain.core.mempool;

import java.util.Objects;

/** Why the mempool turned a transaction away, with the values involved. */
public record MempoolRejection(Kind kind, String detail) {
  public enum Kind {
    INVALID("the transaction is invalid against the head state"),
    DUPLICATE("the transaction, or an exit of the same validator, is already pending"),
    NONCE_TOO_LOW("the nonce is below the sender's account nonce"),
    NONCE_GAP("the nonce is too far ahead of the sender's account nonce"),
    POOL_FULL("the pool is full and pending transactions pay at least as much"),
    REPLACEMENT_UNDERPRICED("a replacement must raise both the tip and maxFee by the replacement bump");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    public String describe() {
      return description;
    }
  }

  public MempoolRejection {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  public String describe() {
    return kind.describe() + ": " + detail;
  }
}
