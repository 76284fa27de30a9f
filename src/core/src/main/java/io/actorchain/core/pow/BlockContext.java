package io.actorchain.core.pow;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.state.LedgerState;
import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * Everything needed to build or check a child of {@code parent}: its height, the target the retarget rule gives
 * it, the median time past its timestamp must exceed, and the parent's post-state.
 */
public record BlockContext(PowHeader parent, long height, Hash32 target, long medianTimePast, LedgerState state) {
  public BlockContext {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(state, "state");
  }

  /**
   * The context of a child of {@code parent}.
   *
   * @param timestampAtHeight the timestamp of {@code parent}'s ancestor (or itself) at a height ≤ parent's height
   */
  public static BlockContext childOf(
      PowParams p, PowHeader parent, LongUnaryOperator timestampAtHeight, LedgerState parentState) {
    long first = Math.max(0, parent.height() - p.medianTimeSpan() + 1);
    long[] timestamps = new long[Math.toIntExact(parent.height() - first + 1)];
    for (int i = 0; i < timestamps.length; i++) {
      long h = first + i;
      timestamps[i] = h == parent.height() ? parent.timestamp() : timestampAtHeight.applyAsLong(h);
    }
    return new BlockContext(parent, parent.height() + 1, Retarget.nextTarget(p, parent, timestampAtHeight),
        MedianTimePast.of(timestamps), parentState);
  }

  /** The parent's hash, which the child names. */
  public Hash32 parentHash() {
    return parent.powHash();
  }
}
