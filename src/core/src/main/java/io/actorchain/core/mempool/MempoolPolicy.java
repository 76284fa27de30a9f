package io.actorchain.core.mempool;

/**
 * Mempool limits.
 *
 * @param capacity the most transactions the pool holds
 * @param maxPerSender how far ahead of its account nonce a sender's transactions may be (so also the most a sender
 *     can have pending)
 * @param replaceBumpPercent how much higher, in percent, both the tip and maxFee of a replacement (same sender and
 *     nonce) must be
 */
public record MempoolPolicy(int capacity, int maxPerSender, int replaceBumpPercent) {
  public MempoolPolicy {
    if (capacity < 1 || maxPerSender < 1 || replaceBumpPercent < 0) {
      throw new IllegalArgumentException("mempool capacity " + capacity + " and maxPerSender " + maxPerSender
          + " must be ≥ 1, replaceBumpPercent " + replaceBumpPercent + " must be ≥ 0");
    }
  }

  public static MempoolPolicy defaults() {
    return new MempoolPolicy(10_000, 64, 10);
  }
}
