package io.actorchain.core.conformance;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Builds SSZ containers by hand for tests: fixed fields, then variable parts behind 4-byte offsets. */
final class SszBuilder {
  private final ByteArrayOutputStream fixed = new ByteArrayOutputStream();
  private final List<Integer> offsetSlots = new ArrayList<>();
  private final List<byte[]> parts = new ArrayList<>();

  SszBuilder u8(int v) {
    fixed.write(v);
    return this;
  }

  SszBuilder u64(long v) {
    for (int i = 0; i < 8; i++) {
      fixed.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  SszBuilder bytes(byte[] b) {
    fixed.writeBytes(b);
    return this;
  }

  SszBuilder filled(int n, int value) {
    for (int i = 0; i < n; i++) {
      fixed.write(value);
    }
    return this;
  }

  /** A variable field: its offset now, its bytes after the fixed part. */
  SszBuilder variable(byte[] part) {
    offsetSlots.add(fixed.size());
    fixed.writeBytes(new byte[4]);
    parts.add(part);
    return this;
  }

  byte[] build() {
    byte[] head = fixed.toByteArray();
    int offset = head.length;
    for (int i = 0; i < parts.size(); i++) {
      putU32(head, offsetSlots.get(i), offset);
      offset += parts.get(i).length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head);
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** A list of variable-size elements: the offset table, then the elements. */
  static byte[] variableList(List<byte[]> elements) {
    byte[] table = new byte[4 * elements.size()];
    int offset = table.length;
    for (int i = 0; i < elements.size(); i++) {
      putU32(table, 4 * i, offset);
      offset += elements.get(i).length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(table);
    elements.forEach(out::writeBytes);
    return out.toByteArray();
  }

  static byte[] concat(List<byte[]> elements) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    elements.forEach(out::writeBytes);
    return out.toByteArray();
  }

  static void putU32(byte[] b, int at, int v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }
}
