package io.actorchain.core.pos.model;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.Hash32;

/** {@code Checkpoint{epoch, root}} (CONSENSUS.md §5.2). */
public record Checkpoint(long epoch, Hash32 root) implements Canonical {
  @Override
  public void writeTo(CanonicalWriter w) {
    w.u64le(epoch).fixed(root);
  }

  public static Checkpoint read(CanonicalReader r) {
    return new Checkpoint(r.u64le(), Hash32.read(r));
  }

  @Override
  public String toString() {
    return "(" + epoch + ", " + root.shortHex() + ")";
  }
}
