package io.actorchain.core.pow;

import io.actorchain.core.codec.Hash32;
import java.math.BigInteger;
import java.util.function.LongUnaryOperator;

/** The difficulty retarget (CONSENSUS.md §3). */
public final class Retarget {
  private Retarget() {}

  /**
   * The target of the child of {@code parent}, at height {@code h = parent.height + 1}. If {@code h > 0} and
   * {@code h % RETARGET_INTERVAL == 0}:
   * {@code newTarget = oldTarget × actualSpan // (RETARGET_INTERVAL × BLOCK_TIME)}, at most {@code POW_LIMIT} and at
   * least 1, with {@code actualSpan} clamped to {@code [expected // 4, expected × 4]}. Otherwise the parent's target.
   *
   * <p>The span: {@code actualSpan = parent.timestamp − timestamp(max(0, h − RETARGET_INTERVAL − 1))}, the time the
   * last {@code RETARGET_INTERVAL} blocks (all mined at {@code oldTarget}) took to mine, so a window on schedule keeps
   * the target. Bitcoin's {@code h − RETARGET_INTERVAL} would measure one interval fewer and bias block times by
   * {@code 1/RETARGET_INTERVAL}. The first window has only {@code RETARGET_INTERVAL − 1} mined blocks after genesis,
   * so its anchor is genesis itself.
   *
   * @param timestampAtHeight the timestamp of the ancestor of {@code parent} (or {@code parent} itself) at a height
   */
  public static Hash32 nextTarget(PowParams p, PowHeader parent, LongUnaryOperator timestampAtHeight) {
    long height = parent.height() + 1;
    if (height % p.retargetInterval() != 0) {
      return parent.target();
    }
    long anchorHeight = Math.max(0, height - p.retargetInterval() - 1);
    long actualSpan = parent.timestamp() - timestampAtHeight.applyAsLong(anchorHeight);
    return retarget(p, parent.target(), actualSpan);
  }

  /** {@code oldTarget × clamp(actualSpan) // expected}, within [1, POW_LIMIT]. */
  public static Hash32 retarget(PowParams p, Hash32 oldTarget, long actualSpan) {
    long expected = p.expectedSpanMillis();
    long clamped = Math.max(expected / 4, Math.min(Math.multiplyExact(expected, 4L), actualSpan));
    BigInteger scaled = oldTarget.toUnsignedBigInteger()
        .multiply(BigInteger.valueOf(clamped))
        .divide(BigInteger.valueOf(expected));
    return Targets.clamp(scaled, p.powLimit());
  }
}
