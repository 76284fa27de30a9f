package io.actorchain.core.tx;

import io.actorchain.core.crypto.PubKey;

/** A transaction paid for by an account: it moves {@link #amount()} and pays fees from {@link #from()}'s address. */
public sealed interface Payment permits Transfer, Deposit {
  PubKey from();

  long amount();

  long maxFee();

  long tip();

  long nonce();
}
