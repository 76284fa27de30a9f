package io.actorchain.core.codec;

import java.math.BigInteger;

/** A 32-byte SHA-256 digest or root. */
public final class Hash32 extends FixedBytes {
  public static final int WIDTH = 32;
  public static final Hash32 ZERO = new Hash32(new byte[WIDTH]);

  private Hash32(byte[] bytes) {
    super(bytes, WIDTH);
  }

  public static Hash32 wrap(byte[] bytes) {
    return new Hash32(bytes);
  }

  public static Hash32 fromHex(String hex) {
    return new Hash32(parseHex(hex));
  }

  public static Hash32 read(CanonicalReader r) {
    return new Hash32(r.fixed(WIDTH));
  }

  /** This hash read as an unsigned 256-bit big-endian number. */
  public BigInteger toUnsignedBigInteger() {
    return new BigInteger(1, raw());
  }

  /** The unsigned 256-bit big-endian encoding of {@code n}, which must fit in 32 bytes. */
  public static Hash32 fromUnsignedBigInteger(BigInteger n) {
    if (n.signum() < 0 || n.bitLength() > 256) {
      throw new IllegalArgumentException("not a 256-bit unsigned value: " + n);
    }
    byte[] out = new byte[WIDTH];
    byte[] b = n.toByteArray();
    int copy = Math.min(b.length, WIDTH);
    System.arraycopy(b, b.length - copy, out, WIDTH - copy, copy);
    return new Hash32(out);
  }

  /** Little-endian u64 from the first 8 bytes ({@code bytesToU64} of CONSENSUS.md §0). */
  public long firstU64le() {
    return CanonicalReader.u64le(raw(), 0);
  }

  /** {@code this XOR other}, used for RANDAO mixing. */
  public Hash32 xor(Hash32 other) {
    byte[] out = new byte[WIDTH];
    for (int i = 0; i < WIDTH; i++) {
      out[i] = (byte) (raw()[i] ^ other.raw()[i]);
    }
    return new Hash32(out);
  }
}
