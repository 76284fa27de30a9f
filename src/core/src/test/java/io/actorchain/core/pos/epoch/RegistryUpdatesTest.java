package io.actorchain.core.pos.epoch;

import static io.actorchain.core.Units.coins;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.misc.TestStates;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;
import org.junit.jupiter.api.Test;

class RegistryUpdatesTest {
  private static final ConsensusConfig C = ConsensusConfig.minimal();
  private static final long FAR = ConsensusConfig.FAR_FUTURE_EPOCH;

  /**
   * End of epoch 10, finalized at 8. Active: v0 (16 coins), v1 (17), v2, v3 (32). Waiting, not yet active: v4..v9
   * with eligibility epochs 3, 2, 3, 1, 2, 2, and v10 with eligibility 9 (after finality).
   */
  private static BeaconState scenario() {
    BeaconState s = TestStates.state(C, TestStates.lastSlot(C, 10), 16, 17, 32, 32, 32, 32, 32, 32, 32, 32, 32);
    s.setFinalized(new Checkpoint(8, TestStates.blockRootOf(64)));
    long[] eligibility = {3, 2, 3, 1, 2, 2, 9};
    for (int k = 0; k < eligibility.length; k++) {
      int i = 4 + k;
      s.setValidator(i, s.validator(i).withActivationEligibilityEpoch(eligibility[k]).withActivationEpoch(FAR));
    }
    return s;
  }

  @Test
  void shouldEjectActiveValidatorsAtOrBelowTheEjectionBalance() {
    BeaconState s = scenario();
    assertThat(s.validator(0).effectiveBalance()).isEqualTo(coins(16));
    EpochProcessing.processRegistryUpdates(s, C);
    assertThat(s.validator(0).exitEpoch()).isEqualTo(15); // 10 + 1 + MAX_SEED_LOOKAHEAD
    assertThat(s.validator(0).withdrawableEpoch()).isEqualTo(31);
    assertThat(s.validator(1).exitEpoch()).isEqualTo(FAR);
  }

  @Test
  void shouldActivateTheQueueByEligibilityThenIndexUpToTheChurnLimit() {
    BeaconState s = scenario();
    EpochProcessing.processRegistryUpdates(s, C);
    // Queue (1, v7), (2, v5), (2, v8), (2, v9), (3, v4), (3, v6); churn limit 4.
    for (int i : new int[] {7, 5, 8, 9}) {
      assertThat(s.validator(i).activationEpoch()).as("v%d", i).isEqualTo(15);
    }
    for (int i : new int[] {4, 6, 10}) {
      assertThat(s.validator(i).activationEpoch()).as("v%d", i).isEqualTo(FAR);
    }
  }
}
