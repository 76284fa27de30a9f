package io.actorchain.core.pos.slashing;

import java.util.Objects;

/** Invalid slashing evidence: the rule it broke and the values involved. */
public record SlashingRejection(SlashingInvalidReason reason, String detail) {
  public SlashingRejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  /** "reason description: detail", for logs. */
  public String describe() {
    return detail.isEmpty() ? reason.describe() : reason.describe() + ": " + detail;
  }
}
