package io.actorchain.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeysTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void shouldDeriveTheSameKeyFromTheSameSeedAndName() {
    SigningKey a = Keys.fromName("seed", "alice");
    SigningKey b = Keys.fromName("seed", "alice");

    assertThat(a.publicKey()).isEqualTo(b.publicKey());
    assertThat(a.address()).isEqualTo(b.address());
  }

  @Test
  void shouldDeriveDifferentKeysForDifferentNamesOrChainSeeds() {
    PubKey alice = Keys.fromName("seed", "alice").publicKey();

    assertThat(Keys.fromName("seed", "bob").publicKey()).isNotEqualTo(alice);
    assertThat(Keys.fromName("other-seed", "alice").publicKey()).isNotEqualTo(alice);
  }

  @Test
  void shouldHashPrefixChainSeedAndNameIntoTheSeed() {
    byte[] expected = Sha256.hash("actorchain-keyseedalice".getBytes(StandardCharsets.UTF_8)).toArray();
    assertThat(Keys.seed32("seed", "alice")).isEqualTo(expected);
  }

  @Test
  void shouldUseTheSeedAsTheRfc8032PrivateKey() {
    // RFC 8032 section 7.1, TEST 1.
    byte[] secret = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    SigningKey key = Keys.fromSeed(secret);

    assertThat(key.publicKey().toHex())
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  }

  @Test
  void shouldRejectSeedsThatAreNot32Bytes() {
    assertThatThrownBy(() -> Keys.fromSeed(new byte[31])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("31");
  }

  @Test
  void shouldDeriveTheAddressAsTheFirst20BytesOfTheKeyHash() {
    PubKey key = Keys.fromName("seed", "alice").publicKey();
    byte[] hash = Sha256.hash(key.toArray()).toArray();

    assertThat(key.address().toArray()).isEqualTo(Arrays.copyOf(hash, Address.WIDTH));
    assertThat(Address.of(key)).isEqualTo(key.address());
  }

  @Test
  void shouldRoundTripKeysAddressesAndSignatures() {
    SigningKey key = Keys.fromName("seed", "alice");
    Signature sig = key.sign(Domain.TX, Sha256.hash(new byte[] {1}));
    CanonicalWriter w = new CanonicalWriter();
    key.publicKey().writeTo(w);
    key.address().writeTo(w);
    sig.writeTo(w);
    CanonicalReader r = new CanonicalReader(w.toByteArray());

    assertThat(PubKey.read(r)).isEqualTo(key.publicKey());
    assertThat(Address.read(r)).isEqualTo(key.address());
    assertThat(Signature.read(r)).isEqualTo(sig);
    r.expectEnd();
    assertThat(PubKey.fromHex(key.publicKey().toHex())).isEqualTo(key.publicKey());
    assertThat(Address.fromHex(key.address().toHex())).isEqualTo(key.address());
  }

  @Test
  void shouldNotLeakThePrivateKeyInToString() {
    SigningKey key = Keys.fromName("seed", "alice");
    assertThat(key.toString()).isEqualTo("SigningKey(" + key.publicKey().shortHex() + ")");
  }
}
