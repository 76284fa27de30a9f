package io.actorchain.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashingTest {
  private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

  @Test
  void shouldMatchTheSha256TestVector() {
    assertThat(Sha256.hash(ABC).toHex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void shouldHashConcatenatedPartsLikeTheWhole() {
    assertThat(Sha256.hash(new byte[] {'a'}, new byte[] {'b', 'c'})).isEqualTo(Sha256.hash(ABC));
  }

  @Test
  void shouldHashTwiceAsShaOfSha() {
    assertThat(Sha256.hashTwice(ABC)).isEqualTo(Sha256.hash(Sha256.hash(ABC).toArray()));
  }

  @Test
  void shouldRootACanonicalValueAsTheHashOfItsBytes() {
    Canonical value = w -> w.u64le(7).string("x");
    assertThat(value.root()).isEqualTo(Sha256.hash(value.canonical()));
    assertThat(value.canonical()).hasSize(8 + 4 + 1);
  }

  @Test
  void shouldRoundTripHashesThroughHexAndUnsignedIntegers() {
    Hash32 h = Sha256.hash(ABC);
    assertThat(Hash32.fromHex(h.toHex())).isEqualTo(h);
    assertThat(Hash32.fromHex("0x" + h.toHex())).isEqualTo(h);
    assertThat(Hash32.fromUnsignedBigInteger(h.toUnsignedBigInteger())).isEqualTo(h);
    assertThat(Hash32.fromUnsignedBigInteger(BigInteger.ONE).toHex()).isEqualTo("00".repeat(31) + "01");
    assertThat(h.shortHex()).isEqualTo("ba7816bf");
  }

  @Test
  void shouldRejectValuesThatAreNot256BitUnsigned() {
    assertThatThrownBy(() -> Hash32.fromUnsignedBigInteger(BigInteger.ONE.shiftLeft(256)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hash32.fromUnsignedBigInteger(BigInteger.ONE.negate()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectWrongWidthsAndBadHex() {
    assertThatThrownBy(() -> Hash32.wrap(new byte[31])).isInstanceOf(MalformedEncodingException.class)
        .hasMessageContaining("needs 32 bytes, got 31");
    assertThatThrownBy(() -> Hash32.fromHex("zz")).isInstanceOf(MalformedEncodingException.class);
  }

  @Test
  void shouldOrderFixedBytesAsUnsignedBigEndianNumbers() {
    Hash32 small = Hash32.fromUnsignedBigInteger(BigInteger.valueOf(0x7f));
    Hash32 big = Hash32.fromUnsignedBigInteger(BigInteger.valueOf(0x80));
    Hash32 top = Hash32.fromHex("80" + "00".repeat(31));
    List<Hash32> sorted = new ArrayList<>(List.of(top, big, small, Hash32.ZERO));
    sorted.sort(null);

    assertThat(sorted).containsExactly(Hash32.ZERO, small, big, top);
  }

  @Test
  void shouldCopyBytesInAndOut() {
    byte[] raw = new byte[32];
    Hash32 h = Hash32.wrap(raw);
    raw[0] = 1;
    h.toArray()[1] = 1;
    assertThat(h).isEqualTo(Hash32.ZERO);
  }

  @Test
  void shouldXorAndReadTheFirstU64() {
    Hash32 a = Sha256.hash(ABC);
    assertThat(a.xor(a)).isEqualTo(Hash32.ZERO);
    assertThat(a.xor(Hash32.ZERO)).isEqualTo(a);
    assertThat(Hash32.fromHex("0100000000000000" + "ff".repeat(24)).firstU64le()).isEqualTo(1L);
  }

  @Test
  void shouldRoundTripThroughTheReader() {
    Hash32 h = Sha256.hash(ABC);
    CanonicalWriter w = new CanonicalWriter();
    h.writeTo(w);
    assertThat(Hash32.read(new CanonicalReader(w.toByteArray()))).isEqualTo(h);
  }
}
