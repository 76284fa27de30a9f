package io.actorchain.core.codec;

/** A value with one canonical byte form; {@code root(x) = H(canonical(x))} (CONSENSUS.md §0). */
public interface Canonical {
  void writeTo(CanonicalWriter w);

  default byte[] canonical() {
    CanonicalWriter w = new CanonicalWriter();
    writeTo(w);
    return w.toByteArray();
  }

  default Hash32 root() {
    return Sha256.hash(canonical());
  }
}
