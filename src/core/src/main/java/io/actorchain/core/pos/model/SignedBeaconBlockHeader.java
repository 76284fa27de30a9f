package io.actorchain.core.pos.model;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.crypto.Signature;

/** A header with its proposer's signature (domain PROPOSER over {@code root(header)}): proposer-slashing evidence. */
public record SignedBeaconBlockHeader(BeaconBlockHeader header, Signature sig) implements Canonical {
  @Override
  public void writeTo(CanonicalWriter w) {
    header.writeTo(w);
    sig.writeTo(w);
  }

  public static SignedBeaconBlockHeader read(CanonicalReader r) {
    return new SignedBeaconBlockHeader(BeaconBlockHeader.read(r), Signature.read(r));
  }
}
