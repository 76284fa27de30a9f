package io.actorchain.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void shouldWriteIntegersLittleEndianAtFixedWidth() {
    byte[] out = new CanonicalWriter().u8(0xab).u32le(0x01020304).u64le(0x0102030405060708L).bool(true).toByteArray();

    assertThat(HEX.formatHex(out)).isEqualTo("ab" + "04030201" + "0807060504030201" + "01");
  }

  @Test
  void shouldRoundTripEveryPrimitive() {
    byte[] fixed = {9, 8, 7};
    CanonicalWriter w = new CanonicalWriter(1)
        .u8(255).bool(false).bool(true).u32le(-1).u64le(Long.MIN_VALUE).u64le(-1L)
        .fixed(fixed).bytes(new byte[] {1, 2}).string("héllo ✓")
        .list(List.of(5L, 6L), CanonicalWriter::u64le);
    CanonicalReader r = new CanonicalReader(w.toByteArray());

    assertThat(r.u8()).isEqualTo(255);
    assertThat(r.bool()).isFalse();
    assertThat(r.bool()).isTrue();
    assertThat(r.u32le()).isEqualTo(-1);
    assertThat(r.u64le()).isEqualTo(Long.MIN_VALUE);
    assertThat(r.u64le()).isEqualTo(-1L);
    assertThat(r.fixed(3)).containsExactly(9, 8, 7);
    assertThat(r.bytes()).containsExactly(1, 2);
    assertThat(r.string()).isEqualTo("héllo ✓");
    assertThat(r.list(CanonicalReader::u64le)).containsExactly(5L, 6L);
    assertThat(r.atEnd()).isTrue();
    r.expectEnd();
  }

  @Test
  void shouldGrowTheWriterBufferAsNeeded() {
    CanonicalWriter w = new CanonicalWriter(0);
    for (int i = 0; i < 1000; i++) {
      w.u64le(i);
    }
    assertThat(w.size()).isEqualTo(8000);
    CanonicalReader r = new CanonicalReader(w.toByteArray());
    for (int i = 0; i < 1000; i++) {
      assertThat(r.u64le()).isEqualTo(i);
    }
  }

  @Test
  void shouldRejectTruncatedInput() {
    assertThatThrownBy(() -> new CanonicalReader(new byte[7]).u64le())
        .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> new CanonicalReader(new byte[3]).u32le()).isInstanceOf(MalformedEncodingException.class);
    assertThatThrownBy(() -> new CanonicalReader(new byte[0]).u8()).isInstanceOf(MalformedEncodingException.class);
    assertThatThrownBy(() -> new CanonicalReader(new byte[31]).fixed(32))
        .isInstanceOf(MalformedEncodingException.class);
    byte[] shortBytes = new CanonicalWriter().u32le(10).fixed(new byte[9]).toByteArray();
    assertThatThrownBy(() -> new CanonicalReader(shortBytes).bytes()).isInstanceOf(MalformedEncodingException.class);
  }

  @Test
  void shouldRejectOversizedLengthPrefixes() {
    byte[] huge = new CanonicalWriter().u32le(CanonicalReader.MAX_LENGTH + 1).toByteArray();
    byte[] negative = new CanonicalWriter().u32le(-5).toByteArray();

    assertThatThrownBy(() -> new CanonicalReader(huge).bytes())
        .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("length out of range");
    assertThatThrownBy(() -> new CanonicalReader(negative).list(CanonicalReader::u8))
        .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("4294967291");
  }

  @Test
  void shouldRejectAListLongerThanItsBytes() {
    byte[] bytes = new CanonicalWriter().u32le(1_000_000).u64le(1).toByteArray();

    assertThatThrownBy(() -> new CanonicalReader(bytes).list(CanonicalReader::u64le))
        .isInstanceOf(MalformedEncodingException.class);
  }

  @Test
  void shouldRejectTrailingBytes() {
    byte[] bytes = new CanonicalWriter().u64le(1).u8(0).toByteArray();

    assertThatThrownBy(() -> CanonicalReader.decode(bytes, CanonicalReader::u64le))
        .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("1 trailing bytes");
    long decoded = CanonicalReader.decode(new CanonicalWriter().u64le(42).toByteArray(), CanonicalReader::u64le);
    assertThat(decoded).isEqualTo(42L);
  }

  @Test
  void shouldRejectNonCanonicalBooleansAndMalformedUtf8() {
    assertThatThrownBy(() -> new CanonicalReader(new byte[] {2}).bool())
        .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("bool");
    byte[] badUtf8 = new CanonicalWriter().bytes(new byte[] {(byte) 0xc3, (byte) 0x28}).toByteArray();
    assertThatThrownBy(() -> new CanonicalReader(badUtf8).string())
        .isInstanceOf(MalformedEncodingException.class).hasMessageContaining("UTF-8");
  }

  @Test
  void shouldRejectNullInput() {
    assertThatThrownBy(() -> new CanonicalReader(null)).isInstanceOf(MalformedEncodingException.class);
  }

  @Test
  void shouldReadU64FromAnOffset() {
    byte[] b = {0, 1, 0, 0, 0, 0, 0, 0, (byte) 0x80};
    assertThat(CanonicalReader.u64le(b, 1)).isEqualTo(0x8000000000000001L);
  }
}
