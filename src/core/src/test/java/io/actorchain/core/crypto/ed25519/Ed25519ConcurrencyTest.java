package io.actorchain.core.crypto.ed25519;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The static table is immutable and digests are per thread: concurrent use gives the single-threaded results. */
class Ed25519ConcurrencyTest {
  private static final int KEYS = 24;
  private static final int MESSAGES = 16;
  private static final int THREADS = 6;

  private static byte[] seed(int k) {
    byte[] seed = new byte[32];
    seed[0] = (byte) k;
    seed[31] = (byte) (k * 31 + 7);
    return seed;
  }

  private static byte[] message(int m) {
    return new byte[] {(byte) m, (byte) (m >> 8), 1, 2, 3};
  }

  /** Every key's public key and signatures over every message, concatenated in a fixed order. */
  private static List<byte[]> work(boolean alsoVerify) {
    List<byte[]> out = new ArrayList<>();
    for (int k = 0; k < KEYS; k++) {
      Ed25519.PrivateKey key = Ed25519.privateKey(seed(k));
      out.add(key.publicKey());
      for (int m = 0; m < MESSAGES; m++) {
        byte[] sig = key.sign(message(m));
        out.add(sig);
        if (alsoVerify && !Ed25519.verify(key.publicKey(), message(m), sig)) {
          out.add(new byte[] {-1}); // shows up as a difference
        }
      }
    }
    return out;
  }

  @Test
  void shouldSignAndVerifyTheSameFromManyThreads() throws Exception {
    List<byte[]> expected = work(false);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Callable<List<byte[]>>> jobs = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        jobs.add(() -> {
          start.await();
          return work(true);
        });
      }
      List<Future<List<byte[]>>> results = new ArrayList<>();
      for (Callable<List<byte[]>> job : jobs) {
        results.add(pool.submit(job));
      }
      start.countDown();
      for (Future<List<byte[]>> result : results) {
        List<byte[]> got = result.get();
        assertThat(got).hasSameSizeAs(expected);
        for (int i = 0; i < got.size(); i++) {
          assertThat(got.get(i)).isEqualTo(expected.get(i));
        }
      }
    } finally {
      pool.shutdown();
    }
  }
}
