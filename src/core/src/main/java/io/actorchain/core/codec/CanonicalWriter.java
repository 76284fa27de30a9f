package io.actorchain.core.codec;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes the canonical byte form (CONSENSUS.md §0): fixed-width little-endian integers,
 * u32-length-prefixed variable data and lists, fields in declaration order.
 */
public final class CanonicalWriter {
  private byte[] buf;
  private int len;

  public CanonicalWriter() {
    this(128);
  }

  public CanonicalWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  public CanonicalWriter u8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  public CanonicalWriter bool(boolean v) {
    return u8(v ? 1 : 0);
  }

  public CanonicalWriter u32le(int v) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buf[len++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  public CanonicalWriter u64le(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[len++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  public CanonicalWriter fixed(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    return this;
  }

  public CanonicalWriter fixed(FixedBytes bytes) {
    return fixed(bytes.raw());
  }

  /** Variable-length bytes: u32le length, then the bytes. */
  public CanonicalWriter bytes(byte[] bytes) {
    u32le(bytes.length);
    return fixed(bytes);
  }

  public CanonicalWriter string(String s) {
    return bytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A list: u32le count, then each element. */
  public <T> CanonicalWriter list(List<T> items, BiConsumer<CanonicalWriter, T> element) {
    u32le(items.size());
    for (T item : items) {
      element.accept(this, item);
    }
    return this;
  }

  public int size() {
    return len;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }
}
