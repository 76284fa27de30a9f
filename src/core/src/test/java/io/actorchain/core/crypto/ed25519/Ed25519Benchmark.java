package io.actorchain.core.crypto.ed25519;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.Keys;
import io.actorchain.core.crypto.SigningKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * A plain-loop micro-benchmark (not a test: it asserts nothing and only prints): microseconds per sign, verify and
 * key derivation for {@link Ed25519} and for the JDK's provider, on 32-byte messages like the simulator's
 * {@code H(domain || root)}, and for {@link SigningKey#sign} (hashing the message and recording the signature in the
 * shared memo included). Run after {@code mvn -pl src/core test-compile}:
 *
 * <pre>
 * java -cp src/core/target/classes:src/core/target/test-classes io.actorchain.core.crypto.ed25519.Ed25519Benchmark
 * </pre>
 *
 * Prints the median of several timed rounds after warm-up. Times on a shared machine are noisy; compare medians.
 */
public final class Ed25519Benchmark {
  private static final int ROUNDS = 7;

  private Ed25519Benchmark() {}

  /** One timed operation, repeated {@code n} times; returns a value so the JIT cannot drop the work. */
  private interface Op {
    int run(int n) throws GeneralSecurityException;
  }

  public static void main(String[] args) throws Exception {
    int ours = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
    int jdk = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 7);
    byte[] message = new byte[32];
    Ed25519.PrivateKey key = Ed25519.privateKey(seed);
    byte[] pub = key.publicKey();
    byte[] sig = key.sign(message);

    PrivateKey jdkPrivate = KeyFactory.getInstance("Ed25519")
        .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
    PublicKey jdkPublic = JdkEd25519.toJdk(pub);

    Op oursSign = n -> {
      int acc = 0;
      for (int i = 0; i < n; i++) {
        message[0] = (byte) i;
        acc += key.sign(message)[5];
      }
      return acc;
    };
    Op oursVerify = n -> {
      int acc = 0;
      for (int i = 0; i < n; i++) {
        acc += Ed25519.verify(pub, message, sig) ? 1 : 0;
      }
      return acc;
    };
    Op oursKey = n -> {
      int acc = 0;
      for (int i = 0; i < n; i++) {
        seed[0] = (byte) i;
        acc += Ed25519.privateKey(seed).publicKey()[3];
      }
      return acc;
    };
    SigningKey signingKey = Keys.fromSeed(seed.clone());
    Op signingKeySign = n -> {
      int acc = 0;
      byte[] root = new byte[32];
      for (int i = 0; i < n; i++) {
        root[0] = (byte) i;
        root[1] = (byte) (i >> 8);
        acc += signingKey.sign(Domain.ATTESTER, Hash32.wrap(root)).get(5);
      }
      return acc;
    };
    Op jdkSign = n -> {
      int acc = 0;
      for (int i = 0; i < n; i++) {
        message[0] = (byte) i;
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(jdkPrivate);
        s.update(message);
        acc += s.sign()[5];
      }
      return acc;
    };
    Op jdkVerify = n -> {
      int acc = 0;
      for (int i = 0; i < n; i++) {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(jdkPublic);
        s.update(message);
        acc += s.verify(sig) ? 1 : 0;
      }
      return acc;
    };

    message[0] = 0;
    System.out.printf("%-22s %10s %10s %10s%n", "operation", "median µs", "min µs", "max µs");
    report("ours  sign", oursSign, ours);
    message[0] = 0;
    report("ours  verify", oursVerify, ours);
    report("ours  key derivation", oursKey, ours);
    report("SigningKey.sign+memo", signingKeySign, ours);
    report("JDK   sign", jdkSign, jdk);
    message[0] = 0;
    report("JDK   verify", jdkVerify, jdk);
  }

  private static void report(String name, Op op, int n) throws GeneralSecurityException {
    int sink = op.run(n); // warm-up
    double[] perOp = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      long start = System.nanoTime();
      sink += op.run(n);
      perOp[r] = (System.nanoTime() - start) / 1e3 / n;
    }
    Arrays.sort(perOp);
    System.out.printf("%-22s %10.1f %10.1f %10.1f%s%n", name, perOp[ROUNDS / 2], perOp[0], perOp[ROUNDS - 1],
        sink == 42 ? " " : "");
  }
}
