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
   * <p>The span: {@code actualSpan = parent.timestamp − timestamp(anchor)} with
   * {@code anchor = max(1, h − RETARGET_INTERVAL − 1)}: the time the last {@code RETARGET_INTERVAL} block gaps took
   * (all mined at {@code oldTarget}), so a window on schedule keeps the target. Bitcoin's {@code h − RETARGET_INTERVAL}
   * would measure one gap fewer and bias block times by {@code 1/RETARGET_INTERVAL}. The genesis timestamp is a
   * configured constant, not a mining time, so the first window starts at height 1 and its expected span is scaled
   * to the gaps it actually measures ({@code gaps × BLOCK_TIME}).
   *
   * @param timestampAtHeight the timestamp of the ancestor of {@code parent} (or {@code parent} itself) at a height
   */
  public static Hash32 nextTarget(PowParams p, PowHeader parent, LongUnaryOperator timestampAtHeight) {
    long height = parent.height() + 1;
    if (height % p.retargetInterval() != 0) {
      return parent.target();
    }
    long anchorHeight = Math.max(1, height - p.retargetInterval() - 1);
    long gaps = parent.height() - anchorHeight;
    if (gaps < 1) {
      return parent.target();
    }
    long actualSpan = parent.timestamp() - timestampAtHeight.applyAsLong(anchorHeight);
    return retarget(p, parent.target(), actualSpan, Math.multiplyExact(gaps, p.blockTimeMillis()));
  }

  /** {@code oldTarget × clamp(actualSpan) // expected} for a full window, within [1, POW_LIMIT]. */
  public static Hash32 retarget(PowParams p, Hash32 oldTarget, long actualSpan) {
    return retarget(p, oldTarget, actualSpan, p.expectedSpanMillis());
  }

  /** {@code oldTarget × clamp(actualSpan) // expected}, within [1, POW_LIMIT]; the clamp is [expected/4, expected×4]. */
  public static Hash32 retarget(PowParams p, Hash32 oldTarget, long actualSpan, long expected) {
    long clamped = Math.max(expected / 4, Math.min(Math.multiplyExact(expected, 4L), actualSpan));
    BigInteger scaled = oldTarget.toUnsignedBigInteger()
        .multiply(BigInteger.valueOf(clamped))
        .divide(BigInteger.valueOf(expected));
    return Targets.clamp(scaled, p.powLimit());
  }
}
