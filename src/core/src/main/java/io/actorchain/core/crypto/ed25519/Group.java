package io.actorchain.core.crypto.ed25519;

import java.math.BigInteger;

/**
 * The Ed25519 group: the twisted Edwards curve {@code -x² + y² = 1 + d·x²·y²} over {@code GF(2^255 - 19)}.
 *
 * <p>Points are in extended coordinates {@code (X : Y : Z : T)} with {@code x = X/Z}, {@code y = Y/Z},
 * {@code x·y = T/Z}. Additions use the unified formulas of Hisil, Wong, Carter and Dawson (2008) for {@code a = -1},
 * which are complete on this curve (d is not a square), so they also handle doubling, the identity and points of
 * small order. Operands that are added often are pre-shaped: a variable point as {@link Cached}
 * {@code (Y+X, Y-X, 2Z, 2d·T)}, a table point as affine {@link Niels} {@code (y+x, y-x, 2d·x·y)}.
 *
 * <p>Fixed-base multiplication uses a signed radix-{@code 2^w} table ({@code w = WINDOW_BITS = 8}): for each digit
 * position {@code i < 32}, the affine points {@code j·2^(8i)·B} for {@code j = 1..128}. A scalar is recoded to signed
 * digits in {@code [-127, 128]}, so {@code [e]B} costs 32 mixed additions and no doubling. The table (4,096 points,
 * about 0.8 MB) is computed at class initialization (about 20 ms), with one batched inversion. Verification computes
 * {@code [S]B} that way and {@code [k]A} with a width-5 NAF (odd multiples {@code A..15A}, about 253 doublings and
 * 42 additions), then subtracts.
 *
 * <p>Not constant-time (table indices and branches depend on secrets): fine for a simulator whose keys are public by
 * design, not for protecting real keys.
 */
final class Group {
  /** {@code d = -121665/121666}. */
  static final long[] D;
  /** {@code 2d}. */
  static final long[] D2;
  /** {@code sqrt(-1) = 2^((p-1)/4)}. */
  static final long[] SQRT_M1;
  /** The base point B: y = 4/5, x even. */
  static final Point BASE;
  /** Bits per signed digit of a fixed-base scalar. */
  static final int WINDOW_BITS = 8;
  /** Digits per scalar: enough for 255 bits plus the final carry. */
  static final int WINDOWS = (255 + WINDOW_BITS - 1) / WINDOW_BITS;
  /** The largest digit, {@code 2^(WINDOW_BITS-1)}; digits lie in {@code [-HALF + 1, HALF]}. */
  private static final int HALF = 1 << (WINDOW_BITS - 1);
  /** {@code TABLE[i][j-1] = j · 2^(WINDOW_BITS·i) · B} for {@code j = 1..HALF}. */
  private static final Niels[][] TABLE;

  static {
    BigInteger dv = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(Field.P)).mod(Field.P);
    D = Field.of(dv);
    D2 = Field.of(dv.shiftLeft(1));
    SQRT_M1 = Field.of(BigInteger.TWO.modPow(Field.P.subtract(BigInteger.ONE).shiftRight(2), Field.P));
    BigInteger by = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(Field.P)).mod(Field.P);
    Point base = decode(Scalar.toLittleEndian(by), 0);
    if (base == null) {
      throw new IllegalStateException("the Ed25519 base point does not decode");
    }
    BASE = base;
    TABLE = buildTable();
  }

  private Group() {}

  /** A point in extended coordinates. */
  static final class Point {
    final long[] x = new long[5];
    final long[] y = new long[5];
    final long[] z = new long[5];
    final long[] t = new long[5];

    static Point identity() {
      Point p = new Point();
      p.setIdentity();
      return p;
    }

    void setIdentity() {
      Field.zero(x);
      Field.one(y);
      Field.one(z);
      Field.zero(t);
    }

    void set(Point o) {
      Field.copy(x, o.x);
      Field.copy(y, o.y);
      Field.copy(z, o.z);
      Field.copy(t, o.t);
    }
  }

  /** A point shaped for repeated addition: {@code (Y+X, Y-X, 2Z, 2d·T)}. */
  static final class Cached {
    final long[] ypx = new long[5];
    final long[] ymx = new long[5];
    final long[] z2 = new long[5];
    final long[] t2d = new long[5];
  }

  /** An affine point shaped for addition: {@code (y+x, y-x, 2d·x·y)}, all loose. */
  static final class Niels {
    final long[] ypx = new long[5];
    final long[] ymx = new long[5];
    final long[] xy2d = new long[5];
  }

  /** Temporaries for the group operations; one per computation, never shared between threads. */
  static final class Work {
    final long[] a = new long[5];
    final long[] b = new long[5];
    final long[] c = new long[5];
    final long[] d = new long[5];
    final long[] e = new long[5];
    final long[] f = new long[5];
    final long[] g = new long[5];
    final long[] h = new long[5];

    /** {@code r = 2p}; {@code T} is computed only if {@code withT} (it is needed only before an addition). */
    void dbl(Point r, Point p, boolean withT) {
      Field.sq(a, p.x); // XX
      Field.sq(b, p.y); // YY
      Field.sq(c, p.z);
      Field.add(c, c, c); // 2ZZ
      Field.add(e, p.x, p.y);
      Field.sq(e, e); // (X+Y)²
      Field.add(h, a, b); // H = XX + YY
      Field.sub(e, e, h); // E = 2XY
      Field.sub(g, b, a); // G = YY - XX
      Field.sub(f, c, g); // F = 2ZZ - G
      Field.mul(r.x, e, f);
      Field.mul(r.y, g, h);
      Field.mul(r.z, f, g);
      if (withT) {
        Field.mul(r.t, e, h);
      }
    }

    /** {@code r = p + q} (or {@code p - q} if {@code negate}); {@code r} may be {@code p}. */
    void add(Point r, Point p, Cached q, boolean negate, boolean withT) {
      Field.add(a, p.y, p.x);
      Field.sub(b, p.y, p.x);
      Field.mul(a, a, negate ? q.ymx : q.ypx); // B = (Y1+X1)(Y2+X2)
      Field.mul(b, b, negate ? q.ypx : q.ymx); // A = (Y1-X1)(Y2-X2)
      Field.mul(c, p.t, q.t2d); // C = 2d·T1·T2 (negated when subtracting)
      Field.mul(d, p.z, q.z2); // D = 2·Z1·Z2
      finish(r, negate, withT);
    }

    /** {@code r = p + q} (or {@code p - q} if {@code negate}) for an affine table point; {@code r} may be {@code p}. */
    void add(Point r, Point p, Niels q, boolean negate, boolean withT) {
      Field.add(a, p.y, p.x);
      Field.sub(b, p.y, p.x);
      Field.mul(a, a, negate ? q.ymx : q.ypx);
      Field.mul(b, b, negate ? q.ypx : q.ymx);
      Field.mul(c, p.t, q.xy2d);
      Field.add(d, p.z, p.z);
      finish(r, negate, withT);
    }

    /** From {@code a = B}, {@code b = A}, {@code c = C}, {@code d = D} to the sum. */
    private void finish(Point r, boolean negate, boolean withT) {
      Field.sub(e, a, b); // E = B - A
      Field.add(h, a, b); // H = B + A
      if (negate) {
        Field.add(f, d, c); // F = D - (-C)
        Field.sub(g, d, c); // G = D + (-C)
      } else {
        Field.sub(f, d, c); // F = D - C
        Field.add(g, d, c); // G = D + C
      }
      Field.mul(r.x, e, f);
      Field.mul(r.y, g, h);
      Field.mul(r.z, f, g);
      if (withT) {
        Field.mul(r.t, e, h);
      }
    }

    void toCached(Cached out, Point p) {
      Field.add(out.ypx, p.y, p.x);
      Field.carry(out.ypx, out.ypx);
      Field.sub(out.ymx, p.y, p.x);
      Field.add(out.z2, p.z, p.z);
      Field.carry(out.z2, out.z2);
      Field.mul(out.t2d, p.t, D2);
    }
  }

  /**
   * Decodes an RFC 8032 point encoding (§5.1.3) from {@code s[off..off+32)}, or returns null if it is not one:
   * {@code y ≥ p}, no square root for x, or {@code x = 0} with the sign bit set.
   */
  static Point decode(byte[] s, int off) {
    if (!Field.isCanonical(s, off)) {
      return null;
    }
    boolean sign = (s[off + 31] & 0x80) != 0;
    Point p = new Point();
    long[] y = p.y;
    Field.fromBytes(y, s, off);
    long[] u = new long[5];
    long[] v = new long[5];
    long[] t = new long[5];
    long[] x = p.x;
    Field.sq(u, y);
    Field.mul(v, u, D);
    long[] one = new long[5];
    Field.one(one);
    Field.sub(u, u, one); // u = y² - 1
    Field.add(v, v, one);
    Field.carry(v, v); // v = d·y² + 1
    // x = u·v³·(u·v⁷)^((p-5)/8)
    long[] v3 = new long[5];
    Field.sq(v3, v);
    Field.mul(v3, v3, v); // v³
    Field.sq(t, v3);
    Field.mul(t, t, v); // v⁷
    Field.mul(t, t, u); // u·v⁷
    FieldPowers.pow22523(t, t);
    Field.mul(t, t, v3);
    Field.mul(x, t, u);
    // check v·x² = ±u
    long[] vx2 = new long[5];
    Field.sq(vx2, x);
    Field.mul(vx2, vx2, v);
    Field.sub(t, vx2, u);
    if (!Field.isZero(t)) {
      Field.add(t, vx2, u);
      if (!Field.isZero(t)) {
        return null;
      }
      Field.mul(x, x, SQRT_M1);
    }
    byte[] xb = Field.toBytes(x);
    boolean xZero = true;
    for (byte b : xb) {
      xZero &= b == 0;
    }
    if (xZero && sign) {
      return null;
    }
    if (((xb[0] & 1) != 0) != sign) {
      Field.neg(x, x);
    }
    Field.one(p.z);
    Field.mul(p.t, x, y);
    return p;
  }

  /** The 32-byte RFC 8032 encoding of {@code p}: y little-endian, with the low bit of x in the top bit. */
  static void encode(byte[] out, int off, Point p) {
    long[] zi = new long[5];
    FieldPowers.invert(zi, p.z);
    encodeWithInverse(out, off, p, zi);
  }

  /**
   * The encodings of {@code points}, each written at {@code outs[i][offset]}, with one field inversion for all of them
   * ({@link FieldPowers#invertAll}).
   */
  static void encodeAll(byte[][] outs, int offset, Point[] points) {
    long[][] z = new long[points.length][];
    for (int i = 0; i < points.length; i++) {
      z[i] = points[i].z;
    }
    long[][] inverses = FieldPowers.invertAll(z);
    for (int i = 0; i < points.length; i++) {
      encodeWithInverse(outs[i], offset, points[i], inverses[i]);
    }
  }

  private static void encodeWithInverse(byte[] out, int off, Point p, long[] zi) {
    long[] x = new long[5];
    long[] y = new long[5];
    Field.mul(x, p.x, zi);
    Field.mul(y, p.y, zi);
    Field.toBytes(out, off, y);
    if (Field.isNegative(x)) {
      out[off + 31] |= (byte) 0x80;
    }
  }

  static byte[] encode(Point p) {
    byte[] out = new byte[32];
    encode(out, 0, p);
    return out;
  }

  /**
   * {@code [e]B} for a 32-byte little-endian scalar {@code e} below {@code 2^255} (not necessarily reduced): one
   * table addition per non-zero signed digit, no doubling.
   */
  static Point scalarMultBase(byte[] e) {
    Work w = new Work();
    Point r = Point.identity();
    int carry = 0;
    for (int i = 0; i < WINDOWS; i++) {
      int v = window(e, i * WINDOW_BITS) + carry;
      carry = (v + HALF - 1) >> WINDOW_BITS; // 1 iff v > HALF
      int digit = v - (carry << WINDOW_BITS); // in [-HALF + 1, HALF]
      if (digit > 0) {
        w.add(r, r, TABLE[i][digit - 1], false, true);
      } else if (digit < 0) {
        w.add(r, r, TABLE[i][-digit - 1], true, true);
      }
    }
    if (carry != 0) {
      throw new IllegalArgumentException("scalar too large for the base table");
    }
    return r;
  }

  /** Bits {@code [bit, bit + WINDOW_BITS)} of the 32-byte little-endian {@code e} (zero beyond bit 255). */
  private static int window(byte[] e, int bit) {
    int byteIndex = bit >>> 3;
    int v = e[byteIndex] & 0xff;
    if (byteIndex + 1 < 32) {
      v |= (e[byteIndex + 1] & 0xff) << 8;
    }
    return (v >>> (bit & 7)) & ((1 << WINDOW_BITS) - 1);
  }

  /**
   * {@code [s]B - [k]A} with {@code A} already decoded: the base part from the table, the variable part with a
   * width-5 NAF (odd multiples {@code A, 3A, ..., 15A}).
   */
  static Point doubleScalarMultVartime(byte[] s, byte[] k, Point a) {
    Work w = new Work();
    // Odd multiples of A.
    Cached[] odd = new Cached[8];
    Point a2 = new Point();
    w.dbl(a2, a, true);
    Cached a2c = new Cached();
    w.toCached(a2c, a2);
    Point cur = new Point();
    cur.set(a);
    for (int i = 0; i < 8; i++) {
      odd[i] = new Cached();
      w.toCached(odd[i], cur);
      if (i < 7) {
        w.add(cur, cur, a2c, false, true);
      }
    }
    byte[] naf = wnaf(k, 5);
    int top = naf.length - 1;
    while (top >= 0 && naf[top] == 0) {
      top--;
    }
    Point r = Point.identity();
    for (int i = top; i >= 0; i--) {
      int dgt = naf[i];
      w.dbl(r, r, dgt != 0 || i == 0); // T is needed by the next addition, and by the final one
      if (dgt > 0) {
        w.add(r, r, odd[dgt >> 1], false, true);
      } else if (dgt < 0) {
        w.add(r, r, odd[(-dgt) >> 1], true, true);
      }
    }
    // r = [k]A; result = [s]B - r
    Point sb = scalarMultBase(s);
    Cached rc = new Cached();
    w.toCached(rc, r);
    w.add(sb, sb, rc, true, false);
    return sb;
  }

  /**
   * The width-{@code width} non-adjacent form of a 32-byte little-endian scalar: odd digits in
   * {@code (-2^(width-1), 2^(width-1))}, any two non-zero digits at least {@code width} positions apart.
   */
  static byte[] wnaf(byte[] k, int width) {
    byte[] naf = new byte[256 + width + 1];
    int windowMask = (1 << width) - 1;
    int half = 1 << (width - 1);
    int carry = 0;
    int i = 0;
    while (i < 256 + width) {
      int bit = bitAt(k, i);
      if (bit == carry) { // bit + carry is 0 or 2: digit 0, carry unchanged
        i++;
        continue;
      }
      int v = (bits(k, i, width) + carry) & windowMask; // odd
      if (v >= half) {
        naf[i] = (byte) (v - (1 << width));
        carry = 1;
      } else {
        naf[i] = (byte) v;
        carry = 0;
      }
      i += width;
    }
    return naf;
  }

  private static int bitAt(byte[] k, int i) {
    return i < 256 ? (k[i >>> 3] >>> (i & 7)) & 1 : 0;
  }

  private static int bits(byte[] k, int i, int n) {
    int v = 0;
    for (int j = n - 1; j >= 0; j--) {
      v = (v << 1) | bitAt(k, i + j);
    }
    return v;
  }

  /** {@code TABLE[i][j-1] = j · 2^(WINDOW_BITS·i) · B}, normalized to affine with one batched inversion. */
  private static Niels[][] buildTable() {
    int windows = WINDOWS;
    int perWindow = HALF;
    int n = windows * perWindow;
    Point[] pts = new Point[n];
    Work w = new Work();
    Point base = new Point();
    base.set(BASE);
    Cached bc = new Cached();
    for (int i = 0; i < windows; i++) {
      w.toCached(bc, base);
      Point cur = new Point();
      cur.set(base);
      pts[i * perWindow] = cur;
      for (int j = 1; j < perWindow; j++) {
        Point next = new Point();
        w.add(next, cur, bc, false, true);
        pts[i * perWindow + j] = next;
        cur = next;
      }
      // next base = 2^WINDOW_BITS · base = 2 · (HALF · base)
      w.dbl(base, cur, true);
    }
    long[][] z = new long[n][];
    for (int i = 0; i < n; i++) {
      z[i] = pts[i].z;
    }
    long[][] inverses = FieldPowers.invertAll(z);
    long[] x = new long[5];
    long[] y = new long[5];
    Niels[][] table = new Niels[windows][perWindow];
    for (int i = 0; i < n; i++) {
      Field.mul(x, pts[i].x, inverses[i]);
      Field.mul(y, pts[i].y, inverses[i]);
      Niels e = new Niels();
      Field.add(e.ypx, y, x);
      Field.carry(e.ypx, e.ypx);
      Field.sub(e.ymx, y, x);
      Field.mul(e.xy2d, x, y);
      Field.mul(e.xy2d, e.xy2d, D2);
      table[i / perWindow][i % perWindow] = e;
    }
    return table;
  }
}
