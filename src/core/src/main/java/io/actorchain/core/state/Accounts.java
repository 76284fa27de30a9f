package io.actorchain.core.state;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.MalformedEncodingException;
import io.actorchain.core.crypto.Address;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * All accounts, immutable and sorted by address. Empty accounts (balance 0, nonce 0) are not stored, so two equal
 * sets of balances always have the same canonical form: a list of accounts in ascending address order.
 */
public final class Accounts implements AccountView, Canonical {
  private static final Accounts EMPTY = new Accounts(new TreeMap<>());

  private final NavigableMap<Address, Account> byAddress;
  private Hash32 root; // cached; a benign race computes the same value twice at worst

  private Accounts(TreeMap<Address, Account> byAddress) {
    this.byAddress = Collections.unmodifiableNavigableMap(byAddress);
  }

  public static Accounts empty() {
    return EMPTY;
  }

  /** The given accounts; an address given twice is an error. */
  public static Accounts of(Collection<Account> accounts) {
    TreeMap<Address, Account> map = new TreeMap<>();
    for (Account a : accounts) {
      if (map.containsKey(a.address())) {
        throw new IllegalArgumentException("account " + a.address() + " given twice");
      }
      if (!a.isEmpty()) {
        map.put(a.address(), a);
      }
    }
    return new Accounts(map);
  }

  @Override
  public Account get(Address address) {
    Account a = byAddress.get(address);
    return a != null ? a : Account.empty(address);
  }

  /** A copy with {@code account} replacing the one at its address. */
  public Accounts with(Account account) {
    return toBuilder().put(account).build();
  }

  /** The stored (non-empty) accounts in ascending address order. */
  public List<Account> all() {
    return List.copyOf(byAddress.values());
  }

  public int size() {
    return byAddress.size();
  }

  /** Sum of all balances; throws {@link ArithmeticException} if it does not fit a long. */
  public long totalBalance() {
    long sum = 0;
    for (Account a : byAddress.values()) {
      sum = Math.addExact(sum, a.balance());
    }
    return sum;
  }

  @Override
  public void writeTo(CanonicalWriter w) {
    w.u32le(byAddress.size());
    for (Account a : byAddress.values()) {
      a.writeTo(w);
    }
  }

  @Override
  public Hash32 root() {
    Hash32 r = root;
    if (r == null) {
      r = Canonical.super.root();
      root = r;
    }
    return r;
  }

  /** Reads the canonical form, rejecting unsorted, repeated or empty accounts (they have no canonical form). */
  public static Accounts read(CanonicalReader r) {
    List<Account> list = r.list(Account::read);
    TreeMap<Address, Account> map = new TreeMap<>();
    Address previous = null;
    for (Account a : list) {
      if (previous != null && previous.compareTo(a.address()) >= 0) {
        throw new MalformedEncodingException("accounts not in strictly ascending address order at " + a.address());
      }
      if (a.isEmpty()) {
        throw new MalformedEncodingException("empty account " + a.address() + " is not stored");
      }
      map.put(a.address(), a);
      previous = a.address();
    }
    return new Accounts(map);
  }

  public Builder toBuilder() {
    return new Builder(new TreeMap<>(byAddress));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Accounts other && byAddress.equals(other.byAddress);
  }

  @Override
  public int hashCode() {
    return byAddress.hashCode();
  }

  @Override
  public String toString() {
    return "Accounts(" + byAddress.size() + " accounts)";
  }

  /** A mutable copy for applying a block's transactions in one pass; owned by one thread. */
  public static final class Builder implements AccountView {
    private TreeMap<Address, Account> map;
    private boolean shared; // true once build() handed the map out; the next write copies it

    private Builder(TreeMap<Address, Account> map) {
      this.map = map;
    }

    @Override
    public Account get(Address address) {
      Account a = map.get(Objects.requireNonNull(address, "address"));
      return a != null ? a : Account.empty(address);
    }

    public Builder put(Account account) {
      if (shared) {
        map = new TreeMap<>(map);
        shared = false;
      }
      if (account.isEmpty()) {
        map.remove(account.address());
      } else {
        map.put(account.address(), account);
      }
      return this;
    }

    /** The accounts so far. The builder stays usable: its next write works on a copy. */
    public Accounts build() {
      shared = true;
      return new Accounts(map);
    }
  }
}
