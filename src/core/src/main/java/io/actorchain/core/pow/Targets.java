package io.actorchain.core.pow;

import io.actorchain.core.codec.Hash32;
import java.math.BigInteger;

/** Proof-of-work targets and work (CONSENSUS.md §3). A target is an unsigned 256-bit big-endian number. */
public final class Targets {
  public static final BigInteger TWO_POW_256 = BigInteger.ONE.shiftLeft(256);
  private static final BigInteger MAX_VALUE = TWO_POW_256.subtract(BigInteger.ONE);
  /** The easiest target, {@code 2^256 − 1}: every hash meets it. */
  public static final Hash32 MAX_TARGET = Hash32.fromUnsignedBigInteger(MAX_VALUE);
  /** The hardest target, 1. */
  public static final Hash32 MIN_TARGET = Hash32.fromUnsignedBigInteger(BigInteger.ONE);

  private Targets() {}

  /** {@code work(b) = 2^256 // (target + 1)}: the expected number of hashes to meet {@code target}. */
  public static BigInteger work(Hash32 target) {
    return TWO_POW_256.divide(target.toUnsignedBigInteger().add(BigInteger.ONE));
  }

  /** True iff {@code powHash ≤ target}, both read as unsigned 256-bit big-endian numbers. */
  public static boolean meets(Hash32 powHash, Hash32 target) {
    return powHash.compareTo(target) <= 0;
  }

  /** The target whose {@link #work} is about {@code hashes}: {@code 2^256 // hashes − 1}, within [1, 2^256 − 1]. */
  public static Hash32 forExpectedWork(BigInteger hashes) {
    if (hashes.compareTo(BigInteger.ONE) <= 0) {
      return MAX_TARGET;
    }
    return clamp(TWO_POW_256.divide(hashes).subtract(BigInteger.ONE));
  }

  public static Hash32 forExpectedWork(long hashes) {
    return forExpectedWork(BigInteger.valueOf(hashes));
  }

  /** {@code value} clamped to [1, 2^256 − 1]. */
  public static Hash32 clamp(BigInteger value) {
    return clamp(value, MAX_TARGET);
  }

  /** {@code value} clamped to [1, max]. */
  public static Hash32 clamp(BigInteger value, Hash32 max) {
    BigInteger upper = max.toUnsignedBigInteger();
    if (value.compareTo(upper) > 0) {
      return max;
    }
    return Hash32.fromUnsignedBigInteger(value.max(BigInteger.ONE));
  }
}
