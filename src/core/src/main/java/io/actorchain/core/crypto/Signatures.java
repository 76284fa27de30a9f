package io.actorchain.core.crypto;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/** Ed25519 over {@code H(domain || root)} with the JDK's provider (CONSENSUS.md §0). */
public final class Signatures {
  private Signatures() {}

  static Signature sign(PrivateKey key, Domain domain, Hash32 root) {
    try {
      java.security.Signature s = java.security.Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(signingMessage(domain, root));
      return Signature.wrap(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** True iff {@code sig} is {@code key}'s signature of {@code H(domain || root)}. Never throws on bad input. */
  public static boolean verify(PubKey key, Domain domain, Hash32 root, Signature sig) {
    try {
      java.security.Signature s = java.security.Signature.getInstance("Ed25519");
      s.initVerify(toJdk(key));
      s.update(signingMessage(domain, root));
      return s.verify(sig.toArray());
    } catch (InvalidKeyException | InvalidKeySpecException | SignatureException | IllegalArgumentException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519", e);
    }
  }

  static byte[] signingMessage(Domain domain, Hash32 root) {
    return Sha256.hash(domain.tag(), root.toArray()).toArray();
  }

  static PubKey rawPublicKey(PublicKey key) {
    byte[] enc = key.getEncoded(); // X.509 SubjectPublicKeyInfo: 12-byte header, then the 32 raw bytes
    return PubKey.wrap(Arrays.copyOfRange(enc, enc.length - PubKey.WIDTH, enc.length));
  }

  static PublicKey toJdk(PubKey key) throws GeneralSecurityException {
    byte[] le = key.toArray();
    boolean xOdd = (le[31] & 0x80) != 0;
    le[31] &= 0x7f;
    byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, be));
    return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
  }
}
