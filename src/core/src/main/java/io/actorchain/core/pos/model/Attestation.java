package io.actorchain.core.pos.model;

import io.actorchain.core.codec.CachedRoot;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.Signature;
import io.actorchain.core.crypto.SigningKey;
import java.util.Objects;

/**
 * One validator's vote, signed with domain ATTESTER over {@code root(data)}; no aggregation (CONSENSUS.md §5.2, §9).
 * Immutable, equal by value; its root (the gossip id) is computed once.
 */
public final class Attestation extends CachedRoot {
  private final long validatorIndex;
  private final AttestationData data;
  private final Signature sig;

  public Attestation(long validatorIndex, AttestationData data, Signature sig) {
    this.validatorIndex = validatorIndex;
    this.data = Objects.requireNonNull(data, "data");
    this.sig = Objects.requireNonNull(sig, "sig");
  }

  public static Attestation sign(SigningKey key, long validatorIndex, AttestationData data) {
    return new Attestation(validatorIndex, data, key.sign(Domain.ATTESTER, data.root()));
  }

  public long validatorIndex() {
    return validatorIndex;
  }

  public AttestationData data() {
    return data;
  }

  public Signature sig() {
    return sig;
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

  @Override
  public boolean equals(Object o) {
    return o instanceof Attestation a && a.validatorIndex == validatorIndex && a.data.equals(data) && a.sig.equals(sig);
  }

  @Override
  public int hashCode() {
    return Objects.hash(validatorIndex, data, sig);
  }

  @Override
  public String toString() {
    return "Attestation[validator=" + validatorIndex + ", " + data + "]";
  }
}
