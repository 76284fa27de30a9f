package io.actorchain.node.view;

import io.actorchain.core.pos.model.Validator;
import java.util.Locale;

/**
 * A validator's standing as the live view shows it, read from its registry entry (CONSENSUS.md §5.3) at an epoch:
 * Ethereum's beacon-API statuses, coarsened to four.
 */
public enum ValidatorStatus {
  /** Not yet active: activation lies in the future (or is not scheduled). */
  PENDING,
  ACTIVE,
  /** Past its exit epoch, without having been slashed. */
  EXITED,
  SLASHED;

  public static ValidatorStatus of(Validator v, long epoch) {
    if (v.slashed()) {
      return SLASHED;
    }
    if (v.isActive(epoch)) {
      return ACTIVE;
    }
    return Long.compareUnsigned(epoch, v.activationEpoch()) < 0 ? PENDING : EXITED;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
