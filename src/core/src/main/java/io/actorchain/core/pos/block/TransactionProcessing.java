package io.actorchain.core.pos.block;

import io.actorchain.core.crypto.Address;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.misc.Accessors;
import io.actorchain.core.pos.misc.Mutators;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.state.Account;
import io.actorchain.core.state.Accounts;
import io.actorchain.core.tx.Deposit;
import io.actorchain.core.tx.Exit;
import io.actorchain.core.tx.Fees;
import io.actorchain.core.tx.Payment;
import io.actorchain.core.tx.SignatureCheck;
import io.actorchain.core.tx.Transaction;
import io.actorchain.core.tx.Transfer;
import io.actorchain.core.tx.TxRejection;
import io.actorchain.core.tx.TxRules;
import java.util.List;
import java.util.Optional;

/**
 * Step 6 of CONSENSUS.md §5.4: a PoS block's transactions, in order, on the block's working state. Transfers and
 * deposits follow §2 exactly as on the PoW chain ({@link TxRules}' checks; the base fee of the parent state is burned
 * and the tips go to the proposer's account, the address of its pubkey, once the block's transactions are done).
 * A deposit tops up the validator with the same pubkey or appends one with
 * {@code activationEligibilityEpoch = current + 1}. An exit calls {@code initiateExit}; as Ethereum's
 * {@code process_voluntary_exit} (§5.4 leaves this open) it needs the validator active, not already exiting, an
 * exit epoch that is not in the future, and the validator's signature. Mutable; used inside one block.
 */
final class TransactionProcessing {
  private final BeaconState state;
  private final ConsensusConfig config;
  private final SignatureCheck sigs;
  private final Address proposerAccount;
  private final long baseFee;
  private final Accounts.Builder accounts;
  private long tips;
  private int count;

  TransactionProcessing(BeaconState state, ConsensusConfig config, SignatureCheck sigs, Address proposerAccount) {
    this.state = state;
    this.config = config;
    this.sigs = sigs;
    this.proposerAccount = proposerAccount;
    this.baseFee = state.baseFee();
    this.accounts = state.accounts().toBuilder();
  }

  /** Validates {@code tx} against the state so far and applies it if valid; a rejected one changes nothing. */
  Optional<String> apply(Transaction tx) {
    if (count >= Fees.MAX_TXS_PER_BLOCK) {
      return Optional.of("the block already holds " + Fees.MAX_TXS_PER_BLOCK + " transactions");
    }
    Optional<String> invalid = tx instanceof Exit exit ? validateExit(exit) : validatePayment(tx, (Payment) tx);
    if (invalid.isPresent()) {
      return invalid;
    }
    if (tx instanceof Exit exit) {
      Mutators.initiateExit(state, (int) exit.validatorIndex(), config);
    } else {
      applyPayment(tx, (Payment) tx);
    }
    count++;
    return Optional.empty();
  }

  int count() {
    return count;
  }

  /** Pays the tips to the proposer's account and returns the accounts after the block's transactions. */
  Accounts finish() {
    if (tips > 0) {
      Account a = accounts.get(proposerAccount);
      accounts.put(a.withBalance(Math.addExact(a.balance(), tips)));
    }
    return accounts.build();
  }

  private Optional<String> validatePayment(Transaction tx, Payment p) {
    Account sender = accounts.get(p.from().address());
    Optional<TxRejection> invalid = TxRules.checkFields(tx)
        .or(() -> TxRules.checkMaxFee(tx, baseFee))
        .or(() -> TxRules.checkNonce(tx, sender))
        .or(() -> TxRules.checkBalance(tx, sender))
        .or(() -> TxRules.checkCredit(tx, accounts, List.of()));
    if (invalid.isPresent()) {
      return Optional.of(invalid.get().describe());
    }
    long tip = Fees.tipPaid(tx, baseFee);
    if (tips > Long.MAX_VALUE - tip) {
      return Optional.of("the block's tips would exceed 2^63 - 1 gwei");
    }
    if (tx instanceof Deposit d) {
      int index = indexOf(d);
      if (index >= 0 && state.balance(index) > Long.MAX_VALUE - d.amount()) {
        return Optional.of("validator " + index + " balance " + state.balance(index) + " + amount " + d.amount()
            + " would overflow");
      }
    }
    if (!sigs.verify(tx, p.from())) {
      return Optional.of("bad signature: signer " + p.from().shortHex() + ", tx " + tx.id().shortHex());
    }
    return Optional.empty();
  }

  private void applyPayment(Transaction tx, Payment p) {
    long tip = Fees.tipPaid(tx, baseFee);
    Account sender = accounts.get(p.from().address());
    long debit = Math.addExact(Math.addExact(p.amount(), baseFee), tip);
    accounts.put(new Account(sender.address(), Math.subtractExact(sender.balance(), debit),
        Math.incrementExact(sender.nonce())));
    tips += tip;
    if (tx instanceof Transfer t) {
      Account to = accounts.get(t.to());
      accounts.put(to.withBalance(Math.addExact(to.balance(), t.amount())));
      return;
    }
    Deposit d = (Deposit) tx;
    int index = indexOf(d);
    if (index >= 0) {
      state.increaseBalance(index, d.amount());
      return;
    }
    long effective = config.effectiveBalanceOf(d.amount());
    long eligibility = Accessors.currentEpoch(state, config) + 1;
    long far = ConsensusConfig.FAR_FUTURE_EPOCH;
    state.addValidator(new Validator(d.validatorPubkey(), effective, false, eligibility, far, far, far), d.amount());
  }

  private int indexOf(Deposit d) {
    for (int i = 0; i < state.validatorCount(); i++) {
      if (state.validator(i).pubkey().equals(d.validatorPubkey())) {
        return i;
      }
    }
    return -1;
  }

  private Optional<String> validateExit(Exit exit) {
    long index = exit.validatorIndex();
    if (index < 0 || index >= state.validatorCount()) {
      return Optional.of("exit of unknown validator " + Long.toUnsignedString(index) + ", registry size "
          + state.validatorCount());
    }
    Validator v = state.validator((int) index);
    long current = Accessors.currentEpoch(state, config);
    if (!v.isActive(current)) {
      return Optional.of("exit of validator " + index + ", not active at epoch " + current);
    }
    if (v.exitEpoch() != ConsensusConfig.FAR_FUTURE_EPOCH) {
      return Optional.of("exit of validator " + index + ", already exiting at epoch " + v.exitEpoch());
    }
    if (Long.compareUnsigned(exit.epoch(), current) > 0) {
      return Optional.of("exit of validator " + index + " signed for epoch " + Long.toUnsignedString(exit.epoch())
          + ", current epoch " + current);
    }
    if (!sigs.verify(exit, v.pubkey())) {
      return Optional.of("bad signature: exit of validator " + index + ", key " + v.pubkey().shortHex());
    }
    return Optional.empty();
  }
}
