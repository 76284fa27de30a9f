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

/** {@code Transfer{fromPubkey, to, amount, maxFee, tip, nonce, sig}} (CONSENSUS.md §2); values in gwei. */
public record Transfer(PubKey from, Address to, long amount, long maxFee, long tip, long nonce, Signature sig)
    implements Transaction, Payment {
  public Transfer {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(sig, "sig");
  }

  public static Transfer sign(SigningKey from, Address to, long amount, long maxFee, long tip, long nonce) {
    Transfer unsigned = new Transfer(from.publicKey(), to, amount, maxFee, tip, nonce, Signature.EMPTY);
    return unsigned.withSig(from.sign(Domain.TX, unsigned.signingRoot()));
  }

  public Transfer withSig(Signature newSig) {
    return new Transfer(from, to, amount, maxFee, tip, nonce, newSig);
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
    w.u8(TAG_TRANSFER);
    from.writeTo(w);
    to.writeTo(w);
    w.u64le(amount).u64le(maxFee).u64le(tip).u64le(nonce);
  }

  @Override
  public void writeTo(CanonicalWriter w) {
    writeUnsigned(w);
    sig.writeTo(w);
  }

  static Transfer readBody(CanonicalReader r) {
    return new Transfer(PubKey.read(r), Address.read(r), r.u64le(), r.u64le(), r.u64le(), r.u64le(), Signature.read(r));
  }

  @Override
  public String summary() {
    return "transfer " + Units.formatCoins(amount) + " coins " + from.address().shortHex() + " -> " + to.shortHex()
        + " nonce " + nonce + " maxFee " + maxFee + " tip " + tip;
  }
}
