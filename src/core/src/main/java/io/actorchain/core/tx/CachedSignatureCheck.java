package io.actorchain.core.tx;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.PubKey;
import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded, least-recently-used memory of signatures that verified. Owned by one thread. */
final class CachedSignatureCheck implements SignatureCheck {
  private record Key(Hash32 txId, PubKey signer) {}

  private final SignatureCheck delegate;
  private final Map<Key, Boolean> verified;

  CachedSignatureCheck(int capacity, SignatureCheck delegate) {
    this.delegate = delegate;
    if (capacity < 1) {
      throw new IllegalArgumentException("signature cache capacity must be at least 1, got " + capacity);
    }
    this.verified = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  @Override
  public boolean verify(Transaction tx, PubKey signer) {
    Key key = new Key(tx.id(), signer);
    if (verified.get(key) != null) { // get, not containsKey: it refreshes the entry's recency
      return true;
    }
    boolean ok = delegate.verify(tx, signer);
    if (ok) {
      verified.put(key, Boolean.TRUE);
    }
    return ok;
  }
}
