package io.actorchain.core.crypto;

import io.actorchain.core.codec.Hash32;
import java.security.PrivateKey;

/** An Ed25519 key pair. The private half never leaves the process that derived it. */
public final class SigningKey {
  private final PrivateKey privateKey;
  private final PubKey publicKey;

  SigningKey(PrivateKey privateKey, PubKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  public PubKey publicKey() {
    return publicKey;
  }

  public Address address() {
    return publicKey.address();
  }

  /** {@code sign(key, domain, root)}: signs {@code H(domain || root)}. */
  public Signature sign(Domain domain, Hash32 root) {
    return Signatures.sign(privateKey, domain, root);
  }

  @Override
  public String toString() {
    return "SigningKey(" + publicKey.shortHex() + ")";
  }
}
