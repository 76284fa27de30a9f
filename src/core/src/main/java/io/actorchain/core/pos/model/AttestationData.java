package io.actorchain.core.pos.model;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.Hash32;

/** {@code AttestationData{slot, committeeIndex, headRoot, source, target}} (CONSENSUS.md §5.2). */
public record AttestationData(long slot, long committeeIndex, Hash32 headRoot, Checkpoint source, Checkpoint target)
    implements Canonical {
  @Override
  public void writeTo(CanonicalWriter w) {
    w.u64le(slot).u64le(committeeIndex).fixed(headRoot);
    source.writeTo(w);
    target.writeTo(w);
  }

  public static AttestationData read(CanonicalReader r) {
    return new AttestationData(r.u64le(), r.u64le(), Hash32.read(r), Checkpoint.read(r), Checkpoint.read(r));
  }
}
