package io.actorchain.core.tx;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.MalformedEncodingException;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.crypto.Signature;
import java.util.Optional;

/**
 * A transaction (CONSENSUS.md §2). Its canonical form starts with a one-byte type tag, then the fields in
 * declaration order; {@link #signingRoot()} is the root of that form without the trailing signature.
 */
public sealed interface Transaction extends Canonical permits Transfer, Deposit, Exit {
  int TAG_TRANSFER = 1;
  int TAG_DEPOSIT = 2;
  int TAG_EXIT = 3;

  /** The transaction id: {@code root(canonical(tx))}, signature included. */
  default Hash32 id() {
    return root();
  }

  /** The root the signer signs with domain TX: the canonical form without the signature. */
  Hash32 signingRoot();

  Signature sig();

  /** The most the sender pays the producer on top of the base fee; 0 for an {@link Exit}. */
  long tip();

  /** The most the sender pays in fees; 0 for an {@link Exit}. */
  long maxFee();

  /** The paying account; empty for an {@link Exit}, which is paid by nobody. */
  Optional<Address> sender();

  /** The sender's account nonce this transaction uses; {@link Exit#NO_NONCE} (-1) for an {@link Exit}. */
  long nonce();

  /** A one-line description for logs. */
  String summary();

  static Transaction read(CanonicalReader r) {
    int tag = r.u8();
    return switch (tag) {
      case TAG_TRANSFER -> Transfer.readBody(r);
      case TAG_DEPOSIT -> Deposit.readBody(r);
      case TAG_EXIT -> Exit.readBody(r);
      default -> throw new MalformedEncodingException("unknown transaction type tag " + tag);
    };
  }

  /** Decodes exactly one transaction spanning all of {@code bytes}. */
  static Transaction decode(byte[] bytes) {
    return CanonicalReader.decode(bytes, Transaction::read);
  }
}
