package io.actorchain.core.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.TestKeys;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.Signature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Signatures made in this JVM go straight into the shared memo, which stays bounded. */
class SignatureRecordingTest {
  @Test
  void shouldRecordEverySignatureASigningKeyMakes() {
    Hash32 root = Sha256.hash("recorded".getBytes(StandardCharsets.UTF_8));
    Signature sig = TestKeys.CAROL.sign(Domain.RANDAO, root);

    assertThat(SharedSignatureMemo.INSTANCE.holds(TestKeys.CAROL.publicKey(), Domain.RANDAO, root, sig)).isTrue();
    assertThat(SignatureCheck.shared().verify(TestKeys.CAROL.publicKey(), Domain.RANDAO, root, sig)).isTrue();
    // Only that exact tuple: the same signature under another key or domain is still checked, and fails.
    assertThat(SharedSignatureMemo.INSTANCE.holds(TestKeys.DAVE.publicKey(), Domain.RANDAO, root, sig)).isFalse();
    assertThat(SignatureCheck.shared().verify(TestKeys.DAVE.publicKey(), Domain.RANDAO, root, sig)).isFalse();
    assertThat(SignatureCheck.shared().verify(TestKeys.CAROL.publicKey(), Domain.PROPOSER, root, sig)).isFalse();
  }

  @Test
  void shouldKeepRecordedSignaturesWithinTwoGenerations() {
    SharedSignatureMemo memo = new SharedSignatureMemo(4);
    for (int i = 0; i < 20; i++) {
      Hash32 root = Sha256.hash(new byte[] {(byte) i, 9});
      Signature sig = TestKeys.DAVE.sign(Domain.ATTESTER, root);
      memo.record(TestKeys.DAVE.publicKey(), Domain.ATTESTER, root, sig);
      memo.record(TestKeys.DAVE.publicKey(), Domain.ATTESTER, root, sig);
      assertThat(memo.holds(TestKeys.DAVE.publicKey(), Domain.ATTESTER, root, sig)).isTrue();
      assertThat(memo.size()).isLessThanOrEqualTo(8);
    }
  }
}
