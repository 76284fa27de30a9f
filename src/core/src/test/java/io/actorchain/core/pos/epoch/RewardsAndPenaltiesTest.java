package io.actorchain.core.pos.epoch;

import static io.actorchain.core.Units.coins;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.misc.TestStates;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;
import org.junit.jupiter.api.Test;

/**
 * Four validators of 32 coins at the end of epoch 10: total 128 coins, base reward per increment
 * {@code 64 × 10^9 // isqrt(128 × 10^9) = 178885}, base reward {@code 32 × 178885 = 5724320}.
 */
class RewardsAndPenaltiesTest {
  private static final ConsensusConfig C = ConsensusConfig.minimal();

  /** v0 all flags; v1 SOURCE and TARGET; v2 nothing, inactivity score 8; v3 all flags but slashed. */
  private static BeaconState scenario(long finalizedEpoch) {
    BeaconState s = TestStates.uniform(C, TestStates.lastSlot(C, 10), 4, 32);
    s.setFinalized(new Checkpoint(finalizedEpoch, TestStates.blockRootOf(C.startSlot(finalizedEpoch))));
    s.setPreviousEpochParticipation(0, 0b111);
    s.setPreviousEpochParticipation(1, 0b011);
    s.setPreviousEpochParticipation(3, 0b111);
    s.setValidator(3, s.validator(3).withSlashed(true));
    s.setInactivityScore(2, 8);
    return s;
  }

  private static long[] changes(BeaconState before, BeaconState after) {
    long[] out = new long[before.validatorCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = after.balance(i) - before.balance(i);
    }
    return out;
  }

  @Test
  void shouldRewardEachFlagByItsWeightAndTheParticipatingShare() {
    RewardsAndPenalties.Deltas source =
        RewardsAndPenalties.flagIndexDeltas(scenario(8), ConsensusConfig.TIMELY_SOURCE_FLAG_INDEX, C);
    // 5724320 × 14 × 64 participating increments // (128 × 64) = 626097; penalty 5724320 × 14 // 64 = 1252195.
    assertThat(source.rewards()).containsExactly(626_097, 626_097, 0, 0);
    assertThat(source.penalties()).containsExactly(0, 0, 1_252_195, 1_252_195);
    RewardsAndPenalties.Deltas head =
        RewardsAndPenalties.flagIndexDeltas(scenario(8), ConsensusConfig.TIMELY_HEAD_FLAG_INDEX, C);
    // 5724320 × 14 × 32 // 8192 = 313048; a missed HEAD costs nothing.
    assertThat(head.rewards()).containsExactly(313_048, 0, 0, 0);
    assertThat(head.penalties()).containsExactly(0, 0, 0, 0);
  }

  @Test
  void shouldApplyFlagRewardsPenaltiesAndInactivityOutsideTheLeak() {
    BeaconState s = scenario(8);
    BeaconState before = s.copy();
    EpochProcessing.processRewardsAndPenalties(s, C);
    // v0: 626097 + 1162752 + 313048. v1: 626097 + 1162752. v2: −1252195 − 2325505 − 32e9 × 8 // (4 × 256).
    // v3 (slashed): −1252195 − 2325505, and no inactivity penalty with score 0.
    assertThat(changes(before, s)).containsExactly(2_101_897, 1_788_849, -253_577_700, -3_577_700);
  }

  @Test
  void shouldWithholdRewardsButKeepPenaltiesInTheLeak() {
    BeaconState s = scenario(4);
    BeaconState before = s.copy();
    EpochProcessing.processRewardsAndPenalties(s, C);
    assertThat(changes(before, s)).containsExactly(0, 0, -253_577_700, -3_577_700);
  }

  @Test
  void shouldNeverTakeABalanceBelowZero() {
    BeaconState s = scenario(8);
    s.setBalance(2, 1_000);
    EpochProcessing.processRewardsAndPenalties(s, C);
    assertThat(s.balance(2)).isZero();
  }

  @Test
  void shouldPayNothingInTheFirstEpoch() {
    BeaconState s = TestStates.uniform(C, TestStates.lastSlot(C, 0), 2, 32);
    s.setInactivityScore(1, 100);
    EpochProcessing.processRewardsAndPenalties(s, C);
    assertThat(s.balance(0)).isEqualTo(coins(32));
    assertThat(s.balance(1)).isEqualTo(coins(32));
  }
}
