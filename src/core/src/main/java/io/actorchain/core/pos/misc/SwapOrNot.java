package io.actorchain.core.pos.misc;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import java.util.HashMap;
import java.util.Map;

/**
 * The swap-or-not permutation of one (seed, count, rounds), for looking up several indices: each round's pivot is
 * hashed once, and each {@code H(seed || u8(r) || u32le(pos // 256))} is hashed once and kept (lookups only, so the
 * map's order never matters). Not thread-safe; used inside one call.
 */
final class SwapOrNot {
  private final long count;
  private final int rounds;
  private final byte[] buf;
  private final long[] pivots;
  private final Map<Long, Hash32> sources = new HashMap<>();

  SwapOrNot(Hash32 seed, long count, long rounds) {
    validate(count, rounds);
    this.count = count;
    this.rounds = (int) rounds;
    this.buf = new byte[Hash32.WIDTH + 1 + 4];
    System.arraycopy(seed.toArray(), 0, buf, 0, Hash32.WIDTH);
    this.pivots = new long[this.rounds];
    for (int r = 0; r < this.rounds; r++) {
      pivots[r] = pivot(buf, r, count);
    }
  }

  /** A positive count of at most 2^40 (so {@code pos // 256} fits u32), and a round number that fits u8. */
  static void validate(long count, long rounds) {
    if (count <= 0 || count > (1L << 40)) {
      throw new IllegalArgumentException("index count must be in [1, 2^40], got " + count);
    }
    if (rounds < 0 || rounds > 256) {
      throw new IllegalArgumentException("SHUFFLE_ROUND_COUNT must be in [0, 256] (u8 round), got " + rounds);
    }
  }

  /** {@code compute_shuffled_index(index)} (CONSENSUS.md §5.1). */
  long shuffledIndex(long index) {
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("index " + index + " out of range [0, " + count + ")");
    }
    long i = index;
    for (int r = 0; r < rounds; r++) {
      long flip = flip(pivots[r], i, count);
      long pos = Math.max(i, flip);
      if (bit(source(r, pos / 256), pos)) {
        i = flip;
      }
    }
    return i;
  }

  private Hash32 source(int round, long block) {
    return sources.computeIfAbsent(block * 256 + round, k -> source(buf, round, block));
  }

  /** {@code bytesToU64(H(seed || u8(r))[0:8]) % n}; {@code buf} holds the seed in its first 32 bytes. */
  static long pivot(byte[] buf, int round, long n) {
    byte[] in = new byte[Hash32.WIDTH + 1];
    System.arraycopy(buf, 0, in, 0, Hash32.WIDTH);
    in[Hash32.WIDTH] = (byte) round;
    return Long.remainderUnsigned(Sha256.hash(in).firstU64le(), n);
  }

  /** {@code H(seed || u8(r) || u32le(block))}. */
  static Hash32 source(byte[] buf, int round, long block) {
    byte[] in = buf.clone();
    in[Hash32.WIDTH] = (byte) round;
    for (int k = 0; k < 4; k++) {
      in[Hash32.WIDTH + 1 + k] = (byte) (block >>> (8 * k));
    }
    return Sha256.hash(in);
  }

  /** {@code (pivot + n − i) % n} without overflow. */
  static long flip(long pivot, long i, long n) {
    return pivot >= i ? pivot - i : pivot + (n - i);
  }

  /** {@code (src[(pos % 256) // 8] >> (pos % 8)) & 1}. */
  static boolean bit(Hash32 source, long pos) {
    int b = source.get((int) ((pos % 256) / 8)) & 0xff;
    return ((b >> (pos % 8)) & 1) == 1;
  }
}
