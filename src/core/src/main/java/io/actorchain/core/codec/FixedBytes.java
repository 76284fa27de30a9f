package io.actorchain.core.codec;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable fixed-width byte string: equal by content, ordered as an unsigned big-endian number. */
public abstract class FixedBytes implements Comparable<FixedBytes> {
  private static final HexFormat HEX = HexFormat.of();
  private final byte[] bytes;
  private int hash; // computed once: these values are map keys on hot paths

  protected FixedBytes(byte[] bytes, int width) {
    if (bytes == null || bytes.length != width) {
      throw new MalformedEncodingException(
          getClass().getSimpleName() + " needs " + width + " bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    this.bytes = bytes.clone();
  }

  /** A copy of the bytes. */
  public final byte[] toArray() {
    return bytes.clone();
  }

  /** The bytes without copying; callers must not modify them. */
  final byte[] raw() {
    return bytes;
  }

  public final int length() {
    return bytes.length;
  }

  public final byte get(int i) {
    return bytes[i];
  }

  public final void writeTo(CanonicalWriter w) {
    w.fixed(bytes);
  }

  public final String toHex() {
    return HEX.formatHex(bytes);
  }

  /** The first 4 bytes in hex, for logs and terminal views. */
  public final String shortHex() {
    return HEX.formatHex(bytes, 0, Math.min(4, bytes.length));
  }

  protected static byte[] parseHex(String hex) {
    String h = hex.startsWith("0x") ? hex.substring(2) : hex;
    try {
      return HEX.parseHex(h);
    } catch (IllegalArgumentException e) {
      throw new MalformedEncodingException("not hex: " + hex);
    }
  }

  @Override
  public final int compareTo(FixedBytes o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((FixedBytes) o).bytes);
  }

  @Override
  public final int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(bytes);
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return toHex();
  }
}
