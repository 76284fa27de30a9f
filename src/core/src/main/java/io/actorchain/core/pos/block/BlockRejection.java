package io.actorchain.core.pos.block;

import java.util.Objects;

/** A block's rejection: the rule it broke and the values involved, e.g. "proposer 3, expected 7". */
public record BlockRejection(BlockInvalidReason reason, String detail) {
  public BlockRejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  /** "reason description: detail", for logs. */
  public String describe() {
    return detail.isEmpty() ? reason.describe() : reason.describe() + ": " + detail;
  }
}
