package io.actorchain.core.pos.epoch;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.misc.TestStates;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;
import org.junit.jupiter.api.Test;

class InactivityUpdatesTest {
  private static final ConsensusConfig C = ConsensusConfig.minimal(); // bias 4, recovery 16, MIN_EPOCHS 4

  /**
   * End of epoch 10 (previous 9), finalized at {@code finalizedEpoch}. v0 voted TARGET (score 50); v1 did not (50);
   * v2 voted but is slashed (0); v3 exited at 5 (7, not eligible); v4 slashed and exited, withdrawable at 30 (0,
   * eligible); v5 slashed and exited, withdrawable at 10 = previous + 1 (3, not eligible).
   */
  private static BeaconState scenario(long finalizedEpoch) {
    BeaconState s = TestStates.uniform(C, TestStates.lastSlot(C, 10), 6, 32);
    s.setFinalized(new Checkpoint(finalizedEpoch, TestStates.blockRootOf(C.startSlot(finalizedEpoch))));
    s.setPreviousEpochParticipation(0, 0b011);
    s.setPreviousEpochParticipation(2, 0b011);
    s.setValidator(2, s.validator(2).withSlashed(true).withWithdrawableEpoch(100));
    s.setValidator(3, s.validator(3).withExitEpoch(5).withWithdrawableEpoch(21));
    s.setValidator(4, s.validator(4).withSlashed(true).withExitEpoch(5).withWithdrawableEpoch(30));
    s.setValidator(5, s.validator(5).withSlashed(true).withExitEpoch(5).withWithdrawableEpoch(10));
    long[] scores = {50, 50, 0, 7, 0, 3};
    for (int i = 0; i < scores.length; i++) {
      s.setInactivityScore(i, scores[i]);
    }
    return s;
  }

  private static long[] scores(BeaconState s) {
    long[] out = new long[s.validatorCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = s.inactivityScore(i);
    }
    return out;
  }

  @Test
  void shouldStartTheLeakWhenFinalityIsMoreThanFourEpochsBehindThePreviousEpoch() {
    assertThat(EpochProcessing.finalityDelay(scenario(4), C)).isEqualTo(5);
    assertThat(EpochProcessing.isInInactivityLeak(scenario(4), C)).isTrue();
    assertThat(EpochProcessing.finalityDelay(scenario(5), C)).isEqualTo(4);
    assertThat(EpochProcessing.isInInactivityLeak(scenario(5), C)).isFalse();
  }

  @Test
  void shouldCountEligibleValidatorsAsActiveInPreviousOrSlashedAndNotYetWithdrawable() {
    assertThat(EpochProcessing.eligibleValidatorIndices(scenario(8), C)).containsExactly(0, 1, 2, 4);
  }

  @Test
  void shouldRecoverScoresOutsideTheLeak() {
    BeaconState s = scenario(8);
    EpochProcessing.processInactivityUpdates(s, C);
    // v0 50 − 1 − 16; v1 50 + 4 − 16; v2 0 + 4 − 4; v4 0 + 4 − 4; v3 and v5 untouched.
    assertThat(scores(s)).containsExactly(33, 38, 0, 7, 0, 3);
  }

  @Test
  void shouldGrowScoresOfNonVotersInTheLeak() {
    BeaconState s = scenario(4);
    EpochProcessing.processInactivityUpdates(s, C);
    assertThat(scores(s)).containsExactly(49, 54, 4, 7, 4, 3);
  }

  @Test
  void shouldLeaveScoresAloneInTheFirstEpoch() {
    BeaconState s = TestStates.uniform(C, TestStates.lastSlot(C, 0), 2, 32);
    s.setInactivityScore(1, 50);
    EpochProcessing.processInactivityUpdates(s, C);
    assertThat(scores(s)).containsExactly(0, 50);
  }
}
