package io.actorchain.core.crypto.ed25519;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Point arithmetic, encodings and scalar multiplication of the Ed25519 group. */
class GroupTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final BigInteger L = Scalar.L;
  private static final String IDENTITY = "01" + "00".repeat(31);

  private static byte[] scalar(BigInteger v) {
    return Scalar.toLittleEndian(v);
  }

  private static String mulBase(BigInteger v) {
    return HEX.formatHex(Group.encode(Group.scalarMultBase(scalar(v))));
  }

  private static Group.Point sum(Group.Point p, Group.Point q) {
    Group.Work w = new Group.Work();
    Group.Cached qc = new Group.Cached();
    w.toCached(qc, q);
    Group.Point r = new Group.Point();
    w.add(r, p, qc, false, true);
    return r;
  }

  @Test
  void shouldEncodeTheBasePointAsTheRfcDoes() {
    assertThat(HEX.formatHex(Group.encode(Group.BASE)))
        .isEqualTo("5866666666666666666666666666666666666666666666666666666666666666");
    assertThat(mulBase(BigInteger.ONE)).isEqualTo(HEX.formatHex(Group.encode(Group.BASE)));
  }

  @Test
  void shouldMultiplyTheBasePointByItsOrderToTheIdentity() {
    assertThat(mulBase(BigInteger.ZERO)).isEqualTo(IDENTITY);
    assertThat(mulBase(L)).isEqualTo(IDENTITY);
    assertThat(mulBase(L.add(BigInteger.ONE))).isEqualTo(mulBase(BigInteger.ONE));
  }

  @Test
  void shouldMultiplyTheBasePointHomomorphically() {
    Random random = new Random(1);
    for (int i = 0; i < 300; i++) {
      BigInteger a = new BigInteger(255, random);
      BigInteger b = new BigInteger(255, random);
      Group.Point sum = sum(Group.scalarMultBase(scalar(a)), Group.scalarMultBase(scalar(b)));
      assertThat(HEX.formatHex(Group.encode(sum))).isEqualTo(mulBase(a.add(b).mod(L)));
      assertThat(mulBase(a)).isEqualTo(mulBase(a.mod(L)));
    }
    // Every digit at its largest: the widest scalar the table takes.
    BigInteger widest = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);
    assertThat(mulBase(widest)).isEqualTo(mulBase(widest.mod(L)));
  }

  @Test
  void shouldComputeTheDoubleScalarMultiple() {
    Random random = new Random(2);
    for (int i = 0; i < 200; i++) {
      BigInteger s = new BigInteger(253, random).mod(L);
      BigInteger k = new BigInteger(i % 4 == 0 ? 256 : 253, random);
      BigInteger a = new BigInteger(253, random);
      Group.Point pointA = Group.decode(Group.encode(Group.scalarMultBase(scalar(a))), 0);
      String expected = mulBase(s.subtract(k.multiply(a)).mod(L));
      assertThat(HEX.formatHex(Group.encode(Group.doubleScalarMultVartime(scalar(s), scalar(k), pointA))))
          .isEqualTo(expected);
    }
  }

  @Test
  void shouldWriteScalarsInNonAdjacentForm() {
    Random random = new Random(3);
    BigInteger[] edges = {
      BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(15), BigInteger.valueOf(16), BigInteger.valueOf(31),
      L.subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
      new BigInteger("5555555555555555555555555555555555555555555555555555555555555555", 16)
    };
    for (int i = 0; i < 2_000 + edges.length; i++) {
      BigInteger v = i < edges.length ? edges[i] : new BigInteger(256, random);
      byte[] naf = Group.wnaf(scalar(v), 5);
      BigInteger back = BigInteger.ZERO;
      int lastNonZero = -100;
      for (int j = naf.length - 1; j >= 0; j--) {
        back = back.shiftLeft(1).add(BigInteger.valueOf(naf[j]));
      }
      for (int j = 0; j < naf.length; j++) {
        if (naf[j] != 0) {
          assertThat(naf[j] % 2).isNotZero();
          assertThat(Math.abs(naf[j])).isLessThan(16);
          assertThat(j - lastNonZero).isGreaterThanOrEqualTo(5);
          lastNonZero = j;
        }
      }
      assertThat(back).isEqualTo(v);
    }
  }

  @Test
  void shouldRoundTripPointEncodings() {
    Random random = new Random(4);
    for (int i = 0; i < 500; i++) {
      byte[] enc = Group.encode(Group.scalarMultBase(scalar(new BigInteger(253, random))));
      Group.Point p = Group.decode(enc, 0);
      assertThat(p).isNotNull();
      assertThat(Group.encode(p)).isEqualTo(enc);
    }
  }

  @Test
  void shouldRejectEncodingsThatAreNotCanonicalPoints() {
    // y = 1 is the identity: x = 0 must have sign 0.
    assertThat(Group.decode(HEX.parseHex(IDENTITY), 0)).isNotNull();
    assertThat(Group.decode(HEX.parseHex("01" + "00".repeat(30) + "80"), 0)).isNull();
    // y = -1 is the point of order 2, x = 0 again.
    assertThat(Group.decode(HEX.parseHex("ec" + "ff".repeat(30) + "7f"), 0)).isNotNull();
    assertThat(Group.decode(HEX.parseHex("ec" + "ff".repeat(30) + "ff"), 0)).isNull();
    // y ≥ p, with or without the sign bit, even where y - p would be a point (y = p + 1 is the identity).
    for (int delta = 0; delta < 19; delta++) {
      byte[] enc = Scalar.toLittleEndian(Field.P.add(BigInteger.valueOf(delta)));
      assertThat(Group.decode(enc, 0)).as("p+%d", delta).isNull();
      enc[31] |= (byte) 0x80;
      assertThat(Group.decode(enc, 0)).as("p+%d, sign", delta).isNull();
    }
    // y = 2: (y² - 1)/(d·y² + 1) is not a square.
    assertThat(Group.decode(HEX.parseHex("02" + "00".repeat(31)), 0)).isNull();
    // About half of all y values are not on the curve.
    Random random = new Random(5);
    int rejected = 0;
    for (int i = 0; i < 1_000; i++) {
      byte[] enc = new byte[32];
      random.nextBytes(enc);
      Group.Point p = Group.decode(enc, 0);
      if (p == null) {
        rejected++;
      } else {
        assertThat(Group.encode(p)).isEqualTo(enc);
      }
    }
    assertThat(rejected).isBetween(400, 600);
  }
}
