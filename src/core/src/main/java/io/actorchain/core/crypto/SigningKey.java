package io.actorchain.core.crypto;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.ed25519.Ed25519;
import io.actorchain.core.tx.SignatureCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An Ed25519 key pair. The private half never leaves the process that derived it. */
public final class SigningKey {
  private final Ed25519.PrivateKey privateKey;
  private final PubKey publicKey;

  SigningKey(Ed25519.PrivateKey privateKey, PubKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  public PubKey publicKey() {
    return publicKey;
  }

  public Address address() {
    return publicKey.address();
  }

  /**
   * {@code sign(key, domain, root)}: signs {@code H(domain || root)}. The signature is valid by construction, so it is
   * also recorded in the JVM-wide {@link SignatureCheck#shared()} memo: the nodes of an embedded network never verify
   * signatures made in the same process.
   */
  public Signature sign(Domain domain, Hash32 root) {
    Signature sig = Signatures.sign(privateKey, domain, root);
    SignatureCheck.recordValid(publicKey, domain, root, sig);
    return sig;
  }

  /** A signature to make: {@code key}'s over {@code H(domain || root)}. */
  public record Request(SigningKey key, Domain domain, Hash32 root) {
    public Request {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(domain, "domain");
      Objects.requireNonNull(root, "root");
    }
  }

  /**
   * The signatures of {@code requests}, in order: each exactly what {@link #sign} makes, and recorded in the memo the
   * same way, but made together, so the batch shares one field inversion (about a quarter of a lone signature's cost).
   */
  public static List<Signature> signAll(List<Request> requests) {
    List<Ed25519.PrivateKey> keys = new ArrayList<>(requests.size());
    List<byte[]> messages = new ArrayList<>(requests.size());
    for (Request r : requests) {
      keys.add(r.key().privateKey);
      messages.add(Signatures.signingMessage(r.domain(), r.root()));
    }
    byte[][] raw = Ed25519.signAll(keys, messages);
    List<Signature> sigs = new ArrayList<>(raw.length);
    for (int i = 0; i < raw.length; i++) {
      Request r = requests.get(i);
      Signature sig = Signature.wrap(raw[i]);
      SignatureCheck.recordValid(r.key().publicKey, r.domain(), r.root(), sig);
      sigs.add(sig);
    }
    return sigs;
  }

  @Override
  public String toString() {
    return "SigningKey(" + publicKey.shortHex() + ")";
  }
}
