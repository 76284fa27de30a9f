package io.actorchain.core.tx;

import static io.actorchain.core.Units.coins;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.TestKeys;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.crypto.Signature;
import io.actorchain.core.state.Account;
import io.actorchain.core.state.Accounts;
import io.actorchain.core.state.LedgerState;
import io.actorchain.core.state.RegistryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TxRulesTest {
  private static final Address ALICE = TestKeys.ALICE.address();
  private static final Address BOB = TestKeys.BOB.address();
  private static final LedgerState STATE = new LedgerState(
      Accounts.of(List.of(new Account(ALICE, coins(100), 0), new Account(BOB, coins(5), 3))),
      10,
      List.of(RegistryEntry.of(TestKeys.VALIDATOR_0.publicKey(), coins(32)),
          new RegistryEntry(TestKeys.VALIDATOR_1.publicKey(), coins(64), true)));

  private static Optional<TxInvalidReason> reason(Transaction tx) {
    return TxRules.validate(tx, STATE).map(TxRejection::reason);
  }

  @Test
  void shouldAcceptAValidTransferDepositAndExit() {
    assertThat(TxRules.validate(Transfer.sign(TestKeys.ALICE, BOB, coins(1), 10, 1, 0), STATE)).isEmpty();
    assertThat(TxRules.validate(Deposit.sign(TestKeys.ALICE, TestKeys.CAROL.publicKey(), coins(1), 10, 1, 0), STATE))
        .isEmpty();
    assertThat(TxRules.validate(Exit.sign(TestKeys.VALIDATOR_0, 0, 0), STATE)).isEmpty();
  }

  @Test
  void shouldRejectTransferWithBadSignature() {
    Transfer good = Transfer.sign(TestKeys.ALICE, BOB, coins(1), 10, 1, 0);
    Transfer signedByBob = Transfer.sign(TestKeys.BOB, BOB, coins(1), 10, 1, 3);
    Transfer forged = new Transfer(TestKeys.BOB.publicKey(), BOB, coins(1), 10, 1, 3, good.sig());

    assertThat(reason(good.withSig(Signature.EMPTY))).contains(TxInvalidReason.BAD_SIGNATURE);
    assertThat(reason(forged)).contains(TxInvalidReason.BAD_SIGNATURE);
    assertThat(reason(signedByBob)).isEmpty();
  }

  @Test
  void shouldRejectTransferWhoseSignedFieldsWereChanged() {
    Transfer good = Transfer.sign(TestKeys.ALICE, BOB, coins(1), 10, 1, 0);
    Transfer raised = new Transfer(good.from(), good.to(), coins(2), 10, 1, 0, good.sig());

    assertThat(reason(raised)).contains(TxInvalidReason.BAD_SIGNATURE);
  }

  @Test
  void shouldRejectTransferWithWrongNonce() {
    Optional<TxRejection> ahead = TxRules.validate(Transfer.sign(TestKeys.BOB, ALICE, 1, 10, 0, 5), STATE);
    Optional<TxRejection> behind = TxRules.validate(Transfer.sign(TestKeys.BOB, ALICE, 1, 10, 0, 2), STATE);

    assertThat(ahead).hasValueSatisfying(r -> {
      assertThat(r.reason()).isEqualTo(TxInvalidReason.WRONG_NONCE);
      assertThat(r.detail()).isEqualTo("nonce 5, account nonce 3");
    });
    assertThat(behind.map(TxRejection::reason)).contains(TxInvalidReason.WRONG_NONCE);
  }

  @Test
  void shouldRejectTransferThatOverspends() {
    long maxFee = 10;
    Transfer exact = Transfer.sign(TestKeys.BOB, ALICE, coins(5) - maxFee, maxFee, 0, 3);
    Transfer oneOver = Transfer.sign(TestKeys.BOB, ALICE, coins(5) - maxFee + 1, maxFee, 0, 3);
    Transfer fromNobody = Transfer.sign(TestKeys.CAROL, ALICE, 1, maxFee, 0, 0);

    assertThat(reason(exact)).isEmpty();
    assertThat(TxRules.validate(oneOver, STATE)).hasValueSatisfying(r -> {
      assertThat(r.reason()).isEqualTo(TxInvalidReason.INSUFFICIENT_BALANCE);
      assertThat(r.detail()).contains("balance 5000000000", "maxFee 10");
    });
    assertThat(reason(fromNobody)).contains(TxInvalidReason.INSUFFICIENT_BALANCE);
  }

  @Test
  void shouldRejectOverspendThatWouldOverflowALong() {
    Transfer huge = Transfer.sign(TestKeys.ALICE, BOB, Long.MAX_VALUE, Long.MAX_VALUE, 0, 0);
    assertThat(reason(huge)).contains(TxInvalidReason.INSUFFICIENT_BALANCE);
  }

  @Test
  void shouldRejectTransferWithMaxFeeBelowBaseFee() {
    Optional<TxRejection> r = TxRules.validate(Transfer.sign(TestKeys.ALICE, BOB, 1, 9, 0, 0), STATE);

    assertThat(r).hasValueSatisfying(rejection -> {
      assertThat(rejection.reason()).isEqualTo(TxInvalidReason.MAX_FEE_BELOW_BASE_FEE);
      assertThat(rejection.describe()).isEqualTo("maxFee is below the base fee: maxFee 9, base fee 10");
    });
  }

  @Test
  void shouldRejectNonPositiveAmountsAndNegativeTips() {
    assertThat(reason(Transfer.sign(TestKeys.ALICE, BOB, 0, 10, 0, 0))).contains(TxInvalidReason.NON_POSITIVE_AMOUNT);
    assertThat(reason(Transfer.sign(TestKeys.ALICE, BOB, -5, 10, 0, 0)))
        .contains(TxInvalidReason.NON_POSITIVE_AMOUNT);
    assertThat(reason(Deposit.sign(TestKeys.ALICE, TestKeys.CAROL.publicKey(), 0, 10, 0, 0)))
        .contains(TxInvalidReason.NON_POSITIVE_AMOUNT);
    assertThat(reason(Transfer.sign(TestKeys.ALICE, BOB, 1, 10, -1, 0))).contains(TxInvalidReason.NEGATIVE_TIP);
  }

  @Test
  void shouldRejectATransferThatOverflowsTheRecipient() {
    LedgerState rich = new LedgerState(
        STATE.accounts().with(new Account(BOB, Long.MAX_VALUE - 5, 0)), 1, STATE.registry());
    assertThat(TxRules.validate(Transfer.sign(TestKeys.ALICE, BOB, 6, 1, 0, 0), rich).map(TxRejection::reason))
        .contains(TxInvalidReason.BALANCE_OVERFLOW);
    assertThat(TxRules.validate(Transfer.sign(TestKeys.ALICE, BOB, 5, 1, 0, 0), rich)).isEmpty();
  }

  @Test
  void shouldRejectExitOfUnknownValidator() {
    Optional<TxRejection> r = TxRules.validate(Exit.sign(TestKeys.VALIDATOR_0, 2, 0), STATE);
    assertThat(r).hasValueSatisfying(rejection -> {
      assertThat(rejection.reason()).isEqualTo(TxInvalidReason.UNKNOWN_VALIDATOR);
      assertThat(rejection.detail()).isEqualTo("validator index 2, registry size 2");
    });
    assertThat(reason(Exit.sign(TestKeys.VALIDATOR_0, -1, 0))).contains(TxInvalidReason.UNKNOWN_VALIDATOR);
  }

  @Test
  void shouldRejectExitAlreadyRequested() {
    assertThat(reason(Exit.sign(TestKeys.VALIDATOR_1, 1, 0))).contains(TxInvalidReason.EXIT_ALREADY_REQUESTED);
  }

  @Test
  void shouldRejectExitNotSignedByTheValidatorKey() {
    assertThat(reason(Exit.sign(TestKeys.ALICE, 0, 0))).contains(TxInvalidReason.BAD_SIGNATURE);
  }

  @Test
  void shouldDescribeEveryReason() {
    for (TxInvalidReason r : TxInvalidReason.values()) {
      assertThat(r.describe()).isNotBlank();
    }
  }

  @Test
  void shouldMoveAmountBurnBaseFeeAndReturnTheTipOfATransfer() {
    Accounts.Builder accounts = STATE.accounts().toBuilder();
    List<RegistryEntry> registry = new ArrayList<>(STATE.registry());
    Transfer tx = Transfer.sign(TestKeys.ALICE, BOB, coins(1), 15, 7, 0);

    long tip = TxRules.apply(tx, accounts, registry, STATE.baseFee());

    assertThat(tip).isEqualTo(5); // min(7, 15 − 10)
    assertThat(accounts.get(ALICE)).isEqualTo(new Account(ALICE, coins(100) - coins(1) - 10 - 5, 1));
    assertThat(accounts.get(BOB)).isEqualTo(new Account(BOB, coins(6), 3));
    assertThat(registry).isEqualTo(STATE.registry());
  }

  @Test
  void shouldChargeOnlyFeesForATransferToSelf() {
    Accounts.Builder accounts = STATE.accounts().toBuilder();
    TxRules.apply(Transfer.sign(TestKeys.ALICE, ALICE, coins(1), 10, 0, 0), accounts, new ArrayList<>(), 10);
    assertThat(accounts.get(ALICE)).isEqualTo(new Account(ALICE, coins(100) - 10, 1));
  }

  @Test
  void shouldAppendANewValidatorForADepositToANewPubkey() {
    Accounts.Builder accounts = STATE.accounts().toBuilder();
    List<RegistryEntry> registry = new ArrayList<>(STATE.registry());

    long tip = TxRules.apply(Deposit.sign(TestKeys.ALICE, TestKeys.CAROL.publicKey(), coins(32), 11, 1, 0),
        accounts, registry, 10);

    assertThat(tip).isEqualTo(1);
    assertThat(accounts.get(ALICE)).isEqualTo(new Account(ALICE, coins(68) - 11, 1));
    assertThat(registry).hasSize(3);
    assertThat(registry.get(2)).isEqualTo(RegistryEntry.of(TestKeys.CAROL.publicKey(), coins(32)));
  }

  @Test
  void shouldTopUpAnExistingValidatorForADepositToItsPubkey() {
    List<RegistryEntry> registry = new ArrayList<>(STATE.registry());
    TxRules.apply(Deposit.sign(TestKeys.ALICE, TestKeys.VALIDATOR_1.publicKey(), coins(1), 10, 0, 0),
        STATE.accounts().toBuilder(), registry, 10);

    assertThat(registry).hasSize(2);
    assertThat(registry.get(1)).isEqualTo(new RegistryEntry(TestKeys.VALIDATOR_1.publicKey(), coins(65), true));
  }

  @Test
  void shouldMarkTheValidatorOfAnExitAndChargeNothing() {
    Accounts.Builder accounts = STATE.accounts().toBuilder();
    List<RegistryEntry> registry = new ArrayList<>(STATE.registry());

    long tip = TxRules.apply(Exit.sign(TestKeys.VALIDATOR_0, 0, 4), accounts, registry, 10);

    assertThat(tip).isZero();
    assertThat(registry.get(0).exitRequested()).isTrue();
    assertThat(accounts.build()).isEqualTo(STATE.accounts());
  }

  @Test
  void shouldApplyAllInOrderAndNameTheFirstInvalidOne() {
    Accounts.Builder accounts = STATE.accounts().toBuilder();
    List<RegistryEntry> registry = new ArrayList<>(STATE.registry());
    List<Transaction> txs = List.of(
        Transfer.sign(TestKeys.ALICE, BOB, 1, 10, 0, 0),
        Transfer.sign(TestKeys.ALICE, BOB, 1, 10, 0, 1),
        Transfer.sign(TestKeys.ALICE, BOB, 1, 10, 0, 1));

    Optional<TxRejection> r = TxRules.applyAll(txs, accounts, registry, 10);

    assertThat(r).hasValueSatisfying(rejection -> {
      assertThat(rejection.reason()).isEqualTo(TxInvalidReason.WRONG_NONCE);
      assertThat(rejection.detail()).startsWith("tx 2 (").endsWith("nonce 1, account nonce 2");
    });
    assertThat(accounts.get(ALICE).nonce()).isEqualTo(2);
    assertThat(TxRules.applyAll(txs.subList(0, 1), STATE.accounts().toBuilder(), registry, 10)).isEmpty();
  }

  @Test
  void shouldNameTheSignerOfEachType() {
    assertThat(TxRules.signer(Transfer.sign(TestKeys.ALICE, BOB, 1, 10, 0, 0), STATE.registry()))
        .contains(TestKeys.ALICE.publicKey());
    assertThat(TxRules.signer(Exit.sign(TestKeys.VALIDATOR_0, 1, 0), STATE.registry()))
        .contains(TestKeys.VALIDATOR_1.publicKey());
    assertThat(TxRules.signer(Exit.sign(TestKeys.VALIDATOR_0, 9, 0), STATE.registry())).isEmpty();
  }
}
