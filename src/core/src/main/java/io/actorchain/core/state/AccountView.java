package io.actorchain.core.state;

import io.actorchain.core.crypto.Address;

/** Read access to accounts, shared by the immutable {@link Accounts} and its {@link Accounts.Builder}. */
public interface AccountView {
  /** The account at {@code address}, or {@link Account#empty} if it was never touched. */
  Account get(Address address);
}
