package io.actorchain.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.codec.MalformedEncodingException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SszReaderTest {
  @Test
  void shouldReadLittleEndianFixedFields() {
    byte[] b = new SszBuilder().u8(7).u64(0x0102030405060708L).u64(-1L).u8(1).build();
    SszReader r = SszReader.of(b, "Thing");
    assertThat(r.u8("a")).isEqualTo(7);
    assertThat(r.u64("b")).isEqualTo(0x0102030405060708L);
    assertThat(r.u64("c")).isEqualTo(-1L);
    assertThat(r.bool("d")).isTrue();
    r.expectEndOfFixedPart();
  }

  @Test
  void shouldNameTheFieldWhenTruncated() {
    SszReader r = SszReader.of(new byte[5], "Thing");
    assertThatThrownBy(() -> r.u64("slot")).isInstanceOf(MalformedEncodingException.class)
        .hasMessageContaining("Thing.slot").hasMessageContaining("needs 8 bytes at position 0");
  }

  @Test
  void shouldRejectTrailingBytesAndBadBooleans() {
    SszReader r = SszReader.of(new byte[9], "Thing");
    r.u64("a");
    assertThatThrownBy(r::expectEndOfFixedPart).hasMessageContaining("1 trailing bytes");
    assertThatThrownBy(() -> SszReader.of(new byte[] {2}, "T").bool("slashed"))
        .hasMessageContaining("T.slashed: a boolean must be 0 or 1, got 2");
  }

  @Test
  void shouldResolveVariableFieldsByOffset() {
    byte[] b = new SszBuilder().u64(1).variable(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0})
        .u8(9).variable(new byte[0]).variable(new byte[] {5, 0, 0, 0, 0, 0, 0, 0}).build();
    SszReader r = SszReader.of(b, "C");
    r.u64("x");
    int first = r.offset("first");
    r.u8("y");
    int empty = r.offset("empty");
    int last = r.offset("last");
    r.expectEndOfFixedPart();
    assertThat(r.part(first).u64List(10)).containsExactly(1, 2);
    assertThat(r.part(empty).u64List(10)).isEmpty();
    assertThat(r.part(last).u64List(10)).containsExactly(5);
  }

  @Test
  void shouldRejectAFirstOffsetThatSkipsOrOverlapsTheFixedPart() {
    byte[] b = new SszBuilder().variable(new byte[8]).build();
    SszBuilder.putU32(b, 0, 5);
    SszReader r = SszReader.of(b, "C");
    r.offset("list");
    assertThatThrownBy(r::expectEndOfFixedPart).isInstanceOf(MalformedEncodingException.class)
        .hasMessageContaining("C.list: the first offset is 5, but the fixed part has 4 bytes");
  }

  @Test
  void shouldRejectDecreasingOrOutOfRangeOffsets() {
    byte[] b = new SszBuilder().variable(new byte[8]).variable(new byte[8]).build();
    SszBuilder.putU32(b, 4, 6); // second offset before the first
    SszReader r = SszReader.of(b, "C");
    r.offset("a");
    r.offset("b");
    assertThatThrownBy(r::expectEndOfFixedPart).hasMessageContaining("C.a: offset 8 is out of order");

    byte[] c = new SszBuilder().variable(new byte[8]).variable(new byte[8]).build();
    SszBuilder.putU32(c, 4, 1000);
    SszReader r2 = SszReader.of(c, "C");
    r2.offset("a");
    r2.offset("b");
    assertThatThrownBy(r2::expectEndOfFixedPart).hasMessageContaining("C.b: offset 1000");
  }

  @Test
  void shouldCheckFixedListLengthsAndLimits() {
    SszReader odd = SszReader.of(new byte[12], "L");
    assertThatThrownBy(() -> odd.u64List(10)).hasMessageContaining("12 bytes is not a whole number of 8-byte");
    SszReader big = SszReader.of(new byte[24], "L");
    assertThatThrownBy(() -> big.u64List(2)).hasMessageContaining("3 elements exceed the limit 2");
  }

  @Test
  void shouldReadAVariableList() {
    byte[] list = SszBuilder.variableList(List.of(new byte[] {1}, new byte[] {2, 3}, new byte[0]));
    List<Integer> sizes = SszReader.of(list, "L").variableList(10, SszReader::size);
    assertThat(sizes).containsExactly(1, 2, 0);
    assertThat(SszReader.of(new byte[0], "L").variableList(10, SszReader::size)).isEmpty();
  }

  @Test
  void shouldRejectABrokenVariableList() {
    byte[] list = SszBuilder.variableList(List.of(new byte[] {1}, new byte[] {2, 3}));
    SszBuilder.putU32(list, 4, 100);
    assertThatThrownBy(() -> SszReader.of(list, "L").variableList(10, SszReader::size))
        .hasMessageContaining("L[0]: element offsets");
    assertThatThrownBy(() -> SszReader.of(new byte[] {6, 0, 0, 0, 0, 0}, "L").variableList(10, SszReader::size))
        .hasMessageContaining("not a multiple of 4");
    byte[] three = SszBuilder.variableList(List.of(new byte[0], new byte[0], new byte[0]));
    assertThatThrownBy(() -> SszReader.of(three, "L").variableList(2, SszReader::size))
        .hasMessageContaining("3 elements exceed the limit 2");
  }

  @Test
  void shouldReadABitlistUpToItsSentinel() {
    // bits 1,0,1 then the sentinel at bit 3: 0b1101
    assertThat(SszReader.of(new byte[] {0b1101}, "B").bitlist(8)).containsExactly(true, false, true);
    // 9 bits: byte0 = 0xff (bits 0..7), byte1 = 0b10 (bit 8 = 0, sentinel at bit 9 → length 9)
    boolean[] nine = SszReader.of(new byte[] {(byte) 0xff, 0b10}, "B").bitlist(16);
    assertThat(nine).hasSize(9);
    assertThat(nine[7]).isTrue();
    assertThat(nine[8]).isFalse();
    assertThat(SszReader.of(new byte[] {1}, "B").bitlist(8)).isEmpty();
  }

  @Test
  void shouldRejectABitlistWithoutSentinelOrTooLong() {
    assertThatThrownBy(() -> SszReader.of(new byte[0], "B").bitlist(8)).hasMessageContaining("at least one byte");
    assertThatThrownBy(() -> SszReader.of(new byte[] {1, 0}, "B").bitlist(8)).hasMessageContaining("no sentinel");
    assertThatThrownBy(() -> SszReader.of(new byte[] {0, 0b100}, "B").bitlist(8))
        .hasMessageContaining("10 bits exceed the limit 8");
  }
}
