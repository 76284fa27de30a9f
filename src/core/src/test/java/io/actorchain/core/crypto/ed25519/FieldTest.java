package io.actorchain.core.crypto.ed25519;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Field arithmetic modulo 2^255 - 19 against BigInteger, including limbs at the documented bounds. */
class FieldTest {
  private static final BigInteger P = Field.P;
  /** The documented largest input limb for mul and sq, just below 2^53.5. */
  private static final long MAX_MUL_LIMB = (1L << 53) + (1L << 51) + (1L << 50);

  private static long[] randomLimbs(Random random, int bits) {
    long[] f = new long[5];
    for (int i = 0; i < 5; i++) {
      f[i] = random.nextLong() >>> (64 - bits);
    }
    return f;
  }

  private static long[] limbs(long v) {
    return new long[] {v, v, v, v, v};
  }

  private static BigInteger value(long[] f) {
    return Field.toBigInteger(f);
  }

  @Test
  void shouldMultiplyAndSquareLikeBigIntegerUpToTheLimbBound() {
    Random random = new Random(1);
    for (int i = 0; i < 20_000; i++) {
      long[] f = i % 10 == 0 ? limbs(MAX_MUL_LIMB) : randomLimbs(random, 51 + i % 3);
      long[] g = i % 10 == 0 ? limbs(MAX_MUL_LIMB) : randomLimbs(random, 51 + (i / 3) % 3);
      long[] h = new long[5];
      Field.mul(h, f, g);
      assertThat(value(h)).isEqualTo(value(f).multiply(value(g)).mod(P));
      assertLoose(h);
      Field.sq(h, f);
      assertThat(value(h)).isEqualTo(value(f).pow(2).mod(P));
      assertLoose(h);
    }
  }

  @Test
  void shouldAddSubtractAndNegate() {
    Random random = new Random(2);
    for (int i = 0; i < 20_000; i++) {
      long[] f = randomLimbs(random, 52);
      long[] g = i % 7 == 0 ? limbs((1L << 53) - 77) : randomLimbs(random, 52);
      long[] h = new long[5];
      Field.add(h, f, g);
      assertThat(value(h)).isEqualTo(value(f).add(value(g)).mod(P));
      Field.sub(h, f, g);
      assertThat(value(h)).isEqualTo(value(f).subtract(value(g)).mod(P));
      assertLoose(h);
      Field.neg(h, g);
      assertThat(value(h)).isEqualTo(value(g).negate().mod(P));
    }
  }

  @Test
  void shouldInvertAndRaiseToTheSquareRootExponent() {
    Random random = new Random(3);
    BigInteger e = BigInteger.ONE.shiftLeft(252).subtract(BigInteger.valueOf(3));
    for (int i = 0; i < 200; i++) {
      long[] f = randomLimbs(random, 52);
      long[] h = new long[5];
      FieldPowers.invert(h, f);
      assertThat(value(h)).isEqualTo(value(f).modInverse(P));
      FieldPowers.pow22523(h, f);
      assertThat(value(h)).isEqualTo(value(f).modPow(e, P));
    }
    long[] zero = new long[5];
    long[] h = new long[5];
    FieldPowers.invert(h, zero);
    assertThat(Field.isZero(h)).isTrue();
  }

  @Test
  void shouldInvertABatchAsEachAlone() {
    Random random = new Random(4);
    assertThat(FieldPowers.invertAll(new long[0][])).isEmpty();
    for (int n : new int[] {1, 2, 7, 64}) {
      long[][] z = new long[n][];
      for (int i = 0; i < n; i++) {
        z[i] = randomLimbs(random, 52);
      }
      long[][] inverses = FieldPowers.invertAll(z);
      for (int i = 0; i < n; i++) {
        assertThat(value(inverses[i])).as("element %d of %d", i, n).isEqualTo(value(z[i]).modInverse(P));
      }
    }
  }

  @Test
  void shouldEncodeTheCanonicalRepresentative() {
    BigInteger[] edges = {
      BigInteger.ZERO, BigInteger.ONE, P.subtract(BigInteger.ONE), P, P.add(BigInteger.ONE),
      BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(255),
      P.shiftLeft(1).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(51), BigInteger.ONE.shiftLeft(51).subtract(
          BigInteger.ONE)
    };
    for (BigInteger v : edges) {
      long[] f = new long[5];
      for (int i = 0; i < 5; i++) {
        f[i] = v.shiftRight(51 * i).longValue() & Field.MASK;
      }
      f[4] += v.shiftRight(255).longValue() << 51; // values ≥ 2^255 as an oversized top limb
      assertThat(Scalar.fromLittleEndian(Field.toBytes(f), 0, 32)).as(v.toString(16)).isEqualTo(v.mod(P));
    }
    Random random = new Random(4);
    for (int i = 0; i < 20_000; i++) {
      long[] f = randomLimbs(random, 54);
      assertThat(Scalar.fromLittleEndian(Field.toBytes(f), 0, 32)).isEqualTo(value(f));
    }
  }

  @Test
  void shouldDecodeBytesAndRecognizeCanonicalOnes() {
    Random random = new Random(5);
    for (int i = 0; i < 2_000; i++) {
      byte[] s = new byte[32];
      random.nextBytes(s);
      long[] f = new long[5];
      Field.fromBytes(f, s, 0);
      BigInteger v = Scalar.fromLittleEndian(s, 0, 32).clearBit(255);
      assertThat(value(f)).isEqualTo(v.mod(P));
      assertThat(Field.isCanonical(s, 0)).isEqualTo(v.compareTo(P) < 0);
    }
    for (int delta = -3; delta <= 18; delta++) {
      BigInteger v = P.add(BigInteger.valueOf(delta));
      byte[] s = Scalar.toLittleEndian(v);
      assertThat(Field.isCanonical(s, 0)).as("p%+d", delta).isEqualTo(delta < 0);
      s[31] |= (byte) 0x80; // the sign bit is not part of the number
      assertThat(Field.isCanonical(s, 0)).as("p%+d with sign", delta).isEqualTo(delta < 0);
    }
  }

  private static void assertLoose(long[] h) {
    for (long limb : h) {
      assertThat(limb).isBetween(0L, (1L << 51) + (1L << 17));
    }
  }
}
