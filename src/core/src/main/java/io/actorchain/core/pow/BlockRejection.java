package io.actorchain.core.pow;

import java.util.Objects;

/** A block's rejection: the rule it broke and the values involved. */
public record BlockRejection(PowInvalidReason reason, String detail) {
  public BlockRejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  /** "reason description: detail", for logs. */
  public String describe() {
    return detail.isEmpty() ? reason.describe() : reason.describe() + ": " + detail;
  }
}
