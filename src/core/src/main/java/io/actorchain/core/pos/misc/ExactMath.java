package io.actorchain.core.pos.misc;

import java.math.BigInteger;

/**
 * Exact integer arithmetic for the rules, on non-negative {@code long}s (CONSENSUS.md §0: "the integer arithmetic is
 * exact"). Products are taken to 128 bits, so {@code prevTarget × 3 ≥ total × 2} and the reward numerators cannot
 * overflow where Ethereum's {@code uint64} would.
 */
public final class ExactMath {
  private ExactMath() {}

  /** The sign of {@code a × b − c × d}, computed without overflow; all four must be ≥ 0. */
  public static int compareProducts(long a, long b, long c, long d) {
    requireNonNegative(a, b, c, d);
    int high = Long.compare(Math.multiplyHigh(a, b), Math.multiplyHigh(c, d));
    return high != 0 ? high : Long.compareUnsigned(a * b, c * d);
  }

  /** {@code a × b // d} with an exact 128-bit intermediate; ArithmeticException if the quotient does not fit. */
  public static long mulDiv(long a, long b, long d) {
    requireNonNegative(a, b, d);
    if (d == 0) {
      throw new ArithmeticException("division by zero");
    }
    if (Math.multiplyHigh(a, b) == 0 && a * b >= 0) {
      return a * b / d;
    }
    return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(d)).longValueExact();
  }

  /** {@code min(a × b, cap)} without overflow; all ≥ 0. */
  public static long mulCapped(long a, long b, long cap) {
    requireNonNegative(a, b, cap);
    return compareProducts(a, b, cap, 1) >= 0 ? cap : a * b;
  }

  private static void requireNonNegative(long... values) {
    for (long v : values) {
      if (v < 0) {
        throw new ArithmeticException("expected a non-negative operand, got " + v);
      }
    }
  }
}
