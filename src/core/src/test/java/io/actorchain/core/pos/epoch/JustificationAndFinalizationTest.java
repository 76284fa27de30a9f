package io.actorchain.core.pos.epoch;

import static io.actorchain.core.Units.coins;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.misc.TestStates;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;
import org.junit.jupiter.api.Test;

class JustificationAndFinalizationTest {
  private static final ConsensusConfig C = ConsensusConfig.minimal();
  private static final long TOTAL = coins(96);
  private static final long TWO_THIRDS = coins(64);
  private static final Checkpoint GENESIS = new Checkpoint(0, TestStates.GENESIS_ROOT);

  /** The checkpoint of {@code epoch} on the fixture's chain: the root at its start slot. */
  private static Checkpoint cp(long epoch) {
    return new Checkpoint(epoch, TestStates.blockRootOf(C.startSlot(epoch)));
  }

  /** A state at the end of epoch 5 with the given justification history. */
  private static BeaconState atEpochFive(int bits, Checkpoint previousJustified, Checkpoint currentJustified) {
    BeaconState s = TestStates.uniform(C, TestStates.lastSlot(C, 5), 3, 32);
    s.setJustificationBits(bits);
    s.setPreviousJustified(previousJustified);
    s.setCurrentJustified(currentJustified);
    return s;
  }

  @Test
  void shouldFinalizeTheOldPreviousJustifiedWhenItAndTheTwoEpochsAfterAreJustified() {
    BeaconState s = atEpochFive(0b0110, cp(2), cp(3)); // rule 1: bits 1..3, oldPrevious + 3 == E
    EpochProcessing.weighJustificationAndFinalization(s, TOTAL, TWO_THIRDS, 0, C);
    assertThat(s.justificationBits()).isEqualTo(0b1110);
    assertThat(s.previousJustified()).isEqualTo(cp(3));
    assertThat(s.currentJustified()).isEqualTo(cp(4));
    assertThat(s.finalized()).isEqualTo(cp(2));
  }

  @Test
  void shouldFinalizeTheOldPreviousJustifiedWhenItAndTheNextEpochAreJustified() {
    BeaconState s = atEpochFive(0b0010, cp(3), cp(3)); // rule 2: bits 1..2, oldPrevious + 2 == E
    EpochProcessing.weighJustificationAndFinalization(s, TOTAL, TWO_THIRDS, 0, C);
    assertThat(s.justificationBits()).isEqualTo(0b0110);
    assertThat(s.currentJustified()).isEqualTo(cp(4));
    assertThat(s.finalized()).isEqualTo(cp(3));
  }

  @Test
  void shouldFinalizeTheOldCurrentJustifiedWhenItAndTheTwoEpochsAfterAreJustified() {
    BeaconState s = atEpochFive(0b0010, cp(2), cp(3)); // rule 3: bits 0..2, oldCurrent + 2 == E
    EpochProcessing.weighJustificationAndFinalization(s, TOTAL, TWO_THIRDS, TWO_THIRDS, C);
    assertThat(s.justificationBits()).isEqualTo(0b0111);
    assertThat(s.previousJustified()).isEqualTo(cp(3));
    assertThat(s.currentJustified()).isEqualTo(cp(5));
    assertThat(s.finalized()).isEqualTo(cp(3));
  }

  @Test
  void shouldFinalizeTheOldCurrentJustifiedWhenTheNextEpochIsJustified() {
    BeaconState s = atEpochFive(0b0001, cp(3), cp(4)); // rule 4: bits 0..1, oldCurrent + 1 == E
    EpochProcessing.weighJustificationAndFinalization(s, TOTAL, 0, TWO_THIRDS, C);
    assertThat(s.justificationBits()).isEqualTo(0b0011);
    assertThat(s.previousJustified()).isEqualTo(cp(4));
    assertThat(s.currentJustified()).isEqualTo(cp(5));
    assertThat(s.finalized()).isEqualTo(cp(4));
  }

  @Test
  void shouldOnlyShiftTheBitsWithoutASupermajority() {
    BeaconState s = atEpochFive(0b0101, cp(3), cp(3));
    EpochProcessing.weighJustificationAndFinalization(s, TOTAL, TWO_THIRDS - 1, TWO_THIRDS - 1, C);
    assertThat(s.justificationBits()).isEqualTo(0b1010);
    assertThat(s.currentJustified()).isEqualTo(cp(3));
    assertThat(s.finalized()).isEqualTo(GENESIS);
  }

  @Test
  void shouldJustifyWhenTargetTimesThreeEqualsTotalTimesTwoAndNotOneGweiShort() {
    BeaconState met = atEpochFive(0, GENESIS, GENESIS);
    EpochProcessing.weighJustificationAndFinalization(met, TOTAL, TWO_THIRDS, TWO_THIRDS, C);
    assertThat(met.justificationBits()).isEqualTo(0b0011);

    BeaconState shortByOne = atEpochFive(0, GENESIS, GENESIS);
    EpochProcessing.weighJustificationAndFinalization(shortByOne, TOTAL, TWO_THIRDS - 1, TWO_THIRDS - 1, C);
    assertThat(shortByOne.justificationBits()).isZero();
    assertThat(shortByOne.currentJustified()).isEqualTo(GENESIS);
  }

  @Test
  void shouldCompareWithoutOverflowNearTheTopOfTheLongRange() {
    long total = 3L << 61; // × 2 and the target × 3 both exceed Long.MAX_VALUE
    BeaconState met = atEpochFive(0, GENESIS, GENESIS);
    EpochProcessing.weighJustificationAndFinalization(met, total, 1L << 62, 0, C);
    assertThat(met.justificationBits()).isEqualTo(0b0010);

    BeaconState shortByOne = atEpochFive(0, GENESIS, GENESIS);
    EpochProcessing.weighJustificationAndFinalization(shortByOne, total, (1L << 62) - 1, 0, C);
    assertThat(shortByOne.justificationBits()).isZero();
  }

  @Test
  void shouldWeighOnlyUnslashedTargetVotesOfActiveValidators() {
    BeaconState s = TestStates.uniform(C, TestStates.lastSlot(C, 5), 3, 32);
    for (int i = 0; i < 3; i++) {
      s.setPreviousEpochParticipation(i, 0b010);
    }
    s.setCurrentEpochParticipation(0, 0b111);
    s.setCurrentEpochParticipation(1, 0b010);
    s.setValidator(1, s.validator(1).withSlashed(true));
    assertThat(EpochProcessing.targetBalances(s, C))
        .isEqualTo(new EpochProcessing.TargetBalances(coins(96), coins(64), coins(32)));

    EpochProcessing.processJustificationAndFinalization(s, C); // previous: 64 × 3 = 96 × 2; current: 32 short
    assertThat(s.justificationBits()).isEqualTo(0b0010);
    assertThat(s.currentJustified()).isEqualTo(cp(4));
  }

  @Test
  void shouldSkipJustificationUntilEpochTwo() {
    BeaconState early = TestStates.uniform(C, TestStates.lastSlot(C, 1), 3, 32);
    for (int i = 0; i < 3; i++) {
      early.setPreviousEpochParticipation(i, 0b111);
      early.setCurrentEpochParticipation(i, 0b111);
    }
    EpochProcessing.processJustificationAndFinalization(early, C);
    assertThat(early.justificationBits()).isZero();
    assertThat(early.currentJustified()).isEqualTo(GENESIS);

    BeaconState two = TestStates.uniform(C, TestStates.lastSlot(C, 2), 3, 32);
    for (int i = 0; i < 3; i++) {
      two.setPreviousEpochParticipation(i, 0b111);
      two.setCurrentEpochParticipation(i, 0b111);
    }
    EpochProcessing.processJustificationAndFinalization(two, C);
    assertThat(two.justificationBits()).isEqualTo(0b0011);
    assertThat(two.previousJustified()).isEqualTo(GENESIS);
    assertThat(two.currentJustified()).isEqualTo(cp(2));
    assertThat(two.finalized()).isEqualTo(GENESIS);
  }
}
