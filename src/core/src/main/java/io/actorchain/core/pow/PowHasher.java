package io.actorchain.core.pow;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * SHA-256d of one header template over many nonces, reusing the midstate (CONSENSUS.md §3): the first
 * {@link PowHeader#NONCE_OFFSET} bytes are digested once; each nonce clones that digest state, appends
 * {@code u64le(nonce)}, finishes and hashes the result again. {@code hash(n)} equals
 * {@code template.withNonce(n).powHash()}. Not thread-safe: one instance per mining thread.
 */
public final class PowHasher {
  private final MessageDigest prefix;
  private final MessageDigest outer = Sha256.newDigest();
  private final byte[] target;
  private final byte[] nonceBytes = new byte[8];
  private final byte[] inner = new byte[Hash32.WIDTH];
  private final byte[] out = new byte[Hash32.WIDTH];

  public PowHasher(PowHeader template) {
    byte[] encoded = template.canonical();
    this.prefix = Sha256.newDigest();
    this.prefix.update(encoded, 0, PowHeader.NONCE_OFFSET);
    this.target = template.target().toArray();
    try {
      prefix.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("this JDK's SHA-256 cannot clone its state, so the midstate cannot be reused", e);
    }
  }

  /** {@code H(H(prefix || u64le(nonce)))}. */
  public Hash32 hash(long nonce) {
    compute(nonce);
    return Hash32.wrap(out);
  }

  /** True iff the hash with {@code nonce} meets the template's target. */
  public boolean meetsTarget(long nonce) {
    compute(nonce);
    return Arrays.compareUnsigned(out, target) <= 0;
  }

  /**
   * The first nonce in {@code startNonce, startNonce + 1, …} ({@code count} of them, wrapping as unsigned 64-bit)
   * whose hash meets the target, or empty.
   */
  public OptionalLong search(long startNonce, long count) {
    for (long i = 0; i < count; i++) {
      long nonce = startNonce + i;
      if (meetsTarget(nonce)) {
        return OptionalLong.of(nonce);
      }
    }
    return OptionalLong.empty();
  }

  private void compute(long nonce) {
    for (int i = 0; i < 8; i++) {
      nonceBytes[i] = (byte) (nonce >>> (8 * i));
    }
    try {
      MessageDigest d = (MessageDigest) prefix.clone();
      d.update(nonceBytes, 0, 8);
      d.digest(inner, 0, Hash32.WIDTH);
      outer.update(inner, 0, Hash32.WIDTH);
      outer.digest(out, 0, Hash32.WIDTH);
    } catch (CloneNotSupportedException | DigestException e) {
      throw new IllegalStateException("SHA-256 midstate reuse failed", e);
    }
  }
}
