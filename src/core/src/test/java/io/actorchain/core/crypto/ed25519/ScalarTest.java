package io.actorchain.core.crypto.ed25519;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Arithmetic modulo the group order L against BigInteger. */
class ScalarTest {
  private static final BigInteger L = Scalar.L;

  private static BigInteger le(byte[] s) {
    return Scalar.fromLittleEndian(s, 0, s.length);
  }

  private static byte[] le64(BigInteger v) {
    byte[] out = new byte[64];
    for (int i = 0; i < 64; i++) {
      out[i] = (byte) v.shiftRight(8 * i).intValue();
    }
    return out;
  }

  @Test
  void shouldHaveTheRfcGroupOrder() {
    assertThat(L)
        .isEqualTo(new BigInteger("7237005577332262213973186563042994240857116359379907606001950938285454250989"));
  }

  @Test
  void shouldReduce512BitNumbersModL() {
    Random random = new Random(1);
    for (int i = 0; i < 20_000; i++) {
      byte[] x = new byte[64];
      random.nextBytes(x);
      assertThat(le(Scalar.reduce(x, 0, 64))).isEqualTo(le(x).mod(L));
    }
    BigInteger[] edges = {
      BigInteger.ZERO, BigInteger.ONE, L.subtract(BigInteger.ONE), L, L.add(BigInteger.ONE), L.shiftLeft(1),
      BigInteger.ONE.shiftLeft(252), BigInteger.ONE.shiftLeft(252).subtract(BigInteger.ONE),
      BigInteger.ONE.shiftLeft(253), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
      BigInteger.ONE.shiftLeft(512).subtract(BigInteger.ONE), L.multiply(L), L.pow(2).subtract(BigInteger.ONE),
      BigInteger.ONE.shiftLeft(251), BigInteger.ONE.shiftLeft(251).add(L)
    };
    for (BigInteger v : edges) {
      assertThat(le(Scalar.reduce(le64(v), 0, 64))).as(v.toString(16)).isEqualTo(v.mod(L));
    }
  }

  @Test
  void shouldMultiplyAndAddModL() {
    Random random = new Random(2);
    for (int i = 0; i < 20_000; i++) {
      byte[] a = new byte[32];
      byte[] b = new byte[32];
      byte[] c = new byte[32];
      random.nextBytes(a);
      random.nextBytes(b);
      random.nextBytes(c);
      if (i % 5 == 0) {
        Arrays.fill(a, (byte) 0xff);
        Arrays.fill(b, (byte) 0xff);
        Arrays.fill(c, (byte) 0xff);
      }
      assertThat(le(Scalar.mulAdd(a, b, c))).isEqualTo(le(a).multiply(le(b)).add(le(c)).mod(L));
    }
    byte[] zero = new byte[32];
    assertThat(le(Scalar.mulAdd(zero, zero, zero))).isZero();
  }

  @Test
  void shouldAcceptExactlyTheScalarsBelowL() {
    assertThat(Scalar.isCanonical(Scalar.toLittleEndian(L.subtract(BigInteger.ONE)), 0)).isTrue();
    assertThat(Scalar.isCanonical(Scalar.toLittleEndian(BigInteger.ZERO), 0)).isTrue();
    assertThat(Scalar.isCanonical(Scalar.toLittleEndian(L), 0)).isFalse();
    assertThat(Scalar.isCanonical(Scalar.toLittleEndian(L.add(BigInteger.ONE)), 0)).isFalse();
    byte[] ones = new byte[32];
    Arrays.fill(ones, (byte) 0xff);
    assertThat(Scalar.isCanonical(ones, 0)).isFalse();
    Random random = new Random(3);
    for (int i = 0; i < 5_000; i++) {
      byte[] s = new byte[32];
      random.nextBytes(s);
      s[31] &= (byte) (i % 2 == 0 ? 0x1f : 0x0f);
      assertThat(Scalar.isCanonical(s, 0)).isEqualTo(le(s).compareTo(L) < 0);
    }
  }
}
