package io.actorchain.core.tx;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.PubKey;
import io.actorchain.core.crypto.Signature;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A bounded, least-recently-used memory of signatures that verified. Owned by one thread. */
final class CachedSignatureCheck implements SignatureCheck {
  private record Key(Hash32 txId, PubKey signer) {}

  private final SignatureCheck delegate;
  private final Map<Object, Boolean> verified; // Key for transactions, SharedSignatureMemo.Signed for the rest

  CachedSignatureCheck(int capacity, SignatureCheck delegate) {
    this.delegate = delegate;
    if (capacity < 1) {
      throw new IllegalArgumentException("signature cache capacity must be at least 1, got " + capacity);
    }
    this.verified = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Object, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  @Override
  public boolean verify(Transaction tx, PubKey signer) {
    return remembered(new Key(tx.id(), signer), () -> delegate.verify(tx, signer));
  }

  @Override
  public boolean verify(PubKey key, Domain domain, Hash32 root, Signature sig) {
    return remembered(new SharedSignatureMemo.Signed(key, domain, root, sig),
        () -> delegate.verify(key, domain, root, sig));
  }

  private boolean remembered(Object key, BooleanSupplier check) {
    if (verified.get(key) != null) { // get, not containsKey: it refreshes the entry's recency
      return true;
    }
    boolean ok = check.getAsBoolean();
    if (ok) {
      verified.put(key, Boolean.TRUE);
    }
    return ok;
  }
}
