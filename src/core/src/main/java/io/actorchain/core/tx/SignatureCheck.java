package io.actorchain.core.tx;

import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.PubKey;
import io.actorchain.core.crypto.Signatures;

/**
 * Verifies a transaction's signature by a given signer under domain TX. Ed25519 verification costs about half a
 * millisecond, so an owner that sees the same transactions again (a block tree, a mempool) keeps a
 * {@link #cached} instance of its own. Instances are not thread-safe.
 */
@FunctionalInterface
public interface SignatureCheck {
  boolean verify(Transaction tx, PubKey signer);

  /** Verifies every time. Stateless, so it may be shared. */
  static SignatureCheck direct() {
    return (tx, signer) -> Signatures.verify(signer, Domain.TX, tx.signingRoot(), tx.sig());
  }

  /** Remembers up to {@code capacity} (transaction id, signer) pairs that verified; failures are not remembered. */
  static SignatureCheck cached(int capacity) {
    return new CachedSignatureCheck(capacity, direct());
  }
}
