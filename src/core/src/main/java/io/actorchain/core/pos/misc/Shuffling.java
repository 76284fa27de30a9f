package io.actorchain.core.pos.misc;

import io.actorchain.core.codec.Hash32;

/** The swap-or-not shuffle (CONSENSUS.md §5.1), exactly as Ethereum's {@code compute_shuffled_index}. */
public final class Shuffling {
  private Shuffling() {}

  /**
   * {@code compute_shuffled_index(index, indexCount, seed)} with {@code rounds} = SHUFFLE_ROUND_COUNT.
   *
   * @throws IllegalArgumentException unless {@code 0 ≤ index < indexCount} and {@code 0 ≤ rounds ≤ 256}
   */
  public static long computeShuffledIndex(long index, long indexCount, Hash32 seed, long rounds) {
    return new SwapOrNot(seed, indexCount, rounds).shuffledIndex(index);
  }

  /**
   * The whole permutation at once: {@code out[i] = input[computeShuffledIndex(i, n, seed, rounds)]}, which is how
   * committees read the active list. Runs the rounds in reverse over the array, swapping each pair once, with
   * {@code rounds × (1 + ⌈n / 256⌉)} hashes in all instead of {@code 2 × rounds} per index.
   */
  public static int[] shuffleList(int[] input, Hash32 seed, long rounds) {
    int n = input.length;
    int[] out = input.clone();
    if (n == 0) {
      return out;
    }
    SwapOrNot.validate(n, rounds);
    byte[] buf = new byte[Hash32.WIDTH + 1 + 4];
    System.arraycopy(seed.toArray(), 0, buf, 0, Hash32.WIDTH);
    Hash32[] sources = new Hash32[(n + 255) / 256];
    for (int r = (int) rounds - 1; r >= 0; r--) {
      long pivot = SwapOrNot.pivot(buf, r, n);
      for (int b = 0; b < sources.length; b++) {
        sources[b] = SwapOrNot.source(buf, r, b);
      }
      for (int i = 0; i < n; i++) {
        int flip = (int) SwapOrNot.flip(pivot, i, n);
        if (flip > i && SwapOrNot.bit(sources[flip / 256], flip)) {
          int t = out[i];
          out[i] = out[flip];
          out[flip] = t;
        }
      }
    }
    return out;
  }
}
