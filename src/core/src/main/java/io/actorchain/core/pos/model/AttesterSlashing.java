package io.actorchain.core.pos.model;

import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;

/** Two attestations of one validator whose data is slashable, in either order (CONSENSUS.md §5.2). */
public record AttesterSlashing(Attestation a1, Attestation a2) implements SlashingEvidence {
  @Override
  public void writeTo(CanonicalWriter w) {
    a1.writeTo(w);
    a2.writeTo(w);
  }

  public static AttesterSlashing read(CanonicalReader r) {
    return new AttesterSlashing(Attestation.read(r), Attestation.read(r));
  }

  /** Strict decode: MalformedEncodingException on truncation, trailing bytes or garbage. */
  public static AttesterSlashing decode(byte[] bytes) {
    return CanonicalReader.decode(bytes, AttesterSlashing::read);
  }

  @Override
  public long offender() {
    return a1.validatorIndex();
  }
}
