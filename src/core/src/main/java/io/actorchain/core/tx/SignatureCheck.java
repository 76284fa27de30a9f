package io.actorchain.core.tx;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.PubKey;
import io.actorchain.core.crypto.Signature;
import io.actorchain.core.crypto.Signatures;

/**
 * Verifies signatures: a transaction's by a given signer under domain TX, and any {@code (key, domain, root, sig)}
 * (blocks, attestations, RANDAO reveals). Ed25519 verification costs tens of microseconds, so an owner that sees
 * the same messages again (a block tree, a mempool) keeps a {@link #cached} instance of its own, and the nodes of an
 * embedded network share the JVM-wide {@link #shared()} memo. Only {@link #direct()} and {@link #shared()} are
 * thread-safe; {@link #cached} instances are not.
 */
@FunctionalInterface
public interface SignatureCheck {
  boolean verify(Transaction tx, PubKey signer);

  /**
   * True iff {@code sig} is {@code key}'s signature of {@code H(domain || root)}. The default verifies every time;
   * memoizing implementations override it.
   */
  default boolean verify(PubKey key, Domain domain, Hash32 root, Signature sig) {
    return Signatures.verify(key, domain, root, sig);
  }

  /** Verifies every time. Stateless, so it may be shared. */
  static SignatureCheck direct() {
    return (tx, signer) -> Signatures.verify(signer, Domain.TX, tx.signingRoot(), tx.sig());
  }

  /** Remembers up to {@code capacity} signatures that verified; failures are not remembered. Not thread-safe. */
  static SignatureCheck cached(int capacity) {
    return new CachedSignatureCheck(capacity, direct());
  }

  /**
   * The JVM-wide memo of signatures that verified, keyed by {@code H(pubkey || domain || root || sig)}: in an embedded
   * network each signature is verified once per JVM instead of once per node. Thread-safe and bounded; failures are
   * not remembered, so its answers are exactly {@link #direct()}'s.
   */
  static SignatureCheck shared() {
    return SharedSignatureMemo.INSTANCE;
  }

  /**
   * Tells the {@link #shared()} memo that {@code sig} is {@code key}'s valid signature of {@code H(domain || root)}.
   * Only for signatures valid by construction: {@link io.actorchain.core.crypto.SigningKey#sign} records each one it
   * makes, so the nodes of an embedded network never verify signatures made in their own JVM. Bounded like every
   * other memo entry.
   */
  static void recordValid(PubKey key, Domain domain, Hash32 root, Signature sig) {
    SharedSignatureMemo.INSTANCE.record(key, domain, root, sig);
  }
}
