package io.actorchain.core.crypto.ed25519;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * The test oracle: Ed25519 through the JDK's SunEC provider, exactly as the production code did before
 * {@link Ed25519} replaced it (raw 32-byte keys converted to and from {@link EdECPoint}).
 */
public final class JdkEd25519 {
  private JdkEd25519() {}

  /** The public key the JDK derives for the RFC 8032 private key {@code seed32}. */
  public static byte[] publicKey(byte[] seed32) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
      gen.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed32));
      KeyPair pair = gen.generateKeyPair();
      byte[] enc = pair.getPublic().getEncoded(); // X.509 SubjectPublicKeyInfo: 12-byte header, then the raw key
      return Arrays.copyOfRange(enc, enc.length - 32, enc.length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] sign(byte[] seed32, byte[] message) {
    try {
      PrivateKey key = KeyFactory.getInstance("Ed25519")
          .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed32));
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JDK's verdict; false wherever the JDK rejects the key or the signature with an exception. */
  public static boolean verify(byte[] publicKey32, byte[] message, byte[] signature) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(toJdk(publicKey32));
      s.update(message);
      return s.verify(signature);
    } catch (InvalidKeyException | InvalidKeySpecException | SignatureException | IllegalArgumentException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519", e);
    }
  }

  static PublicKey toJdk(byte[] raw) throws GeneralSecurityException {
    byte[] le = raw.clone();
    boolean xOdd = (le[31] & 0x80) != 0;
    le[31] &= 0x7f;
    byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, be));
    return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
  }

  /** Hands the generator exactly the seed, so the private key is the seed itself. */
  private static final class FixedSeed extends SecureRandom {
    private final byte[] seed;

    FixedSeed(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      System.arraycopy(seed, 0, bytes, 0, bytes.length);
    }
  }
}
