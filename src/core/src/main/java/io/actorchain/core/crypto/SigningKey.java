package io.actorchain.core.crypto;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.ed25519.Ed25519;
import io.actorchain.core.tx.SignatureCheck;

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

  @Override
  public String toString() {
    return "SigningKey(" + publicKey.shortHex() + ")";
  }
}
