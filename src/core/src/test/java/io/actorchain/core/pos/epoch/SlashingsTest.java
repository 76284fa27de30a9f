package io.actorchain.core.pos.epoch;

import static io.actorchain.core.Units.coins;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.misc.Mutators;
import io.actorchain.core.pos.misc.TestStates;
import io.actorchain.core.pos.state.BeaconState;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlashingsTest {
  private static final ConsensusConfig C = ConsensusConfig.minimal(); // multiplier 3, vector 64

  /** {@code n} validators of 32 coins; the first {@code slashed} are slashed in epoch 3 (withdrawable at 67). */
  private static BeaconState slashedAtEpochThree(int n, int slashed) {
    BeaconState s = TestStates.uniform(C, C.startSlot(3), n, 32);
    for (int i = 0; i < slashed; i++) {
      Mutators.slashValidator(s, i, null, n - 1, C);
    }
    return s;
  }

  @Test
  void shouldTakeTheCorrelationPenaltyHalfwayThroughTheSlashingsVector() {
    BeaconState s = slashedAtEpochThree(10, 1);
    assertThat(s.validator(0).withdrawableEpoch()).isEqualTo(67);
    assertThat(s.balance(0)).isEqualTo(coins(31));
    s.setSlot(TestStates.lastSlot(C, 35)); // 35 + 64 // 2 == 67
    List<EpochTransition.CorrelationPenalty> taken = EpochProcessing.processSlashings(s, C);
    // Active at 35: 9 × 32 = 288 coins. adj = min(32 × 3, 288) = 96. 32 × 96e9 // 288e9 = 10 increments.
    assertThat(s.balance(0)).isEqualTo(coins(21));
    assertThat(taken).containsExactly(new EpochTransition.CorrelationPenalty(0, coins(10)));
  }

  @Test
  void shouldReportOnlyWhatTheBalanceCouldPay() {
    BeaconState s = slashedAtEpochThree(4, 3);
    s.setBalance(1, coins(5));
    s.setSlot(TestStates.lastSlot(C, 35));
    List<EpochTransition.CorrelationPenalty> taken = EpochProcessing.processSlashings(s, C);
    // Each is due 32 increments (see below); v1 had only 5 coins left.
    assertThat(taken).containsExactly(new EpochTransition.CorrelationPenalty(0, coins(31)),
        new EpochTransition.CorrelationPenalty(1, coins(5)), new EpochTransition.CorrelationPenalty(2, coins(31)));
  }

  @Test
  void shouldReportTheCorrelationPenaltiesAndExitsInTheTransition() {
    BeaconState s = slashedAtEpochThree(10, 1); // exit epoch 3 + 1 + 4 = 8, withdrawable max(8 + 16, 3 + 64) = 67
    assertThat(s.validator(0).exitEpoch()).isEqualTo(8);
    s.setSlot(TestStates.lastSlot(C, 7));
    EpochTransition atSeven = EpochProcessing.processEpoch(s, C, false);
    assertThat(atSeven.exits()).containsExactly(new EpochTransition.Exit(0, true, 67));
    assertThat(atSeven.correlationPenalties()).isEmpty();

    s.setSlot(TestStates.lastSlot(C, 35));
    EpochTransition atThirtyFive = EpochProcessing.processEpoch(s, C, false);
    assertThat(atThirtyFive.exits()).isEmpty();
    assertThat(atThirtyFive.correlationPenalties()).extracting(EpochTransition.CorrelationPenalty::validatorIndex)
        .containsExactly(0);
    assertThat(atThirtyFive.correlationPenalties().get(0).penalty()).isPositive();
  }

  @Test
  void shouldTakeTheWholeEffectiveBalanceWhenAThirdOfTheStakeIsSlashed() {
    BeaconState s = slashedAtEpochThree(4, 3);
    s.setSlot(TestStates.lastSlot(C, 35));
    EpochProcessing.processSlashings(s, C);
    // adj = min(96 × 3, 32 active) = 32 coins = total: each loses 32 × 32 // 32 = 32 increments (floored at 0).
    for (int i = 0; i < 3; i++) {
      assertThat(s.balance(i)).as("v%d", i).isZero();
    }
    assertThat(s.balance(3)).isEqualTo(coins(32) + 3 * 62_500_000L);
  }

  @Test
  void shouldTakeNoCorrelationPenaltyInAnyOtherEpoch() {
    for (long epoch : new long[] {34, 36}) {
      BeaconState s = slashedAtEpochThree(10, 1);
      s.setSlot(TestStates.lastSlot(C, epoch));
      assertThat(EpochProcessing.processSlashings(s, C)).as("epoch %d", epoch).isEmpty();
      assertThat(s.balance(0)).as("epoch %d", epoch).isEqualTo(coins(31));
    }
  }

  @Test
  void shouldClearTheNextEpochsSlashingsEntry() {
    BeaconState s = TestStates.uniform(C, TestStates.lastSlot(C, 10), 1, 32);
    s.setSlashingsAt(10, 7);
    s.setSlashingsAt(11, 5);
    EpochProcessing.processSlashingsReset(s, C);
    assertThat(s.slashingsAt(10)).isEqualTo(7);
    assertThat(s.slashingsAt(11)).isZero();
  }
}
