package io.actorchain.core.tx;

import io.actorchain.core.Units;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.crypto.PubKey;
import io.actorchain.core.crypto.Signature;
import io.actorchain.core.crypto.SigningKey;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Deposit{fromPubkey, validatorPubkey, amount, maxFee, tip, nonce, sig}} (CONSENSUS.md §2): locks {@code amount}
 * into the validator registry, topping up the entry with {@code validatorPubkey} or appending a new one.
 */
public record Deposit(
    PubKey from, PubKey validatorPubkey, long amount, long maxFee, long tip, long nonce, Signature sig)
    implements Transaction, Payment {
  public Deposit {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(validatorPubkey, "validatorPubkey");
    Objects.requireNonNull(sig, "sig");
  }

  public static Deposit sign(SigningKey from, PubKey validatorPubkey, long amount, long maxFee, long tip, long nonce) {
    Deposit unsigned = new Deposit(from.publicKey(), validatorPubkey, amount, maxFee, tip, nonce, Signature.EMPTY);
    return unsigned.withSig(from.sign(Domain.TX, unsigned.signingRoot()));
  }

  public Deposit withSig(Signature newSig) {
    return new Deposit(from, validatorPubkey, amount, maxFee, tip, nonce, newSig);
  }

  public Address fromAddress() {
    return from.address();
  }

  @Override
  public Optional<Address> sender() {
    return Optional.of(from.address());
  }

  @Override
  public Hash32 signingRoot() {
    CanonicalWriter w = new CanonicalWriter();
    writeUnsigned(w);
    return Sha256.hash(w.toByteArray());
  }

  private void writeUnsigned(CanonicalWriter w) {
    w.u8(TAG_DEPOSIT);
    from.writeTo(w);
    validatorPubkey.writeTo(w);
    w.u64le(amount).u64le(maxFee).u64le(tip).u64le(nonce);
  }

  @Override
  public void writeTo(CanonicalWriter w) {
    writeUnsigned(w);
    sig.writeTo(w);
  }

  static Deposit readBody(CanonicalReader r) {
    return new Deposit(PubKey.read(r), PubKey.read(r), r.u64le(), r.u64le(), r.u64le(), r.u64le(), Signature.read(r));
  }

  @Override
  public String summary() {
    return "deposit " + Units.formatCoins(amount) + " coins " + from.address().shortHex() + " -> validator "
        + validatorPubkey.shortHex() + " nonce " + nonce + " maxFee " + maxFee + " tip " + tip;
  }
}
