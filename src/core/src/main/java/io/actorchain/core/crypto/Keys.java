package io.actorchain.core.crypto;

import io.actorchain.core.codec.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;

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

  public static SigningKey fromName(String chainSeed, String name) {
    return fromSeed(seed32(chainSeed, name));
  }

  /** The Ed25519 key whose RFC 8032 private key is exactly {@code seed32}. */
  public static SigningKey fromSeed(byte[] seed32) {
    if (seed32.length != 32) {
      throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed32.length);
    }
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
      gen.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed32));
      KeyPair pair = gen.generateKeyPair();
      return new SigningKey(pair.getPrivate(), Signatures.rawPublicKey(pair.getPublic()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519", e);
    }
  }

  /** Hands the generator exactly the seed, so the private key is the seed itself. */
  private static final class FixedSeed extends SecureRandom {
    private final byte[] seed;

    FixedSeed(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException("Ed25519 asked for " + bytes.length + " random bytes, expected 32");
      }
      System.arraycopy(seed, 0, bytes, 0, bytes.length);
    }
  }
}
