package io.actorchain.core.pos.block;

import java.util.Objects;

/** An attestation's rejection: the rule it broke and the values involved. */
public record AttestationRejection(AttestationInvalidReason reason, String detail) {
  public AttestationRejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  /** "reason description: detail", for logs. */
  public String describe() {
    return detail.isEmpty() ? reason.describe() : reason.describe() + ": " + detail;
  }
}
