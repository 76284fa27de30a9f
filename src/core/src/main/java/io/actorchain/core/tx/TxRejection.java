package io.actorchain.core.tx;

import java.util.Objects;

/** A transaction's rejection: the rule it broke and the values involved, e.g. "nonce 3, account nonce 5". */
public record TxRejection(TxInvalidReason reason, String detail) {
  public TxRejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  /** "reason description: detail", for logs and for the mempool's answer. */
  public String describe() {
    return detail.isEmpty() ? reason.describe() : reason.describe() + ": " + detail;
  }
}
