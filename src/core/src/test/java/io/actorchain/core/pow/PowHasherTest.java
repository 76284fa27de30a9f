package io.actorchain.core.pow;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.TestKeys;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PowHasherTest {
  private static final PowHeader TEMPLATE = new PowHeader(42, Sha256.hash(new byte[] {4}), 1_000_000,
      Targets.forExpectedWork(64), Sha256.hash(new byte[] {5}), TestKeys.MINER_1.address(), 0);

  @Test
  void shouldHashExactlyLikeTheHeaderForManyNonces() {
    PowHasher hasher = new PowHasher(TEMPLATE);
    for (long nonce = 0; nonce < 2_000; nonce++) {
      assertThat(hasher.hash(nonce)).isEqualTo(TEMPLATE.withNonce(nonce).powHash());
    }
    for (long nonce : new long[] {-1, Long.MIN_VALUE, Long.MAX_VALUE, 0x0102030405060708L}) {
      assertThat(hasher.hash(nonce)).isEqualTo(TEMPLATE.withNonce(nonce).powHash());
    }
  }

  @Test
  void shouldIgnoreTheTemplatesOwnNonce() {
    assertThat(new PowHasher(TEMPLATE.withNonce(99)).hash(3)).isEqualTo(new PowHasher(TEMPLATE).hash(3));
  }

  @Test
  void shouldFindTheFirstNonceThatMeetsTheTarget() {
    OptionalLong found = new PowHasher(TEMPLATE).search(0, 100_000);

    assertThat(found).isPresent();
    long nonce = found.getAsLong();
    assertThat(Targets.meets(TEMPLATE.withNonce(nonce).powHash(), TEMPLATE.target())).isTrue();
    for (long n = 0; n < nonce; n++) {
      assertThat(Targets.meets(TEMPLATE.withNonce(n).powHash(), TEMPLATE.target())).as("nonce " + n).isFalse();
    }
  }

  @Test
  void shouldResumeASearchWhereTheLastStopped() {
    PowHasher hasher = new PowHasher(TEMPLATE);
    long first = hasher.search(0, 100_000).orElseThrow();
    long second = hasher.search(first + 1, 100_000).orElseThrow();

    assertThat(second).isGreaterThan(first);
    assertThat(hasher.search(first + 1, second - first - 1)).isEmpty();
    assertThat(hasher.search(first, 1)).hasValue(first);
  }

  @Test
  void shouldFindNothingForAnImpossibleTarget() {
    PowHeader hard = new PowHeader(1, Hash32.ZERO, 0, Targets.MIN_TARGET, Hash32.ZERO, TestKeys.MINER_1.address(), 0);
    assertThat(new PowHasher(hard).search(0, 5_000)).isEmpty();
    assertThat(new PowHasher(hard).search(0, 0)).isEmpty();
  }

  @Test
  void shouldAgreeWithTargetsMeets() {
    PowHasher hasher = new PowHasher(TEMPLATE);
    for (long nonce = 0; nonce < 500; nonce++) {
      assertThat(hasher.meetsTarget(nonce)).isEqualTo(Targets.meets(hasher.hash(nonce), TEMPLATE.target()));
    }
  }

  @Test
  void shouldWrapAroundTheUnsignedNonceRange() {
    PowHeader easy = TEMPLATE.withNonce(0);
    PowHasher hasher = new PowHasher(new PowHeader(easy.height(), easy.parentHash(), easy.timestamp(),
        Targets.forExpectedWork(2), easy.txRoot(), easy.miner(), 0));
    long[] window = {-2, -1, 0, 1, 2, 3, 4, 5};
    Long expected = null;
    for (long n : window) {
      if (expected == null && hasher.meetsTarget(n)) {
        expected = n;
      }
    }
    assertThat(expected).isNotNull();
    assertThat(hasher.search(-2, window.length)).hasValue(expected);
  }
}
