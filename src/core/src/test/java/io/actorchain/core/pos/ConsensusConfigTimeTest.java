package io.actorchain.core.pos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CONSENSUS.md §4: slot 0 starts at genesisTime, and each slot lasts SECONDS_PER_SLOT (12 s in mainnet). */
class ConsensusConfigTimeTest {
  private static final ConsensusConfig MAINNET = ConsensusConfig.mainnet();
  private static final long GENESIS = 60_000;

  @Test
  void shouldBeInSlotZeroUntilGenesisAndChangeSlotAtEachSlotStart() {
    assertThat(MAINNET.millisPerSlot()).isEqualTo(12_000);
    assertThat(MAINNET.slotAt(GENESIS, 0)).isZero();
    assertThat(MAINNET.slotAt(GENESIS, GENESIS - 1)).isZero();
    assertThat(MAINNET.slotAt(GENESIS, GENESIS)).isZero();
    assertThat(MAINNET.slotAt(GENESIS, GENESIS + 11_999)).isZero();
    assertThat(MAINNET.slotAt(GENESIS, GENESIS + 12_000)).isEqualTo(1);
    assertThat(MAINNET.slotAt(GENESIS, GENESIS + 36_001)).isEqualTo(3);
  }

  @Test
  void shouldCountMillisIntoTheSlotFromItsStartAndNoneBeforeGenesis() {
    assertThat(MAINNET.millisIntoSlot(GENESIS, GENESIS - 5_000)).isZero();
    assertThat(MAINNET.millisIntoSlot(GENESIS, GENESIS)).isZero();
    assertThat(MAINNET.millisIntoSlot(GENESIS, GENESIS + 11_999)).isEqualTo(11_999);
    assertThat(MAINNET.millisIntoSlot(GENESIS, GENESIS + 36_001)).isEqualTo(1);
  }

  @Test
  void shouldStartEachSlotOneSlotAfterThePreviousAndFindTheNextStart() {
    assertThat(MAINNET.slotStartMillis(GENESIS, 0)).isEqualTo(GENESIS);
    assertThat(MAINNET.slotStartMillis(GENESIS, 3)).isEqualTo(GENESIS + 36_000);
    assertThat(MAINNET.firstSlotStartingFrom(GENESIS, 0)).as("before genesis").isZero();
    assertThat(MAINNET.firstSlotStartingFrom(GENESIS, GENESIS)).isZero();
    assertThat(MAINNET.firstSlotStartingFrom(GENESIS, GENESIS + 1)).isEqualTo(1);
    assertThat(MAINNET.firstSlotStartingFrom(GENESIS, GENESIS + 36_000)).as("exactly at a start").isEqualTo(3);
    assertThat(MAINNET.firstSlotStartingFrom(GENESIS, GENESIS + 36_001)).isEqualTo(4);
  }
}
