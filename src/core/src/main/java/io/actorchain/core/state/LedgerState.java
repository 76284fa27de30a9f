package io.actorchain.core.state;

import io.actorchain.core.codec.Canonical;
import io.actorchain.core.codec.CanonicalReader;
import io.actorchain.core.codec.CanonicalWriter;
import io.actorchain.core.codec.MalformedEncodingException;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.crypto.PubKey;
import java.util.List;
import java.util.Objects;

/**
 * The ledger after a block (CONSENSUS.md §2): the accounts, the base fee that applies to the <em>next</em> block,
 * and the validator registry. {@link #root()} is the state root.
 */
public record LedgerState(Accounts accounts, long baseFee, List<RegistryEntry> registry) implements Canonical {
  /** The base fee of the first block, in gwei (CONSENSUS.md §2). */
  public static final long GENESIS_BASE_FEE = 1;

  public LedgerState {
    Objects.requireNonNull(accounts, "accounts");
    registry = List.copyOf(registry);
    if (baseFee < 1) {
      throw new IllegalArgumentException("baseFee must be at least 1 gwei, got " + baseFee);
    }
  }

  public static LedgerState genesis(Accounts accounts, List<RegistryEntry> registry) {
    return new LedgerState(accounts, GENESIS_BASE_FEE, registry);
  }

  public Account account(Address address) {
    return accounts.get(address);
  }

  /** The index of the validator with {@code pubkey}, or -1. */
  public int registryIndexOf(PubKey pubkey) {
    return indexOf(registry, pubkey);
  }

  /** The index of the entry with {@code pubkey} in {@code registry}, or -1. */
  public static int indexOf(List<RegistryEntry> registry, PubKey pubkey) {
    for (int i = 0; i < registry.size(); i++) {
      if (registry.get(i).pubkey().equals(pubkey)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void writeTo(CanonicalWriter w) {
    accounts.writeTo(w);
    w.u64le(baseFee);
    w.list(registry, (out, e) -> e.writeTo(out));
  }

  public static LedgerState read(CanonicalReader r) {
    Accounts accounts = Accounts.read(r);
    long baseFee = r.u64le();
    if (baseFee < 1) {
      throw new MalformedEncodingException("baseFee must be at least 1 gwei, got " + Long.toUnsignedString(baseFee));
    }
    return new LedgerState(accounts, baseFee, r.list(RegistryEntry::read));
  }

  public static LedgerState decode(byte[] bytes) {
    return CanonicalReader.decode(bytes, LedgerState::read);
  }
}
