package io.actorchain.core.state;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.crypto.Address;
import java.util.Objects;

/** An account {@code {address, balance, nonce}} (CONSENSUS.md §2); balance in gwei. */
public record Account(Address address, long balance, long nonce) implements Canonical {
  public Account {
    Objects.requireNonNull(address, "address");
  }

  /** The account every address has before it is touched: no balance, nonce 0. */
  public static Account empty(Address address) {
    return new Account(address, 0, 0);
  }

  public boolean isEmpty() {
    return balance == 0 && nonce == 0;
  }

  public Account withBalance(long newBalance) {
    return new Account(address, newBalance, nonce);
  }

  public Account withNonce(long newNonce) {
    return new Account(address, balance, newNonce);
  }

  @Override
  public void writeTo(CanonicalWriter w) {
    address.writeTo(w);
    w.u64le(balance).u64le(nonce);
  }

  public static Account read(CanonicalReader r) {
    return new Account(Address.read(r), r.u64le(), r.u64le());
  }
}
