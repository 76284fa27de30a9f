package io.actorchain.core.pos.model;

import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;

/** Two signed headers: same slot, same proposer, different roots (CONSENSUS.md §5.2). */
public record ProposerSlashing(SignedBeaconBlockHeader h1, SignedBeaconBlockHeader h2) implements SlashingEvidence {
  @Override
  public void writeTo(CanonicalWriter w) {
    h1.writeTo(w);
    h2.writeTo(w);
  }

  public static ProposerSlashing read(CanonicalReader r) {
    return new ProposerSlashing(SignedBeaconBlockHeader.read(r), SignedBeaconBlockHeader.read(r));
  }

  /** Strict decode: MalformedEncodingException on truncation, trailing bytes or garbage. */
  public static ProposerSlashing decode(byte[] bytes) {
    return CanonicalReader.decode(bytes, ProposerSlashing::read);
  }

  @Override
  public long offender() {
    return h1.header().proposerIndex();
  }
}
