package io.actorchain.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.ed25519.JdkEd25519;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The keys, signatures and verdicts of {@link Keys}, {@link SigningKey} and {@link Signatures} are the JDK's. */
class SignaturesJdkTest {
  private static final Hash32 ROOT = Sha256.hash("block".getBytes(StandardCharsets.UTF_8));

  @Test
  void shouldDeriveTheJdksPublicKeys() {
    for (int i = 0; i < 64; i++) {
      byte[] seed = Keys.seed32("jdk-check", "v" + i);
      assertThat(Keys.fromSeed(seed).publicKey().toArray()).as("v%d", i).isEqualTo(JdkEd25519.publicKey(seed));
    }
  }

  @Test
  void shouldSignExactlyAsTheJdk() {
    for (int i = 0; i < 16; i++) {
      byte[] seed = Keys.seed32("jdk-check", "signer-" + i);
      SigningKey key = Keys.fromSeed(seed);
      for (Domain domain : Domain.values()) {
        Signature sig = key.sign(domain, ROOT);
        assertThat(sig.toArray()).isEqualTo(JdkEd25519.sign(seed, Signatures.signingMessage(domain, ROOT)));
        assertThat(JdkEd25519.verify(key.publicKey().toArray(), Signatures.signingMessage(domain, ROOT),
            sig.toArray())).isTrue();
      }
    }
  }

  @Test
  void shouldVerifyLikeTheJdk() {
    SigningKey key = Keys.fromName("seed", "carol");
    Signature sig = key.sign(Domain.ATTESTER, ROOT);
    byte[] message = Signatures.signingMessage(Domain.ATTESTER, ROOT);
    for (int bit = 0; bit < 512; bit += 5) {
      byte[] bad = sig.toArray();
      bad[bit >>> 3] ^= (byte) (1 << (bit & 7));
      assertThat(Signatures.verify(key.publicKey(), Domain.ATTESTER, ROOT, Signature.wrap(bad)))
          .as("bit %d", bit).isEqualTo(JdkEd25519.verify(key.publicKey().toArray(), message, bad));
    }
    assertThat(Signatures.verify(key.publicKey(), Domain.ATTESTER, ROOT, sig)).isTrue();
  }
}
