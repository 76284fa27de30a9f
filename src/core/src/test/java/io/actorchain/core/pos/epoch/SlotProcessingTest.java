package io.actorchain.core.pos.epoch;

import static io.actorchain.core.Units.coins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.epoch.PosGenesis.GenesisValidator;
import io.actorchain.core.pos.misc.TestStates;
import io.actorchain.core.pos.model.BeaconBlockHeader;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.core.state.Accounts;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotProcessingTest {
  private static final ConsensusConfig C = ConsensusConfig.minimal();
  private static final Hash32 TERMINAL = TestStates.hash("terminal");

  private static BeaconState genesis() {
    List<GenesisValidator> vs = List.of(new GenesisValidator(TestStates.pubkey(0), coins(32)),
        new GenesisValidator(TestStates.pubkey(1), coins(32)));
    return PosGenesis.create(vs, TERMINAL, 1_000, Accounts.empty(), 1, C);
  }

  @Test
  void shouldRecordTheAnchorAsTheBlockRootOfEmptySlots() {
    BeaconState s = genesis();
    assertThat(SlotProcessing.processSlots(s, 3, C)).isEmpty();
    assertThat(s.slot()).isEqualTo(3);
    for (int slot = 0; slot < 3; slot++) {
      assertThat(s.blockRootAt(slot)).as("slot %d", slot).isEqualTo(TERMINAL);
    }
    assertThat(s.blockRootAt(3)).isEqualTo(Hash32.ZERO);
  }

  @Test
  void shouldFillTheLatestHeadersStateRootOnceAndRecordItsRoot() {
    BeaconState s = genesis();
    SlotProcessing.processSlots(s, 3, C);
    BeaconBlockHeader header = new BeaconBlockHeader(3, 1, TERMINAL, Hash32.ZERO, TestStates.hash("body"));
    s.setLatestBlockHeader(header); // as block processing leaves it
    Hash32 postBlockStateRoot = s.root();

    SlotProcessing.processSlots(s, 5, C);

    BeaconBlockHeader filled = header.withStateRoot(postBlockStateRoot);
    assertThat(s.latestBlockHeader()).isEqualTo(filled);
    assertThat(s.latestBlockRoot()).isEqualTo(filled.root());
    assertThat(s.blockRootAt(3)).isEqualTo(filled.root());
    assertThat(s.blockRootAt(4)).as("an empty slot repeats the latest block").isEqualTo(filled.root());
  }

  @Test
  void shouldRunEpochProcessingAtTheLastSlotOfEachEpoch() {
    BeaconState s = genesis();
    s.setCurrentEpochParticipation(0, 0b111);
    List<EpochTransition> first = SlotProcessing.processSlots(s, 8, C);
    assertThat(first).extracting(EpochTransition::epoch).containsExactly(0L);
    assertThat(s.slot()).isEqualTo(8);
    assertThat(s.previousEpochParticipation(0)).as("rotated at the boundary").isEqualTo(0b111);

    assertThat(SlotProcessing.processSlots(s, 15, C)).isEmpty();
    assertThat(SlotProcessing.processSlots(s, 16, C)).extracting(EpochTransition::epoch).containsExactly(1L);

    BeaconState other = genesis();
    assertThat(SlotProcessing.processSlots(other, 17, C)).extracting(EpochTransition::epoch).containsExactly(0L, 1L);
    assertThat(other.slot()).isEqualTo(17);
  }

  @Test
  void shouldNotMoveBackwardsAndDoNothingForTheCurrentSlot() {
    BeaconState s = genesis();
    SlotProcessing.processSlots(s, 4, C);
    Hash32 root = s.root();
    assertThat(SlotProcessing.processSlots(s, 4, C)).isEmpty();
    assertThat(s.root()).isEqualTo(root);
    assertThatThrownBy(() -> SlotProcessing.processSlots(s, 3, C)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slot 4");
  }
}
