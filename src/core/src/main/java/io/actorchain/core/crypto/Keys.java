package io.actorchain.core.crypto;

import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.ed25519.Ed25519;
import java.nio.charset.StandardCharsets;

/**
 * Deterministic keys from names (CONSENSUS.md §0): {@code seed32 = H("actorchain-key" || chainSeed || name)}.
 * Insecure on purpose: every process can rebuild every key, which keeps the simulator easy to run.
 */
public final class Keys {
  private static final byte[] PREFIX = "actorchain-key".getBytes(StandardCharsets.UTF_8);

  private Keys() {}

  public static byte[] seed32(String chainSeed, String name) {
    return Sha256.hash(PREFIX, chainSeed.getBytes(StandardCharsets.UTF_8), name.getBytes(StandardCharsets.UTF_8))
        .toArray();
  }

  /**
   * The key of {@code name} under {@code chainSeed}. Memoized (keys are a pure function of the two, and every node of
   * an embedded network derives every genesis validator's key); the memo is bounded and thread-safe.
   */
  public static SigningKey fromName(String chainSeed, String name) {
    String id = chainSeed + '\u0000' + name;
    SigningKey k = MEMO.get(id);
    if (k == null) {
      if (MEMO.size() >= MEMO_CAPACITY) {
        MEMO.clear();
      }
      k = fromSeed(seed32(chainSeed, name));
      MEMO.put(id, k);
    }
    return k;
  }

  private static final int MEMO_CAPACITY = 1 << 16;
  private static final java.util.concurrent.ConcurrentHashMap<String, SigningKey> MEMO =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The Ed25519 key whose RFC 8032 private key is exactly {@code seed32}. */
  public static SigningKey fromSeed(byte[] seed32) {
    if (seed32.length != 32) {
      throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed32.length);
    }
    Ed25519.PrivateKey key = Ed25519.privateKey(seed32);
    return new SigningKey(key, PubKey.wrap(key.publicKey()));
  }
}
