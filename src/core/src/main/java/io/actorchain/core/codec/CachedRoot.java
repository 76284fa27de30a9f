package io.actorchain.core.codec;

/**
 * An immutable {@link Canonical} value whose root is computed once: for values that are hashed on hot paths (every
 * attestation's data is hashed at every check). Subclasses must be immutable.
 */
public abstract class CachedRoot implements Canonical {
  private Hash32 root; // benign race: every thread computes the same value

  @Override
  public final Hash32 root() {
    Hash32 r = root;
    if (r == null) {
      r = Canonical.super.root();
      root = r;
    }
    return r;
  }
}
