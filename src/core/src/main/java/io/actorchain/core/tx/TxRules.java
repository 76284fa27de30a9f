package io.actorchain.core.tx;

import io.actorchain.core.crypto.Address;
import io.actorchain.core.crypto.PubKey;
import io.actorchain.core.state.Account;
import io.actorchain.core.state.AccountView;
import io.actorchain.core.state.Accounts;
import io.actorchain.core.state.LedgerState;
import io.actorchain.core.state.RegistryEntry;
import java.util.List;
import java.util.Optional;

/**
 * Transaction validity and application (CONSENSUS.md §2), one method per rule. A transaction is valid if its fields
 * are in range, {@code maxFee ≥ baseFee}, {@code nonce == account.nonce}, {@code balance ≥ amount + maxFee}, no credit
 * overflows, and its signature verifies; an exit instead needs a known validator that has not asked to exit yet.
 * The signature is checked last, as it is the expensive check.
 */
public final class TxRules {
  private TxRules() {}

  public static Optional<TxRejection> validate(Transaction tx, LedgerState state) {
    return validate(tx, state, SignatureCheck.direct());
  }

  public static Optional<TxRejection> validate(Transaction tx, LedgerState state, SignatureCheck sigs) {
    return validate(tx, state.accounts(), state.registry(), state.baseFee(), sigs);
  }

  /** Validity against a state that may be mid-block: {@code accounts} and {@code registry} as updated so far. */
  public static Optional<TxRejection> validate(
      Transaction tx, AccountView accounts, List<RegistryEntry> registry, long baseFee, SignatureCheck sigs) {
    if (tx instanceof Payment p) {
      Account sender = accounts.get(p.from().address());
      return first(
          checkFields(tx),
          checkMaxFee(tx, baseFee),
          checkNonce(tx, sender),
          checkBalance(tx, sender),
          checkCredit(tx, accounts, registry))
          .or(() -> checkSignature(tx, registry, sigs));
    }
    return checkExit((Exit) tx, registry).or(() -> checkSignature(tx, registry, sigs));
  }

  @SafeVarargs
  private static Optional<TxRejection> first(Optional<TxRejection>... checks) {
    for (Optional<TxRejection> c : checks) {
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  private static Optional<TxRejection> reject(TxInvalidReason reason, String detail) {
    return Optional.of(new TxRejection(reason, detail));
  }

  /** Stateless ranges: a positive amount and a non-negative tip. */
  public static Optional<TxRejection> checkFields(Transaction tx) {
    if (tx instanceof Payment p) {
      if (p.amount() <= 0) {
        return reject(TxInvalidReason.NON_POSITIVE_AMOUNT, "amount " + p.amount());
      }
      if (p.tip() < 0) {
        return reject(TxInvalidReason.NEGATIVE_TIP, "tip " + p.tip());
      }
    }
    return Optional.empty();
  }

  /** {@code maxFee ≥ baseFee}. */
  public static Optional<TxRejection> checkMaxFee(Transaction tx, long baseFee) {
    if (tx instanceof Payment p && p.maxFee() < baseFee) {
      return reject(TxInvalidReason.MAX_FEE_BELOW_BASE_FEE, "maxFee " + p.maxFee() + ", base fee " + baseFee);
    }
    return Optional.empty();
  }

  /** {@code nonce == account.nonce}. */
  public static Optional<TxRejection> checkNonce(Transaction tx, Account sender) {
    if (tx instanceof Payment p && p.nonce() != sender.nonce()) {
      return reject(TxInvalidReason.WRONG_NONCE, "nonce " + p.nonce() + ", account nonce " + sender.nonce());
    }
    return Optional.empty();
  }

  /** {@code balance ≥ amount + maxFee}, without overflow. Assumes {@link #checkFields} and {@link #checkMaxFee} hold. */
  public static Optional<TxRejection> checkBalance(Transaction tx, Account sender) {
    if (tx instanceof Payment p) {
      boolean covered = p.amount() <= sender.balance() && p.maxFee() <= sender.balance() - p.amount();
      if (!covered) {
        return reject(TxInvalidReason.INSUFFICIENT_BALANCE, "balance " + sender.balance() + ", amount "
            + p.amount() + " + maxFee " + p.maxFee());
      }
    }
    return Optional.empty();
  }

  /** The credited balance or stake stays within a long. */
  public static Optional<TxRejection> checkCredit(Transaction tx, AccountView accounts, List<RegistryEntry> registry) {
    if (tx instanceof Transfer t && !t.to().equals(t.from().address())) {
      long balance = accounts.get(t.to()).balance();
      if (balance > Long.MAX_VALUE - t.amount()) {
        return reject(TxInvalidReason.BALANCE_OVERFLOW, "recipient balance " + balance + " + amount " + t.amount());
      }
    } else if (tx instanceof Deposit d) {
      int index = LedgerState.indexOf(registry, d.validatorPubkey());
      long stake = index < 0 ? 0 : registry.get(index).stake();
      if (stake > Long.MAX_VALUE - d.amount()) {
        return reject(TxInvalidReason.BALANCE_OVERFLOW, "validator stake " + stake + " + amount " + d.amount());
      }
    }
    return Optional.empty();
  }

  /** The exiting validator is in the registry and has not asked to exit before. */
  public static Optional<TxRejection> checkExit(Exit exit, List<RegistryEntry> registry) {
    if (exit.validatorIndex() < 0 || exit.validatorIndex() >= registry.size()) {
      return reject(TxInvalidReason.UNKNOWN_VALIDATOR,
          "validator index " + exit.validatorIndex() + ", registry size " + registry.size());
    }
    if (registry.get((int) exit.validatorIndex()).exitRequested()) {
      return reject(TxInvalidReason.EXIT_ALREADY_REQUESTED, "validator index " + exit.validatorIndex());
    }
    return Optional.empty();
  }

  /** The signature verifies, by the sender, or for an exit by the validator's registered key (which must exist). */
  public static Optional<TxRejection> checkSignature(
      Transaction tx, List<RegistryEntry> registry, SignatureCheck sigs) {
    Optional<PubKey> signer = signer(tx, registry);
    if (signer.isEmpty()) {
      return reject(TxInvalidReason.UNKNOWN_VALIDATOR, "no key for validator index " + ((Exit) tx).validatorIndex());
    }
    if (!sigs.verify(tx, signer.get())) {
      return reject(TxInvalidReason.BAD_SIGNATURE, "signer " + signer.get().shortHex() + ", tx " + tx.id().shortHex());
    }
    return Optional.empty();
  }

  /** The key that must have signed {@code tx}: the sender's, or the exiting validator's registered key. */
  public static Optional<PubKey> signer(Transaction tx, List<RegistryEntry> registry) {
    if (tx instanceof Payment p) {
      return Optional.of(p.from());
    }
    long index = ((Exit) tx).validatorIndex();
    return index >= 0 && index < registry.size() ? Optional.of(registry.get((int) index).pubkey()) : Optional.empty();
  }

  /**
   * Applies a transaction that {@link #validate} accepted against the same {@code accounts}, {@code registry} and
   * {@code baseFee}: the sender pays {@code amount + baseFee + tipPaid} and its nonce goes up by one; the base fee is
   * burned; a transfer credits the recipient; a deposit tops up the validator with that pubkey or appends a new
   * one; an exit marks its validator. Returns the tip owed to the block's producer.
   */
  public static long apply(Transaction tx, Accounts.Builder accounts, List<RegistryEntry> registry, long baseFee) {
    if (tx instanceof Exit exit) {
      int index = Math.toIntExact(exit.validatorIndex());
      registry.set(index, registry.get(index).withExitRequested());
      return 0;
    }
    Payment p = (Payment) tx;
    long tip = Fees.tipPaid(tx, baseFee);
    Account sender = accounts.get(p.from().address());
    long debit = Math.addExact(Math.addExact(p.amount(), baseFee), tip);
    accounts.put(new Account(sender.address(), Math.subtractExact(sender.balance(), debit),
        Math.incrementExact(sender.nonce())));
    if (tx instanceof Transfer t) {
      credit(accounts, t.to(), t.amount());
    } else {
      Deposit d = (Deposit) tx;
      int index = LedgerState.indexOf(registry, d.validatorPubkey());
      if (index < 0) {
        registry.add(RegistryEntry.of(d.validatorPubkey(), d.amount()));
      } else {
        RegistryEntry e = registry.get(index);
        registry.set(index, e.withStake(Math.addExact(e.stake(), d.amount())));
      }
    }
    return tip;
  }

  /** Adds {@code amount} to the balance at {@code to}; throws {@link ArithmeticException} on overflow. */
  public static void credit(Accounts.Builder accounts, Address to, long amount) {
    Account a = accounts.get(to);
    accounts.put(a.withBalance(Math.addExact(a.balance(), amount)));
  }

  /**
   * Validates and applies {@code txs} in order, stopping at the first invalid one, whose rejection names its
   * position. On a rejection the builder and registry hold the transactions before it, so use throwaway copies.
   */
  public static Optional<TxRejection> applyAll(
      List<Transaction> txs, Accounts.Builder accounts, List<RegistryEntry> registry, long baseFee) {
    SignatureCheck sigs = SignatureCheck.direct();
    for (int i = 0; i < txs.size(); i++) {
      Transaction tx = txs.get(i);
      Optional<TxRejection> rejection = validate(tx, accounts, registry, baseFee, sigs);
      if (rejection.isPresent()) {
        TxRejection r = rejection.get();
        return Optional.of(new TxRejection(r.reason(), "tx " + i + " (" + tx.id().shortHex() + "): " + r.detail()));
      }
      apply(tx, accounts, registry, baseFee);
    }
    return Optional.empty();
  }
}
