package io.actorchain.core.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The JDK's SHA-256: {@code H(x)} of CONSENSUS.md §0. */
public final class Sha256 {
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

  private Sha256() {}

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  public static Hash32 hash(byte[] data) {
    return Hash32.wrap(DIGEST.get().digest(data));
  }

  /** H(a || b || ...). */
  public static Hash32 hash(byte[]... parts) {
    MessageDigest d = DIGEST.get();
    for (byte[] p : parts) {
      d.update(p);
    }
    return Hash32.wrap(d.digest());
  }

  /** H(H(x)), the proof-of-work hash. */
  public static Hash32 hashTwice(byte[] data) {
    MessageDigest d = DIGEST.get();
    return Hash32.wrap(d.digest(d.digest(data)));
  }
}
