package io.actorchain.core.pos.epoch;

import static io.actorchain.core.Units.coins;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.epoch.EpochTransition.ValidatorTrace;
import io.actorchain.core.pos.misc.TestStates;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;
import org.junit.jupiter.api.Test;

class ProcessEpochTest {
  private static final ConsensusConfig C = ConsensusConfig.minimal();
  private static final Checkpoint GENESIS = new Checkpoint(0, TestStates.GENESIS_ROOT);
  private static final long FAR = ConsensusConfig.FAR_FUTURE_EPOCH;

  /** End of epoch 2; everyone set every flag in epochs 1 and 2; v2's balance drifted down to 30.5 coins. */
  private static BeaconState fullParticipationAtEpochTwo() {
    BeaconState s = TestStates.uniform(C, TestStates.lastSlot(C, 2), 3, 32);
    for (int i = 0; i < 3; i++) {
      s.setPreviousEpochParticipation(i, 0b111);
      s.setCurrentEpochParticipation(i, 0b111);
    }
    s.setBalance(2, coins(30) + 500_000_000L);
    return s;
  }

  @Test
  void shouldRecordTheTransitionAsEpochsJsonlPrintsIt() {
    BeaconState s = fullParticipationAtEpochTwo();
    EpochTransition t = EpochProcessing.processEpoch(s, C);

    Checkpoint epochTwo = new Checkpoint(2, TestStates.blockRootOf(16));
    assertThat(t.epoch()).isEqualTo(2);
    assertThat(t.totalActiveBalance()).isEqualTo(coins(96));
    assertThat(t.previousTargetBalance()).isEqualTo(coins(96));
    assertThat(t.currentTargetBalance()).isEqualTo(coins(96));
    assertThat(t.inLeak()).isFalse();
    assertThat(t.bitsBefore()).isZero();
    assertThat(t.bits()).isEqualTo(0b0011);
    assertThat(EpochTransition.bitString(t.bits())).isEqualTo("0011");
    assertThat(t.previousJustifiedBefore()).isEqualTo(GENESIS);
    assertThat(t.currentJustifiedBefore()).isEqualTo(GENESIS);
    assertThat(t.finalizedBefore()).isEqualTo(GENESIS);
    assertThat(t.previousJustified()).isEqualTo(GENESIS);
    assertThat(t.currentJustified()).isEqualTo(epochTwo);
    assertThat(t.finalized()).isEqualTo(GENESIS);

    // Everyone set every flag, so each flag pays its full weight: total 96 coins → per increment
    // 64e9 // isqrt(96e9) = 64e9 // 309838 = 206559, and baseReward × w × 96 // (96 × 64) = baseReward × w // 64.
    // v2's effective balance then drops: 30.5 coins + rewards + a quarter coin < 32 coins.
    long baseReward = 32 * 206_559L;
    long perfect = baseReward * 14 / 64 + baseReward * 26 / 64 + baseReward * 14 / 64;
    assertThat(t.validators()).containsExactly(
        new ValidatorTrace(0, coins(32), coins(32) + perfect, coins(32), coins(32), 0, 0, 7, 7, false, 0, FAR, FAR),
        new ValidatorTrace(1, coins(32), coins(32) + perfect, coins(32), coins(32), 0, 0, 7, 7, false, 0, FAR, FAR),
        new ValidatorTrace(2, coins(30) + 500_000_000L, coins(30) + 500_000_000L + perfect, coins(32), coins(30),
            0, 0, 7, 7, false, 0, FAR, FAR));
  }

  @Test
  void shouldCarryTheMixAndRotateParticipationAtTheEnd() {
    BeaconState s = fullParticipationAtEpochTwo();
    s.setPreviousEpochParticipation(0, 0b001);
    s.setCurrentEpochParticipation(0, 0b110);
    EpochProcessing.processEpoch(s, C);
    assertThat(s.randaoMixAt(3)).isEqualTo(TestStates.mix(2));
    assertThat(s.previousEpochParticipation(0)).isEqualTo(0b110);
    assertThat(s.currentEpochParticipation(0)).isZero();
  }

  @Test
  void shouldLeaveTheTraceEmptyWhenNotAskedFor() {
    EpochTransition t = EpochProcessing.processEpoch(fullParticipationAtEpochTwo(), C, false);
    assertThat(t.validators()).isEmpty();
    assertThat(t.bits()).isEqualTo(0b0011);
  }

  @Test
  void shouldFinalizeTheEpochBeforeWhenEveryoneAttestsThroughout() {
    BeaconState s = TestStates.uniform(C, 0, 4, 32);
    long finalizedAtEndOfThree = -1;
    for (long epoch = 0; epoch <= 5; epoch++) {
      SlotProcessing.processSlots(s, TestStates.lastSlot(C, epoch), C);
      for (int i = 0; i < 4; i++) {
        s.setCurrentEpochParticipation(i, 0b111);
      }
      EpochTransition t = SlotProcessing.processSlots(s, C.startSlot(epoch + 1), C).get(0);
      assertThat(t.epoch()).isEqualTo(epoch);
      if (epoch >= 3) {
        assertThat(t.finalized().epoch()).as("finalized at the end of %d", epoch).isEqualTo(epoch - 1);
        assertThat(t.currentJustified().epoch()).isEqualTo(epoch);
        assertThat(t.bits()).isEqualTo(epoch == 3 ? 0b0111 : 0b1111);
      }
      if (epoch == 3) {
        finalizedAtEndOfThree = t.finalized().epoch();
      }
    }
    assertThat(finalizedAtEndOfThree).isEqualTo(2);
  }
}
