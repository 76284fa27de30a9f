package io.actorchain.core.crypto.ed25519;

import java.math.BigInteger;

/**
 * Arithmetic modulo {@code p = 2^255 - 19} on elements held as five unsigned 51-bit limbs in a {@code long[5]}
 * (little-endian: {@code f = f[0] + f[1]·2^51 + ... + f[4]·2^204}). Limb products are up to 112 bits wide; each
 * is split with {@link Math#multiplyHigh} into the part below bit 51 and the part above, and the two are summed apart,
 * so no 128-bit accumulator is needed.
 *
 * <p>Bounds (all limbs non-negative): a <em>loose</em> element has limbs below {@code 2^51 + 2^16}; {@link #mul},
 * {@link #sq}, {@link #sub} and {@link #carry} return loose elements. {@link #add} of two loose elements has limbs
 * below {@code 2^52.01}. {@link #mul} and {@link #sq} accept limbs below {@code 2^53.5} (the scaled operands then
 * stay below {@code 2^63} and the partial sums below {@code 2^63}); {@link #sub} accepts a subtrahend with limbs below
 * {@code 2^53 - 76}. The group formulas never feed {@link #mul} limbs above {@code 2^52.6}. Only
 * {@link #toBytes} yields the canonical representative. Not constant-time: variable time is acceptable here, since
 * simulator keys are public by design.
 */
final class Field {
  static final long MASK = (1L << 51) - 1;
  static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

  /** Limbs of {@code 4p}, added before subtracting so that limbs stay non-negative. */
  private static final long FOUR_P0 = 4 * ((1L << 51) - 19);
  private static final long FOUR_P = 4 * ((1L << 51) - 1);

  private Field() {}

  static long[] of(BigInteger v) {
    long[] h = new long[5];
    BigInteger r = v.mod(P);
    for (int i = 0; i < 5; i++) {
      h[i] = r.shiftRight(51 * i).longValue() & MASK;
    }
    return h;
  }

  /** For tests: the value of {@code f} modulo p. */
  static BigInteger toBigInteger(long[] f) {
    BigInteger r = BigInteger.ZERO;
    for (int i = 4; i >= 0; i--) {
      r = r.shiftLeft(51).add(BigInteger.valueOf(f[i]));
    }
    return r.mod(P);
  }

  static void zero(long[] h) {
    h[0] = 0;
    h[1] = 0;
    h[2] = 0;
    h[3] = 0;
    h[4] = 0;
  }

  static void one(long[] h) {
    h[0] = 1;
    h[1] = 0;
    h[2] = 0;
    h[3] = 0;
    h[4] = 0;
  }

  static void copy(long[] h, long[] f) {
    h[0] = f[0];
    h[1] = f[1];
    h[2] = f[2];
    h[3] = f[3];
    h[4] = f[4];
  }

  /** {@code h = f + g}, without carrying. */
  static void add(long[] h, long[] f, long[] g) {
    h[0] = f[0] + g[0];
    h[1] = f[1] + g[1];
    h[2] = f[2] + g[2];
    h[3] = f[3] + g[3];
    h[4] = f[4] + g[4];
  }

  /** {@code h = f - g}, computed as {@code f + 4p - g} and carried once, so the result is loose. */
  static void sub(long[] h, long[] f, long[] g) {
    long h0 = f[0] + FOUR_P0 - g[0];
    long h1 = f[1] + FOUR_P - g[1];
    long h2 = f[2] + FOUR_P - g[2];
    long h3 = f[3] + FOUR_P - g[3];
    long h4 = f[4] + FOUR_P - g[4];
    carryInto(h, h0, h1, h2, h3, h4);
  }

  /** {@code h = -f}, loose. */
  static void neg(long[] h, long[] f) {
    long h0 = FOUR_P0 - f[0];
    long h1 = FOUR_P - f[1];
    long h2 = FOUR_P - f[2];
    long h3 = FOUR_P - f[3];
    long h4 = FOUR_P - f[4];
    carryInto(h, h0, h1, h2, h3, h4);
  }

  /** Carries {@code f} (limbs below {@code 2^62}) once, in parallel, into a loose {@code h}. */
  static void carry(long[] h, long[] f) {
    carryInto(h, f[0], f[1], f[2], f[3], f[4]);
  }

  private static void carryInto(long[] h, long h0, long h1, long h2, long h3, long h4) {
    long c0 = h0 >>> 51;
    long c1 = h1 >>> 51;
    long c2 = h2 >>> 51;
    long c3 = h3 >>> 51;
    long c4 = h4 >>> 51;
    h[0] = (h0 & MASK) + c4 * 19;
    h[1] = (h1 & MASK) + c0;
    h[2] = (h2 & MASK) + c1;
    h[3] = (h3 & MASK) + c2;
    h[4] = (h4 & MASK) + c3;
  }

  /**
   * {@code h = f · g}; {@code h} may alias either input. Every limb product {@code f_i·g_j} (or
   * {@code 19·f_i·g_j}) is taken as {@code (f_i·2^9)·(g_j·2^4)}: scaled by {@code 2^13}, its high 64 bits are exactly
   * the part above bit 51, and its low 64 bits shifted right by 13 the part below.
   */
  static void mul(long[] h, long[] f, long[] g) {
    long F0 = f[0] << 9;
    long F1 = f[1] << 9;
    long F2 = f[2] << 9;
    long F3 = f[3] << 9;
    long F4 = f[4] << 9;
    long g1 = g[1];
    long g2 = g[2];
    long g3 = g[3];
    long g4 = g[4];
    long G0 = g[0] << 4;
    long G1 = g1 << 4;
    long G2 = g2 << 4;
    long G3 = g3 << 4;
    long G4 = g4 << 4;
    long X1 = (g1 * 19) << 4;
    long X2 = (g2 * 19) << 4;
    long X3 = (g3 * 19) << 4;
    long X4 = (g4 * 19) << 4;
    long lo;
    long hi;
    // position 4: f0g4 + f1g3 + f2g2 + f3g1 + f4g0 (first: no wrap-around, so its high part can take the ×19)
    lo = (F0 * G4) >>> 13;
    hi = Math.multiplyHigh(F0, G4);
    lo += (F1 * G3) >>> 13;
    hi += Math.multiplyHigh(F1, G3);
    lo += (F2 * G2) >>> 13;
    hi += Math.multiplyHigh(F2, G2);
    lo += (F3 * G1) >>> 13;
    hi += Math.multiplyHigh(F3, G1);
    lo += (F4 * G0) >>> 13;
    hi += Math.multiplyHigh(F4, G0);
    long lo4 = lo;
    long hi4 = hi;
    // position 0: f0g0 + 19(f1g4 + f2g3 + f3g2 + f4g1)
    lo = (F0 * G0) >>> 13;
    hi = Math.multiplyHigh(F0, G0);
    lo += (F1 * X4) >>> 13;
    hi += Math.multiplyHigh(F1, X4);
    lo += (F2 * X3) >>> 13;
    hi += Math.multiplyHigh(F2, X3);
    lo += (F3 * X2) >>> 13;
    hi += Math.multiplyHigh(F3, X2);
    lo += (F4 * X1) >>> 13;
    hi += Math.multiplyHigh(F4, X1);
    long r0 = lo + hi4 * 19;
    long carried = hi;
    // position 1: f0g1 + f1g0 + 19(f2g4 + f3g3 + f4g2)
    lo = (F0 * G1) >>> 13;
    hi = Math.multiplyHigh(F0, G1);
    lo += (F1 * G0) >>> 13;
    hi += Math.multiplyHigh(F1, G0);
    lo += (F2 * X4) >>> 13;
    hi += Math.multiplyHigh(F2, X4);
    lo += (F3 * X3) >>> 13;
    hi += Math.multiplyHigh(F3, X3);
    lo += (F4 * X2) >>> 13;
    hi += Math.multiplyHigh(F4, X2);
    long r1 = lo + carried;
    carried = hi;
    // position 2: f0g2 + f1g1 + f2g0 + 19(f3g4 + f4g3)
    lo = (F0 * G2) >>> 13;
    hi = Math.multiplyHigh(F0, G2);
    lo += (F1 * G1) >>> 13;
    hi += Math.multiplyHigh(F1, G1);
    lo += (F2 * G0) >>> 13;
    hi += Math.multiplyHigh(F2, G0);
    lo += (F3 * X4) >>> 13;
    hi += Math.multiplyHigh(F3, X4);
    lo += (F4 * X3) >>> 13;
    hi += Math.multiplyHigh(F4, X3);
    long r2 = lo + carried;
    carried = hi;
    // position 3: f0g3 + f1g2 + f2g1 + f3g0 + 19 f4g4
    lo = (F0 * G3) >>> 13;
    hi = Math.multiplyHigh(F0, G3);
    lo += (F1 * G2) >>> 13;
    hi += Math.multiplyHigh(F1, G2);
    lo += (F2 * G1) >>> 13;
    hi += Math.multiplyHigh(F2, G1);
    lo += (F3 * G0) >>> 13;
    hi += Math.multiplyHigh(F3, G0);
    lo += (F4 * X4) >>> 13;
    hi += Math.multiplyHigh(F4, X4);
    long r3 = lo + carried;
    carried = hi;
    carryInto(h, r0, r1, r2, r3, lo4 + carried);
  }

  /** {@code h = f²}; {@code h} may alias {@code f}. Same scaling as {@link #mul}. */
  static void sq(long[] h, long[] f) {
    long f0 = f[0];
    long f1 = f[1];
    long f2 = f[2];
    long f3 = f[3];
    long f4 = f[4];
    long F0 = f0 << 9;
    long F1 = f1 << 9;
    long F2 = f2 << 9;
    long F3 = f3 << 9;
    long F4 = f4 << 9;
    long G0 = f0 << 4;
    long G1 = f1 << 4;
    long G2 = f2 << 4;
    long D1 = f1 << 5;
    long D2 = f2 << 5;
    long D3 = f3 << 5;
    long D4 = f4 << 5;
    long X3 = (f3 * 19) << 4;
    long X4 = (f4 * 19) << 4;
    long Y3 = (f3 * 38) << 4;
    long Y4 = (f4 * 38) << 4;
    long lo;
    long hi;
    // position 4: 2 f0f4 + 2 f1f3 + f2²
    lo = (F0 * D4) >>> 13;
    hi = Math.multiplyHigh(F0, D4);
    lo += (F1 * D3) >>> 13;
    hi += Math.multiplyHigh(F1, D3);
    lo += (F2 * G2) >>> 13;
    hi += Math.multiplyHigh(F2, G2);
    long lo4 = lo;
    long hi4 = hi;
    // position 0: f0² + 38 f1f4 + 38 f2f3
    lo = (F0 * G0) >>> 13;
    hi = Math.multiplyHigh(F0, G0);
    lo += (F1 * Y4) >>> 13;
    hi += Math.multiplyHigh(F1, Y4);
    lo += (F2 * Y3) >>> 13;
    hi += Math.multiplyHigh(F2, Y3);
    long r0 = lo + hi4 * 19;
    long carried = hi;
    // position 1: 2 f0f1 + 38 f2f4 + 19 f3²
    lo = (F0 * D1) >>> 13;
    hi = Math.multiplyHigh(F0, D1);
    lo += (F2 * Y4) >>> 13;
    hi += Math.multiplyHigh(F2, Y4);
    lo += (F3 * X3) >>> 13;
    hi += Math.multiplyHigh(F3, X3);
    long r1 = lo + carried;
    carried = hi;
    // position 2: 2 f0f2 + f1² + 38 f3f4
    lo = (F0 * D2) >>> 13;
    hi = Math.multiplyHigh(F0, D2);
    lo += (F1 * G1) >>> 13;
    hi += Math.multiplyHigh(F1, G1);
    lo += (F3 * Y4) >>> 13;
    hi += Math.multiplyHigh(F3, Y4);
    long r2 = lo + carried;
    carried = hi;
    // position 3: 2 f0f3 + 2 f1f2 + 19 f4²
    lo = (F0 * D3) >>> 13;
    hi = Math.multiplyHigh(F0, D3);
    lo += (F1 * D2) >>> 13;
    hi += Math.multiplyHigh(F1, D2);
    lo += (F4 * X4) >>> 13;
    hi += Math.multiplyHigh(F4, X4);
    long r3 = lo + carried;
    carried = hi;
    carryInto(h, r0, r1, r2, r3, lo4 + carried);
  }

  /**
   * Loads 255 bits from {@code s[off..off+32)} little-endian, ignoring the top bit (the sign of x in point
   * encodings). The result may be non-canonical ({@code ≥ p}); see {@link #isCanonical}.
   */
  static void fromBytes(long[] h, byte[] s, int off) {
    long w0 = le64(s, off);
    long w1 = le64(s, off + 8);
    long w2 = le64(s, off + 16);
    long w3 = le64(s, off + 24);
    h[0] = w0 & MASK;
    h[1] = ((w0 >>> 51) | (w1 << 13)) & MASK;
    h[2] = ((w1 >>> 38) | (w2 << 26)) & MASK;
    h[3] = ((w2 >>> 25) | (w3 << 39)) & MASK;
    h[4] = (w3 >>> 12) & MASK;
  }

  /** True iff the 255-bit number in {@code s[off..off+32)} (top bit ignored) is below {@code p}. */
  static boolean isCanonical(byte[] s, int off) {
    if ((s[off + 31] & 0x7f) != 0x7f) {
      return true;
    }
    for (int i = 30; i >= 1; i--) {
      if (s[off + i] != (byte) 0xff) {
        return true;
      }
    }
    return (s[off] & 0xff) < 0xed;
  }

  /** Writes the canonical 32-byte little-endian encoding of {@code f} (top bit 0). */
  static void toBytes(byte[] s, int off, long[] f) {
    long h0 = f[0];
    long h1 = f[1];
    long h2 = f[2];
    long h3 = f[3];
    long h4 = f[4];
    for (int pass = 0; pass < 2; pass++) {
      h1 += h0 >>> 51;
      h0 &= MASK;
      h2 += h1 >>> 51;
      h1 &= MASK;
      h3 += h2 >>> 51;
      h2 &= MASK;
      h4 += h3 >>> 51;
      h3 &= MASK;
      h0 += (h4 >>> 51) * 19;
      h4 &= MASK;
    }
    // Now 0 ≤ f < 2^255 + 2^10 < 2p: subtract p iff f + 19 ≥ 2^255.
    long q = (h0 + 19) >>> 51;
    q = (h1 + q) >>> 51;
    q = (h2 + q) >>> 51;
    q = (h3 + q) >>> 51;
    q = (h4 + q) >>> 51;
    h0 += 19 * q;
    h1 += h0 >>> 51;
    h0 &= MASK;
    h2 += h1 >>> 51;
    h1 &= MASK;
    h3 += h2 >>> 51;
    h2 &= MASK;
    h4 += h3 >>> 51;
    h3 &= MASK;
    h4 &= MASK; // drops 2^255 when q = 1
    putLe64(s, off, h0 | (h1 << 51));
    putLe64(s, off + 8, (h1 >>> 13) | (h2 << 38));
    putLe64(s, off + 16, (h2 >>> 26) | (h3 << 25));
    putLe64(s, off + 24, (h3 >>> 39) | (h4 << 12));
  }

  static byte[] toBytes(long[] f) {
    byte[] s = new byte[32];
    toBytes(s, 0, f);
    return s;
  }

  /** True iff {@code f ≡ 0 (mod p)}. */
  static boolean isZero(long[] f) {
    byte[] s = toBytes(f);
    int acc = 0;
    for (byte b : s) {
      acc |= b;
    }
    return acc == 0;
  }

  /** The low bit of the canonical representative: the "sign" of RFC 8032 encodings. */
  static boolean isNegative(long[] f) {
    byte[] s = toBytes(f);
    return (s[0] & 1) != 0;
  }

  private static long le64(byte[] s, int off) {
    return (s[off] & 0xffL)
        | (s[off + 1] & 0xffL) << 8
        | (s[off + 2] & 0xffL) << 16
        | (s[off + 3] & 0xffL) << 24
        | (s[off + 4] & 0xffL) << 32
        | (s[off + 5] & 0xffL) << 40
        | (s[off + 6] & 0xffL) << 48
        | (s[off + 7] & 0xffL) << 56;
  }

  private static void putLe64(byte[] s, int off, long v) {
    for (int i = 0; i < 8; i++) {
      s[off + i] = (byte) (v >>> (8 * i));
    }
  }
}
