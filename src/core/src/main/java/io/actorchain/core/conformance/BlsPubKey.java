package io.actorchain.core.conformance;

import io.actorchain.core.codec.FixedBytes;

/** A phase0 validator's 48-byte BLS public key, kept as bytes: ActorChain never verifies BLS. */
public final class BlsPubKey extends FixedBytes {
  public static final int WIDTH = 48;

  private BlsPubKey(byte[] bytes) {
    super(bytes, WIDTH);
  }

  public static BlsPubKey wrap(byte[] bytes) {
    return new BlsPubKey(bytes);
  }
}
