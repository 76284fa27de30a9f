package io.actorchain.core.crypto;

import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.FixedBytes;

/** A 64-byte Ed25519 signature. */
public final class Signature extends FixedBytes {
  public static final int WIDTH = 64;
  /** All zeroes: never a valid signature; used where a value is unsigned. */
  public static final Signature EMPTY = new Signature(new byte[WIDTH]);

  private Signature(byte[] bytes) {
    super(bytes, WIDTH);
  }

  public static Signature wrap(byte[] bytes) {
    return new Signature(bytes);
  }

  public static Signature read(CanonicalReader r) {
    return new Signature(r.fixed(WIDTH));
  }
}
