package io.actorchain.core.pos.model;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.Signature;
import io.actorchain.core.crypto.SigningKey;

/** One validator's vote, signed with domain ATTESTER over {@code root(data)}; no aggregation (CONSENSUS.md §5.2, §9). */
public record Attestation(long validatorIndex, AttestationData data, Signature sig) implements Canonical {
  public static Attestation sign(SigningKey key, long validatorIndex, AttestationData data) {
    return new Attestation(validatorIndex, data, key.sign(Domain.ATTESTER, data.root()));
  }

  @Override
  public void writeTo(CanonicalWriter w) {
    w.u64le(validatorIndex);
    data.writeTo(w);
    sig.writeTo(w);
  }

  public static Attestation read(CanonicalReader r) {
    return new Attestation(r.u64le(), AttestationData.read(r), Signature.read(r));
  }

  public static Attestation decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    Attestation a = read(r);
    r.expectEnd();
    return a;
  }
}
