package io.actorchain.core.tx;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.PubKey;
import io.actorchain.core.crypto.Signature;
import io.actorchain.core.crypto.Signatures;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM-wide memo behind {@link SignatureCheck#shared()}: the signatures that verified or that this JVM made
 * ({@link SignatureCheck#recordValid}), each with the key, domain and root it signs, in two generations.
 * New entries go to the young generation; when it is full it becomes the old one and the previous old one is dropped,
 * so at most {@code 2 × generationCapacity} digests are held and recently used ones survive (a hit in the old
 * generation is copied to the young one). Thread-safe; only positive results are kept, so answers never depend on
 * what the memo holds.
 */
final class SharedSignatureMemo implements SignatureCheck {
  static final int DEFAULT_GENERATION_CAPACITY = 1 << 17;
  static final SharedSignatureMemo INSTANCE = new SharedSignatureMemo(DEFAULT_GENERATION_CAPACITY);

  private final int generationCapacity;
  private volatile Set<Signed> young = ConcurrentHashMap.newKeySet();
  private volatile Set<Signed> old = ConcurrentHashMap.newKeySet();

  SharedSignatureMemo(int generationCapacity) {
    if (generationCapacity < 1) {
      throw new IllegalArgumentException("memo generation capacity must be at least 1, got " + generationCapacity);
    }
    this.generationCapacity = generationCapacity;
  }

  /**
   * What identifies one verification, compared by value. The parts cache their hash codes, and the nodes of one JVM
   * share their decoded messages, so a repeated lookup usually compares the very same objects.
   */
  record Signed(PubKey key, Domain domain, Hash32 root, Signature sig) {}

  @Override
  public boolean verify(Transaction tx, PubKey signer) {
    return verify(signer, Domain.TX, tx.signingRoot(), tx.sig());
  }

  @Override
  public boolean verify(PubKey key, Domain domain, Hash32 root, Signature sig) {
    Signed d = new Signed(key, domain, root, sig);
    if (young.contains(d)) {
      return true;
    }
    if (old.contains(d)) {
      remember(d);
      return true;
    }
    boolean ok = Signatures.verify(key, domain, root, sig);
    if (ok) {
      remember(d);
    }
    return ok;
  }

  /** Remembers a signature known to be valid (see {@link SignatureCheck#recordValid}). */
  void record(PubKey key, Domain domain, Hash32 root, Signature sig) {
    Signed d = new Signed(key, domain, root, sig);
    if (!young.contains(d)) {
      remember(d);
    }
  }

  /** True iff the memo holds this exact signature now (for tests). */
  boolean holds(PubKey key, Domain domain, Hash32 root, Signature sig) {
    Signed d = new Signed(key, domain, root, sig);
    return young.contains(d) || old.contains(d);
  }

  /** The number of digests held now; at most {@code 2 × generationCapacity}. */
  int size() {
    return young.size() + old.size();
  }

  private void remember(Signed d) {
    Set<Signed> y = young;
    y.add(d);
    if (y.size() >= generationCapacity) {
      synchronized (this) {
        if (young == y) {
          old = y;
          young = ConcurrentHashMap.newKeySet();
        }
      }
    }
  }
}
