package io.actorchain.core.pos.model;

import io.actorchain.core.pos.ConsensusConfig;
import java.util.Locale;

/**
 * A validator's standing, read from its registry entry (CONSENSUS.md §5.3) at an epoch: Ethereum's beacon-API
 * statuses, coarsened to five. The live view and {@code GET /api/validators} show its {@link #label()}.
 */
public enum ValidatorStatus {
  /** Not yet active: activation lies in the future (or is not scheduled). */
  PENDING,
  /** {@code activationEpoch ≤ epoch < exitEpoch}, not slashed. */
  ACTIVE,
  /** At or past its exit epoch, without having been slashed. */
  EXITED,
  /** Exited, without having been slashed, with an effective balance at or below EJECTION_BALANCE (§5.5). */
  EJECTED,
  /** Slashed, whatever its epochs. */
  SLASHED;

  /** The status at {@code epoch}, telling no ejection from an exit (the live view's four statuses). */
  public static ValidatorStatus of(Validator v, long epoch) {
    if (v.slashed()) {
      return SLASHED;
    }
    if (v.isActive(epoch)) {
      return ACTIVE;
    }
    return Long.compareUnsigned(epoch, v.activationEpoch()) < 0 ? PENDING : EXITED;
  }

  /**
   * As {@link #of(Validator, long)}, telling an ejection from an exit. "Ejected" is inferred: exited, not slashed, and
   * an effective balance at or below EJECTION_BALANCE. The registry does not record why a validator exited (nor does
   * Ethereum's), so a voluntary exit whose effective balance had fallen that low also reads as ejected.
   */
  public static ValidatorStatus of(Validator v, long epoch, ConsensusConfig c) {
    ValidatorStatus s = of(v, epoch);
    return s == EXITED && v.effectiveBalance() <= c.ejectionBalance() ? EJECTED : s;
  }

  /** The name in lower case, as the API and the live view print it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
