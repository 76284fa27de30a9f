package io.actorchain.core.crypto;

import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.FixedBytes;
import io.actorchain.core.codec.Sha256;
import java.util.Arrays;

/** An account address: the first 20 bytes of {@code H(publicKey)} (CONSENSUS.md §0). */
public final class Address extends FixedBytes {
  public static final int WIDTH = 20;
  public static final Address ZERO = new Address(new byte[WIDTH]);

  private Address(byte[] bytes) {
    super(bytes, WIDTH);
  }

  public static Address wrap(byte[] bytes) {
    return new Address(bytes);
  }

  public static Address fromHex(String hex) {
    return new Address(parseHex(hex));
  }

  public static Address of(PubKey key) {
    return new Address(Arrays.copyOf(Sha256.hash(key.toArray()).toArray(), WIDTH));
  }

  public static Address read(CanonicalReader r) {
    return new Address(r.fixed(WIDTH));
  }
}
