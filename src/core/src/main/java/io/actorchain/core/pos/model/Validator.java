package io.actorchain.core.pos.model;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.crypto.PubKey;

/**
 * A registry entry (CONSENSUS.md §5.3). Epochs are unsigned; {@code FAR_FUTURE_EPOCH} is 2^64 − 1 (−1 as a long),
 * so compare with {@link Long#compareUnsigned}.
 */
public record Validator(PubKey pubkey, long effectiveBalance, boolean slashed, long activationEligibilityEpoch,
    long activationEpoch, long exitEpoch, long withdrawableEpoch) implements Canonical {

  /** {@code activationEpoch ≤ epoch < exitEpoch}, unsigned. */
  public boolean isActive(long epoch) {
    return Long.compareUnsigned(activationEpoch, epoch) <= 0 && Long.compareUnsigned(epoch, exitEpoch) < 0;
  }

  /** Not slashed, and {@code activationEpoch ≤ epoch < withdrawableEpoch}. */
  public boolean isSlashable(long epoch) {
    return !slashed && Long.compareUnsigned(activationEpoch, epoch) <= 0
        && Long.compareUnsigned(epoch, withdrawableEpoch) < 0;
  }

  public Validator withEffectiveBalance(long v) {
    return new Validator(pubkey, v, slashed, activationEligibilityEpoch, activationEpoch, exitEpoch, withdrawableEpoch);
  }

  public Validator withSlashed(boolean v) {
    return new Validator(pubkey, effectiveBalance, v, activationEligibilityEpoch, activationEpoch, exitEpoch, withdrawableEpoch);
  }

  public Validator withActivationEligibilityEpoch(long v) {
    return new Validator(pubkey, effectiveBalance, slashed, v, activationEpoch, exitEpoch, withdrawableEpoch);
  }

  public Validator withActivationEpoch(long v) {
    return new Validator(pubkey, effectiveBalance, slashed, activationEligibilityEpoch, v, exitEpoch, withdrawableEpoch);
  }

  public Validator withExitEpoch(long v) {
    return new Validator(pubkey, effectiveBalance, slashed, activationEligibilityEpoch, activationEpoch, v, withdrawableEpoch);
  }

  public Validator withWithdrawableEpoch(long v) {
    return new Validator(pubkey, effectiveBalance, slashed, activationEligibilityEpoch, activationEpoch, exitEpoch, v);
  }

  @Override
  public void writeTo(CanonicalWriter w) {
    pubkey.writeTo(w);
    w.u64le(effectiveBalance).bool(slashed).u64le(activationEligibilityEpoch).u64le(activationEpoch)
        .u64le(exitEpoch).u64le(withdrawableEpoch);
  }

  public static Validator read(CanonicalReader r) {
    return new Validator(PubKey.read(r), r.u64le(), r.bool(), r.u64le(), r.u64le(), r.u64le(), r.u64le());
  }
}
