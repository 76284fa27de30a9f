package io.actorchain.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SignaturesTest {
  private static final SigningKey KEY = Keys.fromName("seed", "alice");
  private static final SigningKey OTHER = Keys.fromName("seed", "bob");
  private static final Hash32 ROOT = Sha256.hash(new byte[] {1, 2, 3});

  @Test
  void shouldVerifyItsOwnSignature() {
    Signature sig = KEY.sign(Domain.PROPOSER, ROOT);
    assertThat(Signatures.verify(KEY.publicKey(), Domain.PROPOSER, ROOT, sig)).isTrue();
  }

  @Test
  void shouldSignABatchAsEachKeyWouldAlone() {
    List<SigningKey.Request> requests = List.of(new SigningKey.Request(KEY, Domain.ATTESTER, ROOT),
        new SigningKey.Request(OTHER, Domain.ATTESTER, ROOT), new SigningKey.Request(KEY, Domain.PROPOSER, ROOT));
    List<Signature> batch = SigningKey.signAll(requests);
    assertThat(batch).containsExactly(KEY.sign(Domain.ATTESTER, ROOT), OTHER.sign(Domain.ATTESTER, ROOT),
        KEY.sign(Domain.PROPOSER, ROOT));
    assertThat(Signatures.verify(OTHER.publicKey(), Domain.ATTESTER, ROOT, batch.get(1))).isTrue();
  }

  @Test
  void shouldSignDeterministically() {
    assertThat(KEY.sign(Domain.RANDAO, ROOT)).isEqualTo(KEY.sign(Domain.RANDAO, ROOT));
  }

  @Test
  void shouldRejectASignatureUnderAnotherDomain() {
    Signature sig = KEY.sign(Domain.TX, ROOT);
    for (Domain d : Domain.values()) {
      assertThat(Signatures.verify(KEY.publicKey(), d, ROOT, sig)).as(d.name()).isEqualTo(d == Domain.TX);
    }
  }

  @Test
  void shouldRejectASignatureOfAnotherRoot() {
    Signature sig = KEY.sign(Domain.TX, ROOT);
    assertThat(Signatures.verify(KEY.publicKey(), Domain.TX, Sha256.hash(new byte[] {9}), sig)).isFalse();
  }

  @Test
  void shouldRejectASignatureByAnotherKey() {
    Signature sig = OTHER.sign(Domain.TX, ROOT);
    assertThat(Signatures.verify(KEY.publicKey(), Domain.TX, ROOT, sig)).isFalse();
  }

  @Test
  void shouldRejectEveryTamperedSignatureByte() {
    byte[] sig = KEY.sign(Domain.TX, ROOT).toArray();
    for (int i = 0; i < sig.length; i += 7) {
      byte[] tampered = sig.clone();
      tampered[i] ^= 0x01;
      assertThat(Signatures.verify(KEY.publicKey(), Domain.TX, ROOT, Signature.wrap(tampered))).as("byte " + i)
          .isFalse();
    }
  }

  @Test
  void shouldRejectTheEmptySignature() {
    assertThat(Signatures.verify(KEY.publicKey(), Domain.TX, ROOT, Signature.EMPTY)).isFalse();
  }

  @Test
  void shouldRejectGarbagePublicKeysWithoutThrowing() {
    Signature sig = KEY.sign(Domain.TX, ROOT);
    byte[] allOnes = new byte[32];
    Arrays.fill(allOnes, (byte) 0xff);
    assertThat(Signatures.verify(PubKey.wrap(allOnes), Domain.TX, ROOT, sig)).isFalse();
    assertThat(Signatures.verify(PubKey.wrap(new byte[32]), Domain.TX, ROOT, sig)).isFalse();
    Random random = new Random(42);
    for (int i = 0; i < 50; i++) {
      byte[] garbage = new byte[32];
      random.nextBytes(garbage);
      assertThat(Signatures.verify(PubKey.wrap(garbage), Domain.TX, ROOT, sig)).isFalse();
    }
  }

  @Test
  void shouldTagDomainsWithTheirFourBytes() {
    assertThat(Domain.PROPOSER.tag()).containsExactly(0, 0, 0, 0);
    assertThat(Domain.ATTESTER.tag()).containsExactly(1, 0, 0, 0);
    assertThat(Domain.RANDAO.tag()).containsExactly(2, 0, 0, 0);
    assertThat(Domain.TX.tag()).containsExactly(0x10, 0, 0, 0);
    assertThat(Domain.POW.tag()).containsExactly(0x20, 0, 0, 0);
  }
}
