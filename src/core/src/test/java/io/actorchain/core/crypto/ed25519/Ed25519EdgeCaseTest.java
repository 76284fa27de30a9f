package io.actorchain.core.crypto.ed25519;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Inputs an honest signer never produces: small-order and mixed-order public keys, non-canonical and invalid
 * encodings, garbage. Verdicts are compared with the JDK's wherever the JDK can be asked; {@link Ed25519#verify} must
 * never throw.
 */
class Ed25519EdgeCaseTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] SEED = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  private static final Ed25519.PrivateKey KEY = Ed25519.privateKey(SEED);
  private static final byte[] MESSAGE = "attestation".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final byte[] SIG = KEY.sign(MESSAGE);

  /** The eight points of order dividing 8, found as {@code [L]Q} for random points Q. */
  static List<byte[]> torsionPoints() {
    Set<String> found = new TreeSet<>();
    Random random = new Random(8);
    byte[] order = Scalar.toLittleEndian(Scalar.L);
    while (found.size() < 8) {
      byte[] y = new byte[32];
      random.nextBytes(y);
      Group.Point q = Group.decode(y, 0);
      if (q != null) {
        found.add(HEX.formatHex(Group.encode(Group.doubleScalarMultVartime(new byte[32], order, q))));
      }
    }
    List<byte[]> points = new ArrayList<>();
    for (String hex : found) {
      points.add(HEX.parseHex(hex));
    }
    return points;
  }

  private static byte[] signature(byte[] r, byte[] s) {
    byte[] sig = new byte[64];
    System.arraycopy(r, 0, sig, 0, 32);
    System.arraycopy(s, 0, sig, 32, 32);
    return sig;
  }

  private static byte[] add(byte[] p, byte[] q) {
    Group.Work w = new Group.Work();
    Group.Cached qc = new Group.Cached();
    w.toCached(qc, Group.decode(q, 0));
    Group.Point r = new Group.Point();
    w.add(r, Group.decode(p, 0), qc, false, true);
    return Group.encode(r);
  }

  @Test
  void shouldFindTheKnownSmallOrderPoints() {
    List<String> hex = torsionPoints().stream().map(HEX::formatHex).toList();
    assertThat(hex).contains(
        "0100000000000000000000000000000000000000000000000000000000000000", // identity
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
        "0000000000000000000000000000000000000000000000000000000000000000", // order 4
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05");
  }

  /**
   * A small-order key A makes {@code [S]B = R + [k]A} hold whenever {@code R = [s]B + T}, {@code S = s} and
   * {@code T = -[k]A}, which depends on k mod 8: like the JDK (and RFC 8032's cofactorless equation) such keys are not
   * rejected up front, and both accept exactly the same forgeries. The identity key accepts {@code ([s]B, s)} for
   * every message.
   */
  @Test
  void shouldTreatSmallOrderPublicKeysLikeTheJdk() {
    List<byte[]> torsion = torsionPoints();
    Random random = new Random(9);
    int accepted = 0;
    for (byte[] a : torsion) {
      for (int i = 0; i < 24; i++) {
        byte[] s = Scalar.reduce(new byte[] {(byte) random.nextInt(), (byte) i, 7}, 0, 3);
        byte[] r = Group.encode(Group.scalarMultBase(s));
        if (i % 3 == 1) {
          r = add(r, torsion.get(random.nextInt(torsion.size())));
        }
        byte[] msg = {(byte) i, (byte) random.nextInt()};
        byte[] sig = signature(r, s);
        boolean ours = Ed25519.verify(a, msg, sig);
        assertThat(ours).as("key %s, case %d", HEX.formatHex(a), i).isEqualTo(JdkEd25519.verify(a, msg, sig));
        accepted += ours ? 1 : 0;
      }
    }
    assertThat(accepted).as("forgeries accepted under small-order keys").isPositive();
    byte[] identity = torsion.stream().filter(p -> p[0] == 1).findFirst().orElseThrow();
    byte[] s = Scalar.reduce(new byte[] {42}, 0, 1);
    byte[] forged = signature(Group.encode(Group.scalarMultBase(s)), s);
    assertThat(Ed25519.verify(identity, MESSAGE, forged)).isTrue();
    assertThat(JdkEd25519.verify(identity, MESSAGE, forged)).isTrue();
  }

  @Test
  void shouldTreatMixedOrderPublicKeysLikeTheJdk() {
    List<byte[]> torsion = torsionPoints();
    byte[] pub = KEY.publicKey();
    for (byte[] t : torsion) {
      byte[] mixed = add(pub, t);
      assertThat(Ed25519.verify(mixed, MESSAGE, SIG)).isEqualTo(JdkEd25519.verify(mixed, MESSAGE, SIG));
      byte[] r = Arrays.copyOf(SIG, 32);
      for (byte[] u : torsion) {
        byte[] sig = signature(add(r, u), Arrays.copyOfRange(SIG, 32, 64));
        assertThat(Ed25519.verify(mixed, MESSAGE, sig)).isEqualTo(JdkEd25519.verify(mixed, MESSAGE, sig));
        assertThat(Ed25519.verify(pub, MESSAGE, sig)).isEqualTo(JdkEd25519.verify(pub, MESSAGE, sig));
      }
    }
  }

  @Test
  void shouldRejectNonCanonicalS() {
    BigInteger s = Scalar.fromLittleEndian(SIG, 32, 32);
    for (int multiple = 1; multiple <= 8; multiple++) {
      BigInteger big = s.add(Scalar.L.multiply(BigInteger.valueOf(multiple)));
      if (big.bitLength() > 256) {
        break;
      }
      byte[] sig = signature(Arrays.copyOf(SIG, 32), Scalar.toLittleEndian(big));
      assertThat(Ed25519.verify(KEY.publicKey(), MESSAGE, sig)).as("S + %dL", multiple).isFalse();
      assertThat(JdkEd25519.verify(KEY.publicKey(), MESSAGE, sig)).as("JDK, S + %dL", multiple).isFalse();
    }
    byte[] atL = signature(Arrays.copyOf(SIG, 32), Scalar.toLittleEndian(Scalar.L));
    assertThat(Ed25519.verify(KEY.publicKey(), MESSAGE, atL)).isFalse();
  }

  @Test
  void shouldRejectInvalidPublicKeyEncodingsLikeTheJdk() {
    List<byte[]> keys = new ArrayList<>();
    for (int delta = 0; delta < 19; delta++) { // y ≥ p: non-canonical, whether or not y - p is on the curve
      byte[] y = Scalar.toLittleEndian(Field.P.add(BigInteger.valueOf(delta)));
      keys.add(y.clone());
      y[31] |= (byte) 0x80;
      keys.add(y);
    }
    keys.add(HEX.parseHex("01" + "00".repeat(30) + "80")); // x = 0 with the sign bit: "negative zero"
    keys.add(HEX.parseHex("ec" + "ff".repeat(30) + "ff"));
    keys.add(HEX.parseHex("02" + "00".repeat(31))); // not on the curve
    Random random = new Random(10);
    while (keys.size() < 80) {
      byte[] y = new byte[32];
      random.nextBytes(y);
      if (Group.decode(y, 0) == null) {
        keys.add(y);
      }
    }
    for (byte[] key : keys) {
      assertThat(Ed25519.verify(key, MESSAGE, SIG)).as(HEX.formatHex(key)).isFalse();
      assertThat(JdkEd25519.verify(key, MESSAGE, SIG)).as("JDK " + HEX.formatHex(key)).isFalse();
    }
    // Even a signature made to fit the non-canonical key fails: p + 1 would be the identity.
    byte[] s = Scalar.reduce(new byte[] {5}, 0, 1);
    byte[] forged = signature(Group.encode(Group.scalarMultBase(s)), s);
    byte[] identityPlusP = Scalar.toLittleEndian(Field.P.add(BigInteger.ONE));
    assertThat(Ed25519.verify(identityPlusP, MESSAGE, forged)).isFalse();
    assertThat(JdkEd25519.verify(identityPlusP, MESSAGE, forged)).isFalse();
  }

  @Test
  void shouldRejectInvalidREncodingsLikeTheJdk() {
    byte[] s = Arrays.copyOfRange(SIG, 32, 64);
    List<byte[]> rs = new ArrayList<>();
    rs.add(Scalar.toLittleEndian(Field.P.add(BigInteger.ONE)));
    rs.add(HEX.parseHex("01" + "00".repeat(30) + "80"));
    rs.add(HEX.parseHex("02" + "00".repeat(31)));
    for (int delta = 0; delta < 19; delta++) { // y ≥ p
      rs.add(Scalar.toLittleEndian(Field.P.add(BigInteger.valueOf(delta))));
    }
    byte[] ones = new byte[32];
    Arrays.fill(ones, (byte) 0xff);
    rs.add(ones);
    for (byte[] r : rs) {
      byte[] sig = signature(r, s);
      assertThat(Ed25519.verify(KEY.publicKey(), MESSAGE, sig)).as(HEX.formatHex(r)).isFalse();
      assertThat(JdkEd25519.verify(KEY.publicKey(), MESSAGE, sig)).as("JDK " + HEX.formatHex(r)).isFalse();
    }
  }

  @Test
  void shouldNeverThrowOnGarbage() {
    byte[] pub = KEY.publicKey();
    byte[] ones32 = new byte[32];
    Arrays.fill(ones32, (byte) 0xff);
    byte[] ones64 = new byte[64];
    Arrays.fill(ones64, (byte) 0xff);
    assertThat(Ed25519.verify(null, MESSAGE, SIG)).isFalse();
    assertThat(Ed25519.verify(pub, null, SIG)).isFalse();
    assertThat(Ed25519.verify(pub, MESSAGE, null)).isFalse();
    for (int len : new int[] {0, 1, 31, 33, 64}) {
      assertThat(Ed25519.verify(new byte[len], MESSAGE, SIG)).as("key length %d", len).isFalse();
    }
    for (int len : new int[] {0, 1, 32, 63, 65, 128}) {
      assertThat(Ed25519.verify(pub, MESSAGE, Arrays.copyOf(SIG, len))).as("signature length %d", len).isFalse();
    }
    assertThat(Ed25519.verify(ones32, MESSAGE, SIG)).isFalse();
    assertThat(Ed25519.verify(pub, MESSAGE, ones64)).isFalse();
    assertThat(Ed25519.verify(ones32, MESSAGE, ones64)).isFalse();
    assertThat(Ed25519.verify(new byte[32], MESSAGE, new byte[64])).isFalse();
    assertThat(Ed25519.verify(pub, MESSAGE, new byte[64])).isFalse();
    Random random = new Random(11);
    for (int i = 0; i < 2_000; i++) {
      byte[] key = new byte[32];
      byte[] sig = new byte[64];
      random.nextBytes(key);
      random.nextBytes(sig);
      if (i % 2 == 0) {
        sig[63] &= 0x0f; // canonical S, so the whole equation is evaluated
      }
      if (i % 3 == 0) {
        key = pub;
      }
      assertThat(Ed25519.verify(key, MESSAGE, sig)).isFalse();
    }
  }

  @Test
  void shouldRejectBadPrivateKeysAndMismatchedPublicKeys() {
    assertThatThrownBy(() -> Ed25519.privateKey(new byte[31])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("31");
    assertThatThrownBy(() -> Ed25519.privateKey(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ed25519.sign(SEED, new byte[32], MESSAGE)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Ed25519.sign(SEED, KEY.publicKey(), MESSAGE)).isEqualTo(SIG);
    assertThat(KEY.toString()).doesNotContain(HEX.formatHex(SEED).substring(0, 8));
  }

  @Test
  void shouldStayCorrectAfterAFailedCall() {
    assertThatThrownBy(() -> KEY.sign(null)).isInstanceOf(NullPointerException.class);
    assertThat(Ed25519.verify(KEY.publicKey(), null, SIG)).isFalse();
    assertThat(KEY.sign(MESSAGE)).isEqualTo(SIG);
    assertThat(Ed25519.verify(KEY.publicKey(), MESSAGE, SIG)).isTrue();
  }

  @Test
  void shouldNotLetCallersChangeTheKey() {
    byte[] pub = KEY.publicKey();
    pub[0] ^= 1;
    assertThat(KEY.publicKey()).isNotEqualTo(pub);
    byte[] seed = SEED.clone();
    Ed25519.PrivateKey key = Ed25519.privateKey(seed);
    Arrays.fill(seed, (byte) 0);
    assertThat(key.sign(MESSAGE)).isEqualTo(SIG);
  }
}
