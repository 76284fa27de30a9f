package io.actorchain.core.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.TestKeys;
import io.actorchain.core.crypto.PubKey;
import io.actorchain.core.crypto.Signature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureCheckTest {
  private static final Transfer TX = Transfer.sign(TestKeys.ALICE, TestKeys.BOB.address(), 1, 1, 0, 0);

  /** Counts the verifications that reach the real check, to see what the cache saves. */
  private static final class Counting implements SignatureCheck {
    final List<PubKey> calls = new ArrayList<>();

    @Override
    public boolean verify(Transaction tx, PubKey signer) {
      calls.add(signer);
      return SignatureCheck.direct().verify(tx, signer);
    }
  }

  @Test
  void shouldVerifyDirectly() {
    assertThat(SignatureCheck.direct().verify(TX, TestKeys.ALICE.publicKey())).isTrue();
    assertThat(SignatureCheck.direct().verify(TX, TestKeys.BOB.publicKey())).isFalse();
    assertThat(SignatureCheck.direct().verify(TX.withSig(Signature.EMPTY), TestKeys.ALICE.publicKey())).isFalse();
  }

  @Test
  void shouldAnswerLikeTheDirectCheckWhenCached() {
    SignatureCheck cached = SignatureCheck.cached(4);
    for (int i = 0; i < 3; i++) {
      assertThat(cached.verify(TX, TestKeys.ALICE.publicKey())).isTrue();
      assertThat(cached.verify(TX, TestKeys.BOB.publicKey())).isFalse();
      assertThat(cached.verify(TX.withSig(Signature.EMPTY), TestKeys.ALICE.publicKey())).isFalse();
    }
  }

  @Test
  void shouldKeyTheCacheBySignerSoAnExitIsRecheckedForAnotherKey() {
    Exit exit = Exit.sign(TestKeys.VALIDATOR_0, 0, 0);
    SignatureCheck cached = SignatureCheck.cached(4);
    assertThat(cached.verify(exit, TestKeys.VALIDATOR_0.publicKey())).isTrue();
    assertThat(cached.verify(exit, TestKeys.VALIDATOR_1.publicKey())).isFalse();
  }

  @Test
  void shouldSkipRepeatedVerificationThroughTheCache() {
    Counting counting = new Counting();
    CachedSignatureCheck cached = new CachedSignatureCheck(2, counting);
    cached.verify(TX, TestKeys.ALICE.publicKey());
    cached.verify(TX, TestKeys.ALICE.publicKey());
    cached.verify(TX, TestKeys.BOB.publicKey());
    cached.verify(TX, TestKeys.BOB.publicKey());

    assertThat(counting.calls).containsExactly(TestKeys.ALICE.publicKey(), TestKeys.BOB.publicKey(),
        TestKeys.BOB.publicKey());
  }

  @Test
  void shouldRejectANonPositiveCapacity() {
    assertThatThrownBy(() -> SignatureCheck.cached(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
