package io.actorchain.core.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.TestKeys;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.Signature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SharedSignatureMemoTest {
  private static final Hash32 ROOT = Sha256.hash("root".getBytes(StandardCharsets.UTF_8));
  private static final Signature SIG = TestKeys.ALICE.sign(Domain.ATTESTER, ROOT);

  @Test
  void shouldAnswerExactlyLikeDirectVerification() {
    SignatureCheck shared = SignatureCheck.shared();
    for (int i = 0; i < 2; i++) {
      assertThat(shared.verify(TestKeys.ALICE.publicKey(), Domain.ATTESTER, ROOT, SIG)).isTrue();
      assertThat(shared.verify(TestKeys.BOB.publicKey(), Domain.ATTESTER, ROOT, SIG)).isFalse();
      assertThat(shared.verify(TestKeys.ALICE.publicKey(), Domain.PROPOSER, ROOT, SIG)).isFalse();
      assertThat(shared.verify(TestKeys.ALICE.publicKey(), Domain.ATTESTER, Hash32.ZERO, SIG)).isFalse();
      assertThat(shared.verify(TestKeys.ALICE.publicKey(), Domain.ATTESTER, ROOT, Signature.EMPTY)).isFalse();
    }
    Transfer tx = Transfer.sign(TestKeys.ALICE, TestKeys.BOB.address(), 1, 1, 0, 0);
    assertThat(shared.verify(tx, TestKeys.ALICE.publicKey())).isTrue();
    assertThat(shared.verify(tx, TestKeys.BOB.publicKey())).isFalse();
    assertThat(SignatureCheck.shared()).isSameAs(shared);
  }

  @Test
  void shouldMemoizeAcrossCachedAndDirectChecksToo() {
    SignatureCheck cached = SignatureCheck.cached(2);
    assertThat(cached.verify(TestKeys.ALICE.publicKey(), Domain.ATTESTER, ROOT, SIG)).isTrue();
    assertThat(cached.verify(TestKeys.ALICE.publicKey(), Domain.ATTESTER, ROOT, SIG)).isTrue();
    assertThat(cached.verify(TestKeys.BOB.publicKey(), Domain.ATTESTER, ROOT, SIG)).isFalse();
    assertThat(SignatureCheck.direct().verify(TestKeys.ALICE.publicKey(), Domain.ATTESTER, ROOT, SIG)).isTrue();
  }

  @Test
  void shouldStayWithinTwoGenerations() {
    SharedSignatureMemo memo = new SharedSignatureMemo(4);
    for (int i = 0; i < 20; i++) {
      Hash32 root = Sha256.hash(new byte[] {(byte) i});
      assertThat(memo.verify(TestKeys.ALICE.publicKey(), Domain.ATTESTER, root,
          TestKeys.ALICE.sign(Domain.ATTESTER, root))).isTrue();
      assertThat(memo.size()).isLessThanOrEqualTo(8);
    }
  }

  @Test
  void shouldBeSafeToShareBetweenThreads() throws Exception {
    SharedSignatureMemo memo = new SharedSignatureMemo(8);
    List<Hash32> roots = new ArrayList<>();
    List<Signature> sigs = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Hash32 root = Sha256.hash(new byte[] {(byte) i, 1});
      roots.add(root);
      sigs.add(TestKeys.ALICE.sign(Domain.ATTESTER, root));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> jobs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        jobs.add(() -> {
          boolean all = true;
          for (int round = 0; round < 3; round++) {
            for (int i = 0; i < roots.size(); i++) {
              all &= memo.verify(TestKeys.ALICE.publicKey(), Domain.ATTESTER, roots.get(i), sigs.get(i));
              all &= !memo.verify(TestKeys.BOB.publicKey(), Domain.ATTESTER, roots.get(i), sigs.get(i));
            }
          }
          return all;
        });
      }
      for (Future<Boolean> f : pool.invokeAll(jobs)) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdown();
    }
  }
}
