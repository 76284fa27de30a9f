package io.actorchain.core.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the canonical form written by {@link CanonicalWriter}; any deviation is a
 * {@link MalformedEncodingException}.
 */
public final class CanonicalReader {
  /** No list or byte string in a valid message is longer than this. */
  public static final int MAX_LENGTH = 16 * 1024 * 1024;

  private final byte[] buf;
  private int pos;

  public CanonicalReader(byte[] buf) {
    if (buf == null) {
      throw new MalformedEncodingException("no bytes to decode (null)");
    }
    this.buf = buf;
  }

  /** Reads one value that must span all of {@code bytes}: no truncation, no trailing bytes. */
  public static <T> T decode(byte[] bytes, Function<CanonicalReader, T> read) {
    CanonicalReader r = new CanonicalReader(bytes);
    T value = read.apply(r);
    r.expectEnd();
    return value;
  }

  public static long u64le(byte[] b, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xffL);
    }
    return v;
  }

  private void need(int n, String what) {
    if (n < 0 || n > buf.length - pos) {
      throw new MalformedEncodingException("truncated: " + what + " needs " + n + " bytes at offset " + pos
          + " of " + buf.length);
    }
  }

  public int u8() {
    need(1, "u8");
    return buf[pos++] & 0xff;
  }

  public boolean bool() {
    int v = u8();
    if (v > 1) {
      throw new MalformedEncodingException("bool must be 0 or 1, got " + v);
    }
    return v == 1;
  }

  public int u32le() {
    need(4, "u32");
    int v = 0;
    for (int i = 3; i >= 0; i--) {
      v = (v << 8) | (buf[pos + i] & 0xff);
    }
    pos += 4;
    return v;
  }

  public long u64le() {
    need(8, "u64");
    long v = u64le(buf, pos);
    pos += 8;
    return v;
  }

  public byte[] fixed(int n) {
    need(n, "fixed bytes");
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  private int length(String what) {
    int n = u32le();
    if (n < 0 || n > MAX_LENGTH) {
      throw new MalformedEncodingException(what + " length out of range: " + Integer.toUnsignedString(n));
    }
    return n;
  }

  public byte[] bytes() {
    return fixed(length("bytes"));
  }

  /** A UTF-8 string; malformed UTF-8 is rejected, since it would not re-encode to the same bytes. */
  public String string() {
    byte[] raw = bytes();
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedEncodingException("string is not valid UTF-8");
    }
  }

  public <T> List<T> list(Function<CanonicalReader, T> element) {
    int n = length("list");
    List<T> out = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      out.add(element.apply(this));
    }
    return List.copyOf(out);
  }

  public boolean atEnd() {
    return pos == buf.length;
  }

  /** Fails unless every byte was consumed: a canonical encoding has no trailing bytes. */
  public void expectEnd() {
    if (pos != buf.length) {
      throw new MalformedEncodingException((buf.length - pos) + " trailing bytes");
    }
  }
}
