package io.actorchain.core.crypto.ed25519;

import java.math.BigInteger;

/**
 * Integers modulo the group order {@code L = 2^252 + c}, {@code c = 27742317777372353535851937790883648493}, as
 * 32-byte little-endian strings. Internally numbers are signed 21-bit limbs in a {@code long[]}; reduction folds
 * every limb at or above bit 252 back down with {@code 2^252 ≡ -c (mod L)}, seven limbs at a time so that the limbs
 * being multiplied are always carried (below {@code 2^21}) and products stay below {@code 2^42}.
 */
final class Scalar {
  static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

  private static final int BITS = 21;
  private static final long LIMB_MASK = (1L << BITS) - 1;
  /** Enough limbs for a 512-bit hash (25) or a 256×256-bit product (25), plus headroom for carries. */
  private static final int WIDTH = 27;
  /** {@code c = L - 2^252} in six unsigned 21-bit limbs. */
  private static final long[] C = limbs(L.subtract(BigInteger.ONE.shiftLeft(252)), 6);
  /** {@code L} in thirteen unsigned 21-bit limbs (the top one is 1). */
  private static final long[] L_LIMBS = limbs(L, 13);
  /** {@code L} little-endian, for the canonical check. */
  private static final byte[] L_BYTES = toLittleEndian(L);

  private Scalar() {}

  /** {@code in[off..off+len)} (little-endian, {@code len ≤ 64}) reduced modulo L, as 32 bytes. */
  static byte[] reduce(byte[] in, int off, int len) {
    long[] s = new long[WIDTH];
    load(s, in, off, len);
    return finish(s);
  }

  /** {@code (a · b + c) mod L} for 32-byte little-endian {@code a}, {@code b}, {@code c}, as 32 bytes. */
  static byte[] mulAdd(byte[] a, byte[] b, byte[] c) {
    long[] x = new long[13];
    long[] y = new long[13];
    long[] s = new long[WIDTH];
    load(x, a, 0, 32);
    load(y, b, 0, 32);
    load(s, c, 0, 32);
    for (int i = 0; i < 13; i++) {
      long xi = x[i];
      for (int j = 0; j < 13; j++) {
        s[i + j] += xi * y[j]; // each term < 2^42, at most 13 per limb, plus c's limb: < 2^46
      }
    }
    return finish(s);
  }

  /** True iff the 32 bytes at {@code s[off..]} are a little-endian integer below L (a canonical RFC 8032 S). */
  static boolean isCanonical(byte[] s, int off) {
    for (int i = 31; i >= 0; i--) {
      int a = s[off + i] & 0xff;
      int b = L_BYTES[i] & 0xff;
      if (a != b) {
        return a < b;
      }
    }
    return false; // equal to L
  }

  /** Loads {@code len} little-endian bytes as unsigned 21-bit limbs into {@code s}. */
  private static void load(long[] s, byte[] in, int off, int len) {
    int nbits = 8 * len;
    for (int k = 0; BITS * k < nbits; k++) {
      int bit = BITS * k;
      long v = 0;
      int first = bit >>> 3;
      int last = Math.min(len - 1, (bit + BITS - 1) >>> 3);
      for (int i = last; i >= first; i--) {
        v = (v << 8) | (in[off + i] & 0xff);
      }
      s[k] = (v >>> (bit & 7)) & LIMB_MASK;
    }
  }

  /** Reduces the limbs of {@code s} (each below {@code 2^62} in magnitude) modulo L and packs the result. */
  private static byte[] finish(long[] s) {
    // Fold with centred carries (limbs in [-2^20, 2^20)), so negative intermediate values stay short.
    while (true) {
      centredCarry(s);
      int top = WIDTH - 1;
      while (top > 0 && s[top] == 0) {
        top--;
      }
      if (top < 12 || (top == 12 && Math.abs(s[12]) <= 1)) {
        break; // |value| < 2^252 + 2^251 < 2L
      }
      int low = Math.max(12, top - 6);
      for (int i = top; i >= low; i--) {
        long v = s[i];
        s[i] = 0;
        int base = i - 12;
        s[base] -= v * C[0];
        s[base + 1] -= v * C[1];
        s[base + 2] -= v * C[2];
        s[base + 3] -= v * C[3];
        s[base + 4] -= v * C[4];
        s[base + 5] -= v * C[5];
      }
    }
    // Into [0, L): floor carries over limbs 0..11 leave them in [0, 2^21) and the sign in limb 12.
    floorCarry(s);
    while (s[12] < 0) {
      for (int k = 0; k < 13; k++) {
        s[k] += L_LIMBS[k];
      }
      floorCarry(s);
    }
    while (atLeastL(s)) {
      for (int k = 0; k < 13; k++) {
        s[k] -= L_LIMBS[k];
      }
      floorCarry(s);
    }
    byte[] out = new byte[32];
    long acc = 0;
    int accBits = 0;
    int o = 0;
    for (int k = 0; k < 13 && o < 32; k++) {
      acc |= s[k] << accBits;
      accBits += BITS;
      while (accBits >= 8 && o < 32) {
        out[o++] = (byte) acc;
        acc >>>= 8;
        accBits -= 8;
      }
    }
    while (o < 32) {
      out[o++] = (byte) acc;
      acc >>>= 8;
    }
    return out;
  }

  private static void centredCarry(long[] s) {
    for (int k = 0; k < WIDTH - 1; k++) {
      long c = (s[k] + (1L << (BITS - 1))) >> BITS;
      s[k] -= c << BITS;
      s[k + 1] += c;
    }
  }

  /** Over limbs 0..12 only: limbs 0..11 end up in {@code [0, 2^21)}, limb 12 keeps the sign. */
  private static void floorCarry(long[] s) {
    for (int k = 0; k < 12; k++) {
      long c = s[k] >> BITS;
      s[k] -= c << BITS;
      s[k + 1] += c;
    }
  }

  private static boolean atLeastL(long[] s) {
    for (int k = 12; k >= 0; k--) {
      if (s[k] != L_LIMBS[k]) {
        return s[k] > L_LIMBS[k];
      }
    }
    return true;
  }

  private static long[] limbs(BigInteger v, int n) {
    long[] out = new long[n];
    for (int k = 0; k < n; k++) {
      out[k] = v.shiftRight(BITS * k).longValue() & LIMB_MASK;
    }
    if (v.shiftRight(BITS * n).signum() != 0) {
      throw new IllegalStateException("constant does not fit " + n + " limbs");
    }
    return out;
  }

  static byte[] toLittleEndian(BigInteger v) {
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) v.shiftRight(8 * i).intValue();
    }
    return out;
  }

  static BigInteger fromLittleEndian(byte[] s, int off, int len) {
    byte[] be = new byte[len];
    for (int i = 0; i < len; i++) {
      be[i] = s[off + len - 1 - i];
    }
    return new BigInteger(1, be);
  }
}
