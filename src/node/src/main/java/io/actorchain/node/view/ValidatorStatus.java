package io.actorchain.node.view;

import io.actorchain.core.pos.model.Validator;
import java.util.Locale;

/**
 * A validator's standing as the live view and {@code GET /api/validators} show it, read from its registry entry
 * (CONSENSUS.md §5.3) at an epoch: Ethereum's beacon-API statuses, coarsened to five.
 */
public enum ValidatorStatus {
  /** Not yet active: activation lies in the future (or is not scheduled). */
  PENDING,
  ACTIVE,
  /** Past its exit epoch, without having been slashed. */
  EXITED,
  /** Exited, without having been slashed, because its effective balance fell to EJECTION_BALANCE (§5.5). */
  EJECTED,
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

  /** As {@link #of(Validator, long)}, telling an ejection (effective balance ≤ {@code ejectionBalance}) from an exit. */
  public static ValidatorStatus of(Validator v, long epoch, long ejectionBalance) {
    ValidatorStatus s = of(v, epoch);
    return s == EXITED && v.effectiveBalance() <= ejectionBalance ? EJECTED : s;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
