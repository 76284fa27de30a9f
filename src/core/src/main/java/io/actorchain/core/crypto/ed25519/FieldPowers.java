package io.actorchain.core.crypto.ed25519;

import static io.actorchain.core.crypto.ed25519.Field.copy;
import static io.actorchain.core.crypto.ed25519.Field.mul;
import static io.actorchain.core.crypto.ed25519.Field.sq;

/**
 * Exponentiations in {@link Field}: inversion by Fermat ({@code z^(p-2)}), a batch of inversions for the price of one,
 * and the square-root exponent {@code z^((p-5)/8)}, all on one addition chain. Not constant-time, like the rest.
 */
final class FieldPowers {
  private FieldPowers() {}

  /** {@code h = f^(2^n)}, {@code n ≥ 1}. */
  static void sqn(long[] h, long[] f, int n) {
    sq(h, f);
    for (int i = 1; i < n; i++) {
      sq(h, h);
    }
  }

  /** {@code h = z^(p-2) = 1/z} (0 for 0). */
  static void invert(long[] h, long[] z) {
    long[] t0 = new long[5];
    long[] t1 = new long[5];
    long[] t2 = new long[5];
    long[] z11 = new long[5];
    chain(z, t0, t1, t2, z11); // t1 = z^(2^250 - 1)
    sqn(t1, t1, 5); // z^(2^255 - 32)
    mul(h, t1, z11); // z^(2^255 - 21)
  }

  /**
   * The inverses of the elements of {@code z} (none of them zero), in order, with a single {@link #invert}
   * (Montgomery's trick: the inverse of the product, then each inverse from the prefix products, at three
   * multiplications per element).
   */
  static long[][] invertAll(long[][] z) {
    int n = z.length;
    long[][] inverses = new long[n][5];
    if (n == 0) {
      return inverses;
    }
    long[][] prefix = new long[n][5]; // prefix[i] = z_0 · … · z_i
    copy(prefix[0], z[0]);
    for (int i = 1; i < n; i++) {
      mul(prefix[i], prefix[i - 1], z[i]);
    }
    long[] acc = new long[5]; // 1 / (z_0 · … · z_i), walking i down
    invert(acc, prefix[n - 1]);
    for (int i = n - 1; i > 0; i--) {
      mul(inverses[i], acc, prefix[i - 1]);
      mul(acc, acc, z[i]);
    }
    copy(inverses[0], acc);
    return inverses;
  }

  /** {@code h = z^((p-5)/8) = z^(2^252 - 3)}, the exponent of the square-root candidate. */
  static void pow22523(long[] h, long[] z) {
    long[] t0 = new long[5];
    long[] t1 = new long[5];
    long[] t2 = new long[5];
    long[] z11 = new long[5];
    chain(z, t0, t1, t2, z11); // t1 = z^(2^250 - 1)
    sqn(t1, t1, 2); // z^(2^252 - 4)
    mul(h, t1, z); // z^(2^252 - 3)
  }

  /** The shared addition chain: leaves {@code z^11} in {@code z11} and {@code z^(2^250 - 1)} in {@code t1}. */
  private static void chain(long[] z, long[] t0, long[] t1, long[] t2, long[] z11) {
    sq(t0, z); // z^2
    sqn(t1, t0, 2); // z^8
    mul(t1, t1, z); // z^9
    mul(z11, t0, t1); // z^11
    sq(t0, z11); // z^22
    mul(t1, t1, t0); // z^31 = z^(2^5 - 1)
    sqn(t0, t1, 5); // z^(2^10 - 2^5)
    mul(t1, t0, t1); // z^(2^10 - 1)
    sqn(t0, t1, 10);
    mul(t0, t0, t1); // z^(2^20 - 1)
    sqn(t2, t0, 20);
    mul(t0, t2, t0); // z^(2^40 - 1)
    sqn(t0, t0, 10);
    mul(t1, t0, t1); // z^(2^50 - 1)
    sqn(t0, t1, 50);
    mul(t0, t0, t1); // z^(2^100 - 1)
    sqn(t2, t0, 100);
    mul(t0, t2, t0); // z^(2^200 - 1)
    sqn(t0, t0, 50);
    mul(t1, t0, t1); // z^(2^250 - 1)
  }
}
