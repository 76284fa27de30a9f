package io.actorchain.core.tx;

import static io.actorchain.core.Units.coins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.TestKeys;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.state.Account;
import io.actorchain.core.state.Accounts;
import io.actorchain.core.state.LedgerState;
import io.actorchain.core.state.RegistryEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxApplierTest {
  private static final Address ALICE = TestKeys.ALICE.address();
  private static final Address BOB = TestKeys.BOB.address();
  private static final Address MINER = TestKeys.MINER_1.address();
  private static final LedgerState PARENT = new LedgerState(
      Accounts.of(List.of(new Account(ALICE, coins(10), 0))), 4,
      List.of(RegistryEntry.of(TestKeys.VALIDATOR_0.publicKey(), coins(32))));

  @Test
  void shouldValidateEachTransactionAgainstTheStateSoFar() {
    TxApplier applier = TxApplier.on(PARENT);

    assertThat(applier.tryApply(Transfer.sign(TestKeys.ALICE, BOB, coins(2), 10, 3, 0))).isEmpty();
    assertThat(applier.tryApply(Transfer.sign(TestKeys.BOB, ALICE, coins(1), 10, 3, 0))).isEmpty();
    assertThat(applier.tryApply(Transfer.sign(TestKeys.ALICE, BOB, coins(2), 10, 3, 0)))
        .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(TxInvalidReason.WRONG_NONCE));
    assertThat(applier.count()).isEqualTo(2);
    assertThat(applier.tips()).isEqualTo(6);
    assertThat(applier.account(BOB)).isEqualTo(new Account(BOB, coins(1) - 7, 1));
  }

  @Test
  void shouldLeaveTheStateUntouchedByARejectedTransaction() {
    TxApplier applier = TxApplier.on(PARENT);
    applier.tryApply(Transfer.sign(TestKeys.ALICE, BOB, coins(11), 10, 3, 0));

    assertThat(applier.count()).isZero();
    assertThat(applier.finish().accounts()).isEqualTo(PARENT.accounts());
  }

  @Test
  void shouldFinishWithTheNextBaseFeeFromTheNumberApplied() {
    TxApplier applier = TxApplier.on(PARENT);
    applier.tryApply(Exit.sign(TestKeys.VALIDATOR_0, 0, 0));
    applier.credit(MINER, coins(50));
    LedgerState post = applier.finish();

    assertThat(post.baseFee()).isEqualTo(Fees.nextBaseFee(4, 1));
    assertThat(post.registry().get(0).exitRequested()).isTrue();
    assertThat(post.account(MINER).balance()).isEqualTo(coins(50));
    assertThat(PARENT.registry().get(0).exitRequested()).isFalse();
  }

  @Test
  void shouldRefuseUseAfterFinish() {
    TxApplier applier = TxApplier.on(PARENT);
    applier.finish();
    assertThatThrownBy(applier::finish).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> applier.credit(MINER, 1)).isInstanceOf(IllegalStateException.class);
  }
}
