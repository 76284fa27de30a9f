package io.actorchain.core.pos.model;

import io.actorchain.core.codec.CachedRoot;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.Hash32;
import java.util.Objects;

/**
 * {@code AttestationData{slot, committeeIndex, headRoot, source, target}} (CONSENSUS.md §5.2). Immutable, equal by
 * value; its root is computed once, because every vote of a committee shares one data object and each check hashes it.
 */
public final class AttestationData extends CachedRoot {
  private final long slot;
  private final long committeeIndex;
  private final Hash32 headRoot;
  private final Checkpoint source;
  private final Checkpoint target;

  public AttestationData(long slot, long committeeIndex, Hash32 headRoot, Checkpoint source, Checkpoint target) {
    this.slot = slot;
    this.committeeIndex = committeeIndex;
    this.headRoot = Objects.requireNonNull(headRoot, "headRoot");
    this.source = Objects.requireNonNull(source, "source");
    this.target = Objects.requireNonNull(target, "target");
  }

  public long slot() {
    return slot;
  }

  public long committeeIndex() {
    return committeeIndex;
  }

  public Hash32 headRoot() {
    return headRoot;
  }

  public Checkpoint source() {
    return source;
  }

  public Checkpoint target() {
    return target;
  }

  @Override
  public void writeTo(CanonicalWriter w) {
    w.u64le(slot).u64le(committeeIndex).fixed(headRoot);
    source.writeTo(w);
    target.writeTo(w);
  }

  public static AttestationData read(CanonicalReader r) {
    return new AttestationData(r.u64le(), r.u64le(), Hash32.read(r), Checkpoint.read(r), Checkpoint.read(r));
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof AttestationData d && d.slot == slot && d.committeeIndex == committeeIndex
        && d.headRoot.equals(headRoot) && d.source.equals(source) && d.target.equals(target);
  }

  @Override
  public int hashCode() {
    return Objects.hash(slot, committeeIndex, headRoot, source, target);
  }

  @Override
  public String toString() {
    return "AttestationData[slot=" + slot + ", committeeIndex=" + committeeIndex + ", headRoot=" + headRoot.shortHex()
        + ", source=" + source + ", target=" + target + "]";
  }
}
