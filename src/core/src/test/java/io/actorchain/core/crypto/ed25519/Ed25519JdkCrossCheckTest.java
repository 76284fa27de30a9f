package io.actorchain.core.crypto.ed25519;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link Ed25519} against the JDK's provider on seeded random keys and messages: the same public keys, the same
 * (deterministic) signatures, and the same verdicts on valid signatures and on mutations of every part.
 */
class Ed25519JdkCrossCheckTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final int KEYS = 2_000;
  private static final long SEED = 0x5eed_ed25519L;

  /** Which part of a valid (public key, message, signature) triple a mutation changes. */
  private enum Part { R, S, MESSAGE, PUBLIC_KEY }

  @Test
  void shouldDeriveSignAndVerifyExactlyLikeTheJdk() throws Exception {
    Queue<String> failures = new ConcurrentLinkedQueue<>();
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        jobs.add(pool.submit(() -> {
          for (int i = first; i < KEYS; i += threads) {
            checkOne(i, failures);
          }
        }));
      }
      for (Future<?> job : jobs) {
        job.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(failures).isEmpty();
  }

  /** One seeded case; the JDK is consulted once per key for the key, the signature, and one mutation's verdict. */
  private static void checkOne(int i, Queue<String> failures) {
    Random random = new Random(SEED + i);
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    byte[] message = new byte[i % 5 == 0 ? 32 : random.nextInt(300)];
    random.nextBytes(message);
    String what = "case " + i + " seed " + HEX.formatHex(seed);

    Ed25519.PrivateKey key = Ed25519.privateKey(seed);
    byte[] pub = key.publicKey();
    byte[] sig = key.sign(message);
    if (!Arrays.equals(pub, JdkEd25519.publicKey(seed))) {
      failures.add(what + ": public key differs");
      return;
    }
    if (!Arrays.equals(sig, JdkEd25519.sign(seed, message))) {
      failures.add(what + ": signature differs");
      return;
    }
    if (!Ed25519.verify(pub, message, sig)) {
      failures.add(what + ": own signature rejected");
    }
    if (i % 4 == 0 && !JdkEd25519.verify(pub, message, sig)) {
      failures.add(what + ": JDK rejects the signature");
    }
    // Every part mutated; the JDK's verdict is compared on one part per key (it is the slow side).
    Part checked = Part.values()[i % Part.values().length];
    for (Part part : Part.values()) {
      byte[][] mutated = mutate(part, pub, message, sig, random);
      boolean ours = Ed25519.verify(mutated[0], mutated[1], mutated[2]);
      if (ours) {
        failures.add(what + ": accepted a mutated " + part);
      }
      if (part == checked && JdkEd25519.verify(mutated[0], mutated[1], mutated[2]) != ours) {
        failures.add(what + ": verdict differs from the JDK's on a mutated " + part);
      }
    }
    // S + L: the same value mod L, but not canonical.
    byte[] malleated = sig.clone();
    BigInteger s = Scalar.fromLittleEndian(sig, 32, 32).add(Scalar.L);
    System.arraycopy(Scalar.toLittleEndian(s), 0, malleated, 32, 32);
    if (Ed25519.verify(pub, message, malleated)) {
      failures.add(what + ": accepted S + L");
    }
    if (i % 50 == 0 && JdkEd25519.verify(pub, message, malleated)) {
      failures.add(what + ": the JDK accepted S + L");
    }
  }

  private static byte[][] mutate(Part part, byte[] pub, byte[] message, byte[] sig, Random random) {
    byte[] p = pub.clone();
    byte[] m = message.clone();
    byte[] s = sig.clone();
    switch (part) {
      case R -> s[random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
      case S -> s[32 + random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
      case MESSAGE -> {
        if (m.length == 0) {
          m = new byte[] {(byte) random.nextInt(256)};
        } else {
          m[random.nextInt(m.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case PUBLIC_KEY -> p[random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
      default -> throw new IllegalStateException();
    }
    return new byte[][] {p, m, s};
  }
}
