package io.actorchain.core.pos.model;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.Hash32;

/** {@code BeaconBlockHeader{slot, proposerIndex, parentRoot, stateRoot, bodyRoot}}; a block's root is this header's root. */
public record BeaconBlockHeader(long slot, long proposerIndex, Hash32 parentRoot, Hash32 stateRoot, Hash32 bodyRoot)
    implements Canonical {
  @Override
  public void writeTo(CanonicalWriter w) {
    w.u64le(slot).u64le(proposerIndex).fixed(parentRoot).fixed(stateRoot).fixed(bodyRoot);
  }

  public static BeaconBlockHeader read(CanonicalReader r) {
    return new BeaconBlockHeader(r.u64le(), r.u64le(), Hash32.read(r), Hash32.read(r), Hash32.read(r));
  }

  public BeaconBlockHeader withStateRoot(Hash32 root) {
    return new BeaconBlockHeader(slot, proposerIndex, parentRoot, root, bodyRoot);
  }
}
