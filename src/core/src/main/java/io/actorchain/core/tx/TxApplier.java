package io.actorchain.core.tx;

import io.actorchain.core.crypto.Address;
import io.actorchain.core.state.Account;
import io.actorchain.core.state.Accounts;
import io.actorchain.core.state.LedgerState;
import io.actorchain.core.state.RegistryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a block's transactions in order on top of its parent's ledger state (CONSENSUS.md §2): each one is validated
 * against the state as updated so far and applied only if valid. Used both to check a block (stop at the first
 * rejection) and to build one (skip rejected candidates). Mutable; owned by one thread.
 */
public final class TxApplier {
  private final LedgerState parent;
  private final SignatureCheck sigs;
  private final Accounts.Builder accounts;
  private final List<RegistryEntry> registry;
  private final List<Transaction> applied = new ArrayList<>();
  private long tips;
  private boolean finished;

  public TxApplier(LedgerState parent, SignatureCheck sigs) {
    this.parent = parent;
    this.sigs = sigs;
    this.accounts = parent.accounts().toBuilder();
    this.registry = new ArrayList<>(parent.registry());
  }

  /** An applier that verifies every signature afresh. */
  public static TxApplier on(LedgerState parent) {
    return new TxApplier(parent, SignatureCheck.direct());
  }

  /** The base fee every transaction of this block pays: the parent state's. */
  public long baseFee() {
    return parent.baseFee();
  }

  /** Validates {@code tx} against the state so far and applies it if valid; a rejected one changes nothing. */
  public Optional<TxRejection> tryApply(Transaction tx) {
    checkOpen();
    Optional<TxRejection> rejection = TxRules.validate(tx, accounts, registry, parent.baseFee(), sigs);
    if (rejection.isEmpty() && tips > Long.MAX_VALUE - Fees.tipPaid(tx, parent.baseFee())) {
      rejection = Optional.of(new TxRejection(TxInvalidReason.BALANCE_OVERFLOW,
          "the block's tips would exceed 2^63 - 1 gwei"));
    }
    if (rejection.isEmpty()) {
      tips = Math.addExact(tips, TxRules.apply(tx, accounts, registry, parent.baseFee()));
      applied.add(tx);
    }
    return rejection;
  }

  /** The number of transactions applied so far. */
  public int count() {
    return applied.size();
  }

  /** The tips owed to the producer so far. */
  public long tips() {
    return tips;
  }

  public List<Transaction> applied() {
    return List.copyOf(applied);
  }

  public Account account(Address address) {
    return accounts.get(address);
  }

  /** Credits {@code amount} to {@code to}, e.g. the coinbase; throws {@link ArithmeticException} on overflow. */
  public void credit(Address to, long amount) {
    checkOpen();
    TxRules.credit(accounts, to, amount);
  }

  /** The post-state: accounts and registry as applied, and the next base fee from the number applied. */
  public LedgerState finish() {
    checkOpen();
    finished = true;
    return new LedgerState(accounts.build(), Fees.nextBaseFee(parent.baseFee(), applied.size()), registry);
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("this TxApplier already finished its block");
    }
  }
}
