package io.actorchain.core.pow;

import java.util.Arrays;

/** The median of the last blocks' timestamps (CONSENSUS.md §3): a child's timestamp must be greater than it. */
public final class MedianTimePast {
  private MedianTimePast() {}

  /**
   * The median of {@code timestamps} (at most {@code medianTimeSpan} of them, fewer near genesis): the middle value
   * once sorted, or for an even count the upper of the two middle values, as Bitcoin.
   */
  public static long of(long[] timestamps) {
    if (timestamps.length == 0) {
      throw new IllegalArgumentException("the median of no timestamps");
    }
    long[] sorted = timestamps.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
