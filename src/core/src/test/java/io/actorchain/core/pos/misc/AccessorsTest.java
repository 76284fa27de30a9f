package io.actorchain.core.pos.misc;

import static io.actorchain.core.Units.coins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.state.BeaconState;
import org.junit.jupiter.api.Test;

class AccessorsTest {
  private static final ConsensusConfig C = ConsensusConfig.minimal();

  @Test
  void shouldTakeExactIntegerSquareRootsIncludingUnsignedInputs() {
    assertThat(Accessors.isqrt(0)).isZero();
    assertThat(Accessors.isqrt(1)).isEqualTo(1);
    assertThat(Accessors.isqrt(3)).isEqualTo(1);
    assertThat(Accessors.isqrt(4)).isEqualTo(2);
    assertThat(Accessors.isqrt(8)).isEqualTo(2); // isqrt(SLOTS_PER_EPOCH) of minimal, the SOURCE inclusion limit
    assertThat(Accessors.isqrt(32)).isEqualTo(5);
    assertThat(Accessors.isqrt(999_999L * 999_999L - 1)).isEqualTo(999_998);
    assertThat(Accessors.isqrt(999_999L * 999_999L)).isEqualTo(999_999);
    assertThat(Accessors.isqrt(coins(128))).isEqualTo(357_770);
    assertThat(Accessors.isqrt(Long.MAX_VALUE)).isEqualTo(3_037_000_499L);
    assertThat(Accessors.isqrt(-1L)).as("2^64 − 1").isEqualTo(4_294_967_295L);
  }

  @Test
  void shouldCountEpochsFromTheSlotWithPreviousNeverBelowGenesis() {
    assertThat(Accessors.currentEpoch(TestStates.uniform(C, 87, 1, 32), C)).isEqualTo(10);
    assertThat(Accessors.previousEpoch(TestStates.uniform(C, 87, 1, 32), C)).isEqualTo(9);
    assertThat(Accessors.currentEpoch(TestStates.uniform(C, 3, 1, 32), C)).isZero();
    assertThat(Accessors.previousEpoch(TestStates.uniform(C, 3, 1, 32), C)).isZero();
  }

  @Test
  void shouldListActiveValidatorsByActivationAndExitEpochs() {
    BeaconState s = TestStates.uniform(C, 87, 4, 32);
    s.setValidator(1, s.validator(1).withExitEpoch(10));
    s.setValidator(2, s.validator(2).withActivationEpoch(11));
    assertThat(Accessors.activeValidatorIndices(s, 10)).containsExactly(0, 3);
    assertThat(Accessors.activeValidatorIndices(s, 9)).containsExactly(0, 1, 3);
    assertThat(Accessors.activeValidatorIndices(s, 11)).containsExactly(0, 2, 3);
    assertThat(Accessors.activeValidatorCount(s, 10)).isEqualTo(2);
  }

  @Test
  void shouldCountSlashedButActiveStakeInTheTotalAndNeverGoBelowOneIncrement() {
    BeaconState s = TestStates.state(C, 87, 32, 32, 32, 32);
    s.setValidator(3, s.validator(3).withSlashed(true));
    assertThat(Accessors.totalActiveBalance(s, C)).isEqualTo(coins(128));
    for (int i = 0; i < 4; i++) {
      s.setValidator(i, s.validator(i).withEffectiveBalance(0));
    }
    assertThat(Accessors.totalActiveBalance(s, C)).isEqualTo(C.effectiveBalanceIncrement());
  }

  @Test
  void shouldSumASetOfIndicesOnceEachWithAFloorOfOneIncrement() {
    BeaconState s = TestStates.state(C, 87, 32, 20, 7);
    assertThat(Accessors.totalBalance(s, new int[] {0, 0, 1}, C)).isEqualTo(coins(52));
    assertThat(Accessors.totalBalance(s, new int[0], C)).isEqualTo(coins(1));
  }

  @Test
  void shouldDeriveBaseRewardsFromTheSquareRootOfTheTotal() {
    BeaconState s = TestStates.uniform(C, 87, 4, 32);
    // 10^9 × 64 // isqrt(128 × 10^9) = 64 × 10^9 // 357770 = 178885; × 32 increments.
    assertThat(Accessors.baseRewardPerIncrement(s, C)).isEqualTo(178_885);
    assertThat(Accessors.baseReward(s, 0, C)).isEqualTo(5_724_320);
    s.setValidator(1, s.validator(1).withEffectiveBalance(coins(31)));
    long perIncrement = Accessors.baseRewardPerIncrement(coins(128), C);
    assertThat(Accessors.baseReward(s, 1, perIncrement, C)).isEqualTo(31 * 178_885);
  }

  @Test
  void shouldKeepAChurnLimitOfAtLeastTheMinimum() {
    assertThat(Accessors.churnLimit(TestStates.uniform(C, 87, 10, 32), C)).isEqualTo(4);
    ConsensusConfig small = C.with("CHURN_LIMIT_QUOTIENT", 2);
    assertThat(Accessors.churnLimit(TestStates.uniform(small, 87, 10, 32), small)).isEqualTo(5);
  }

  @Test
  void shouldReadBlockRootsOnlyForPastSlotsStillHeld() {
    BeaconState s = TestStates.uniform(C, 87, 1, 32);
    assertThat(Accessors.blockRootAtSlot(s, 86, C)).isEqualTo(TestStates.blockRootOf(86));
    assertThat(Accessors.blockRootAtSlot(s, 23, C)).as("exactly 64 slots back").isEqualTo(TestStates.blockRootOf(23));
    assertThat(Accessors.blockRoot(s, 10, C)).isEqualTo(TestStates.blockRootOf(80));
    assertThatThrownBy(() -> Accessors.blockRootAtSlot(s, 87, C)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Accessors.blockRootAtSlot(s, 22, C)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Accessors.blockRoot(s, 2, C)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldFindUnslashedParticipantsOfThePreviousOrCurrentEpochOnly() {
    BeaconState s = TestStates.uniform(C, 87, 4, 32);
    s.setPreviousEpochParticipation(0, 0b010);
    s.setPreviousEpochParticipation(1, 0b011);
    s.setPreviousEpochParticipation(2, 0b111);
    s.setValidator(2, s.validator(2).withSlashed(true));
    s.setCurrentEpochParticipation(3, 0b010);
    int target = ConsensusConfig.TIMELY_TARGET_FLAG_INDEX;
    assertThat(Accessors.unslashedParticipatingIndices(s, target, 9, C)).containsExactly(0, 1);
    assertThat(Accessors.unslashedParticipatingIndices(s, ConsensusConfig.TIMELY_SOURCE_FLAG_INDEX, 9, C))
        .containsExactly(1);
    assertThat(Accessors.unslashedParticipatingIndices(s, target, 10, C)).containsExactly(3);
    assertThatThrownBy(() -> Accessors.unslashedParticipatingIndices(s, target, 8, C))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
