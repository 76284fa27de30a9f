package io.actorchain.core.tx;

import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.Signature;
import io.actorchain.core.crypto.SigningKey;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Exit{validatorIndex, epoch, sig}} (CONSENSUS.md §2), signed by the validator's own key. It pays no fee and
 * uses no account nonce. On the PoW chain there are no epochs, so {@code epoch} is signed but not checked there.
 */
public record Exit(long validatorIndex, long epoch, Signature sig) implements Transaction {
  /** What {@link #nonce()} returns: an exit uses no account nonce. */
  public static final long NO_NONCE = -1;

  public Exit {
    Objects.requireNonNull(sig, "sig");
  }

  public static Exit sign(SigningKey validatorKey, long validatorIndex, long epoch) {
    Exit unsigned = new Exit(validatorIndex, epoch, Signature.EMPTY);
    return unsigned.withSig(validatorKey.sign(Domain.TX, unsigned.signingRoot()));
  }

  public Exit withSig(Signature newSig) {
    return new Exit(validatorIndex, epoch, newSig);
  }

  @Override
  public long tip() {
    return 0;
  }

  @Override
  public long maxFee() {
    return 0;
  }

  @Override
  public Optional<Address> sender() {
    return Optional.empty();
  }

  @Override
  public long nonce() {
    return NO_NONCE;
  }

  @Override
  public Hash32 signingRoot() {
    CanonicalWriter w = new CanonicalWriter(24);
    writeUnsigned(w);
    return Sha256.hash(w.toByteArray());
  }

  private void writeUnsigned(CanonicalWriter w) {
    w.u8(TAG_EXIT).u64le(validatorIndex).u64le(epoch);
  }

  @Override
  public void writeTo(CanonicalWriter w) {
    writeUnsigned(w);
    sig.writeTo(w);
  }

  static Exit readBody(CanonicalReader r) {
    return new Exit(r.u64le(), r.u64le(), Signature.read(r));
  }

  @Override
  public String summary() {
    return "exit of validator " + validatorIndex + " at epoch " + epoch;
  }
}
