package io.actorchain.core.crypto;

import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.FixedBytes;

/** A raw 32-byte Ed25519 public key (RFC 8032 encoding). */
public final class PubKey extends FixedBytes {
  public static final int WIDTH = 32;

  private PubKey(byte[] bytes) {
    super(bytes, WIDTH);
  }

  public static PubKey wrap(byte[] bytes) {
    return new PubKey(bytes);
  }

  public static PubKey fromHex(String hex) {
    return new PubKey(parseHex(hex));
  }

  public static PubKey read(CanonicalReader r) {
    return new PubKey(r.fixed(WIDTH));
  }

  public Address address() {
    return Address.of(this);
  }
}
