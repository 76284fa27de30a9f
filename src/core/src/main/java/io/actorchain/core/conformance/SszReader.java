package io.actorchain.core.conformance;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.MalformedEncodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads one SSZ container (Ethereum's SimpleSerialize) from a window of a byte array: little-endian fixed-size
 * fields first, each variable-size field as a 4-byte offset into the container, the variable parts after the fixed
 * part in field order. Every read is bounds-checked; a bad length or offset is a {@link MalformedEncodingException}
 * naming the container, the field and the byte position.
 *
 * <p>Use: read the fixed part field by field (a variable field with {@link #offset(String)}), then
 * {@link #part(int)} each variable field and {@link #expectEndOfFixedPart()} once. Not thread-safe.
 */
public final class SszReader {
  public static final int OFFSET_SIZE = 4;

  private final byte[] data;
  private final int start;
  private final int end;
  private final String what;
  private int cursor;
  private final List<Integer> offsets = new ArrayList<>();
  private final List<String> offsetNames = new ArrayList<>();
  private boolean offsetsChecked;

  private SszReader(byte[] data, int start, int end, String what) {
    this.data = data;
    this.start = start;
    this.end = end;
    this.what = what;
    this.cursor = start;
  }

  /** A reader over all of {@code data}, which holds one {@code what}. */
  public static SszReader of(byte[] data, String what) {
    if (data == null) {
      throw new MalformedEncodingException(what + ": no bytes to decode (null)");
    }
    return new SszReader(data, 0, data.length, what);
  }

  /** The container's size in bytes. */
  public int size() {
    return end - start;
  }

  /** Bytes not yet read by the cursor. */
  public int remaining() {
    return end - cursor;
  }

  private int take(int n, String field) {
    if (n < 0 || n > end - cursor) {
      throw new MalformedEncodingException(what + "." + field + ": needs " + n + " bytes at position "
          + (cursor - start) + ", but the " + what + " has " + size() + " bytes");
    }
    int at = cursor;
    cursor += n;
    return at;
  }

  // --- fixed-size fields ---

  public int u8(String field) {
    return data[take(1, field)] & 0xff;
  }

  /** A {@code boolean}: exactly 0 or 1. */
  public boolean bool(String field) {
    int v = u8(field);
    if (v > 1) {
      throw new MalformedEncodingException(what + "." + field + ": a boolean must be 0 or 1, got " + v);
    }
    return v == 1;
  }

  public long u64(String field) {
    return u64At(take(8, field));
  }

  public byte[] bytes(int n, String field) {
    int at = take(n, field);
    return Arrays.copyOfRange(data, at, at + n);
  }

  public Hash32 bytes32(String field) {
    return Hash32.wrap(bytes(Hash32.WIDTH, field));
  }

  /** Skips a fixed-size field this decoder does not keep. */
  public void skip(int n, String field) {
    take(n, field);
  }

  /** {@code Vector[Bytes32, n]}. */
  public Hash32[] bytes32Vector(int n, String field) {
    int at = take(Math.multiplyExact(n, Hash32.WIDTH), field);
    Hash32[] out = new Hash32[n];
    for (int i = 0; i < n; i++) {
      int from = at + i * Hash32.WIDTH;
      out[i] = Hash32.wrap(Arrays.copyOfRange(data, from, from + Hash32.WIDTH));
    }
    return out;
  }

  /** {@code Vector[uint64, n]}. */
  public long[] u64Vector(int n, String field) {
    int at = take(Math.multiplyExact(n, 8), field);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = u64At(at + i * 8);
    }
    return out;
  }

  /** A fixed-size sub-container of {@code n} bytes, read by its own reader. */
  public SszReader container(int n, String field) {
    int at = take(n, field);
    return new SszReader(data, at, at + n, what + "." + field);
  }

  // --- variable-size fields ---

  /** Reads the 4-byte offset of a variable-size field; returns the handle that {@link #part(int)} takes. */
  public int offset(String field) {
    int at = take(OFFSET_SIZE, field + " (offset)");
    offsets.add(u32At(at));
    offsetNames.add(field);
    return offsets.size() - 1;
  }

  /**
   * Checks that the fixed part was read exactly: the first offset points just past it, the offsets do not
   * decrease and stay inside the container. A container without variable fields must have been read to its end.
   */
  public void expectEndOfFixedPart() {
    int fixedSize = cursor - start;
    if (offsets.isEmpty()) {
      if (cursor != end) {
        throw new MalformedEncodingException(what + ": " + (end - cursor) + " trailing bytes after the last field");
      }
    } else {
      checkOffsets(fixedSize);
    }
  }

  private void checkOffsets(int fixedSize) {
    if (offsetsChecked) {
      return;
    }
    if (offsets.get(0) != fixedSize) {
      throw new MalformedEncodingException(what + "." + offsetNames.get(0) + ": the first offset is "
          + Integer.toUnsignedString(offsets.get(0)) + ", but the fixed part has " + fixedSize + " bytes");
    }
    for (int i = 0; i < offsets.size(); i++) {
      int o = offsets.get(i);
      int next = i + 1 < offsets.size() ? offsets.get(i + 1) : size();
      if (Integer.compareUnsigned(o, size()) > 0 || Integer.compareUnsigned(o, next) > 0) {
        throw new MalformedEncodingException(what + "." + offsetNames.get(i) + ": offset " + Integer.toUnsignedString(o)
            + " is out of order or past the end (next " + Integer.toUnsignedString(next) + ", size " + size() + ")");
      }
    }
    offsetsChecked = true;
  }

  /** The variable part of the field with this handle, from its offset to the next one (or the container's end). */
  public SszReader part(int handle) {
    checkOffsets(cursor - start);
    int from = offsets.get(handle);
    int to = handle + 1 < offsets.size() ? offsets.get(handle + 1) : size();
    return new SszReader(data, start + from, start + to, what + "." + offsetNames.get(handle));
  }

  // --- whole-window readers for a variable part ---

  /** This window as {@code List[uint64, limit]}. */
  public long[] u64List(long limit) {
    return u64Vector(fixedCount(8, limit), "list");
  }

  /** This window as a list of fixed-size elements of {@code elementSize} bytes, at most {@code limit}. */
  public <T> List<T> fixedList(int elementSize, long limit, Function<SszReader, T> element) {
    int n = fixedCount(elementSize, limit);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SszReader r = container(elementSize, "[" + i + "]");
      T value = element.apply(r);
      r.expectEndOfFixedPart();
      out.add(value);
    }
    return out;
  }

  private int fixedCount(int elementSize, long limit) {
    if (size() % elementSize != 0) {
      throw new MalformedEncodingException(what + ": " + size() + " bytes is not a whole number of "
          + elementSize + "-byte elements");
    }
    int n = size() / elementSize;
    if (n > limit) {
      throw new MalformedEncodingException(what + ": " + n + " elements exceed the limit " + limit);
    }
    return n;
  }

  /** This window as a list of variable-size elements: a table of 4-byte offsets, then the elements. */
  public <T> List<T> variableList(long limit, Function<SszReader, T> element) {
    if (size() == 0) {
      return List.of();
    }
    if (size() < OFFSET_SIZE) {
      throw new MalformedEncodingException(what + ": " + size() + " bytes cannot hold an offset table");
    }
    int first = u32At(start);
    if (first == 0 || first % OFFSET_SIZE != 0 || Integer.compareUnsigned(first, size()) > 0) {
      throw new MalformedEncodingException(what + ": the first element offset " + Integer.toUnsignedString(first)
          + " is not a multiple of 4 inside the " + size() + "-byte list");
    }
    int n = first / OFFSET_SIZE;
    if (n > limit) {
      throw new MalformedEncodingException(what + ": " + n + " elements exceed the limit " + limit);
    }
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int from = u32At(start + i * OFFSET_SIZE);
      int to = i + 1 < n ? u32At(start + (i + 1) * OFFSET_SIZE) : size();
      if (Integer.compareUnsigned(from, to) > 0 || Integer.compareUnsigned(to, size()) > 0) {
        throw new MalformedEncodingException(what + "[" + i + "]: element offsets " + Integer.toUnsignedString(from)
            + ".." + Integer.toUnsignedString(to) + " are out of order or past the end (" + size() + " bytes)");
      }
      out.add(element.apply(new SszReader(data, start + from, start + to, what + "[" + i + "]")));
    }
    return out;
  }

  /**
   * This window as {@code Bitlist[limit]}: bit i is bit {@code i % 8} of byte {@code i / 8}, and the highest set bit
   * of the last byte is a sentinel marking the length (so the last byte is never 0).
   */
  public boolean[] bitlist(long limit) {
    if (size() == 0) {
      throw new MalformedEncodingException(what + ": a bitlist needs at least one byte (the sentinel)");
    }
    int last = data[end - 1] & 0xff;
    if (last == 0) {
      throw new MalformedEncodingException(what + ": the last byte of a bitlist is 0, so it has no sentinel bit");
    }
    int length = (size() - 1) * 8 + (31 - Integer.numberOfLeadingZeros(last));
    if (length > limit) {
      throw new MalformedEncodingException(what + ": " + length + " bits exceed the limit " + limit);
    }
    boolean[] bits = new boolean[length];
    for (int i = 0; i < length; i++) {
      bits[i] = ((data[start + i / 8] >> (i % 8)) & 1) == 1;
    }
    return bits;
  }

  private long u64At(int at) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (data[at + i] & 0xffL);
    }
    return v;
  }

  private int u32At(int at) {
    return (data[at] & 0xff) | (data[at + 1] & 0xff) << 8 | (data[at + 2] & 0xff) << 16 | (data[at + 3] & 0xff) << 24;
  }
}
