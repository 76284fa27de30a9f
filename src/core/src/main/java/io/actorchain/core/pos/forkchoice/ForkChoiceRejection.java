package io.actorchain.core.pos.forkchoice;

import java.util.Objects;

/** A block or attestation the fork-choice store refused: the rule it broke and the values involved. */
public record ForkChoiceRejection(ForkChoiceInvalidReason reason, String detail) {
  public ForkChoiceRejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  /** "reason description: detail", for logs. */
  public String describe() {
    return detail.isEmpty() ? reason.describe() : reason.describe() + ": " + detail;
  }

  @Override
  public String toString() {
    return reason.name() + " (" + detail + ")";
  }
}
