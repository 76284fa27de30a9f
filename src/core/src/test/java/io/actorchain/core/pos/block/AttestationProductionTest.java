package io.actorchain.core.pos.block;

import static io.actorchain.core.pos.BeaconFixture.MINIMAL;
import static io.actorchain.core.pos.BeaconFixture.TERMINAL;
import static io.actorchain.core.pos.BeaconFixture.advanced;
import static io.actorchain.core.pos.BeaconFixture.genesis;
import static io.actorchain.core.pos.BeaconFixture.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.model.AttestationData;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CONSENSUS.md §5.7: the target is the head's ancestor at the epoch's start slot, read from the advanced state. */
class AttestationProductionTest {
  private static final BeaconState GENESIS = genesis(16, MINIMAL);
  private static final BlockProduction.Produced B1 = produce(GENESIS, 1, List.of(), MINIMAL);
  private static final Hash32 B1_ROOT = B1.block().root();

  @Test
  void shouldTargetTheAnchorInEpochZero() {
    AttestationData d = AttestationProduction.attestationData(B1.postState(), B1_ROOT, 1, 0, MINIMAL);

    assertThat(d.target()).isEqualTo(new Checkpoint(0, TERMINAL));
    assertThat(d.source()).isEqualTo(new Checkpoint(0, TERMINAL));
    assertThat(d.headRoot()).isEqualTo(B1_ROOT);
    assertThat(d.slot()).isEqualTo(1);
  }

  @Test
  void shouldTargetTheHeadWhenTheHeadIsBeforeTheEpochStartAndTheDutyIsAtIt() {
    AttestationData d = AttestationProduction.attestationData(advanced(B1.postState(), 8, MINIMAL), B1_ROOT, 8, 0,
        MINIMAL);

    assertThat(d.target()).isEqualTo(new Checkpoint(1, B1_ROOT));
  }

  @Test
  void shouldTargetTheLatestBlockBeforeTheEpochStartWhenTheDutyIsLater() {
    AttestationData d = AttestationProduction.attestationData(B1.postState(), B1_ROOT, 11, 0, MINIMAL);

    assertThat(d.target()).isEqualTo(new Checkpoint(1, B1_ROOT));
  }

  @Test
  void shouldTargetTheAncestorAtTheEpochStartNotAHeadAfterIt() {
    BlockProduction.Produced b10 = produce(B1.postState(), 10, List.of(), MINIMAL);

    AttestationData d = AttestationProduction.attestationData(b10.postState(), b10.block().root(), 10, 0, MINIMAL);

    assertThat(d.target()).isEqualTo(new Checkpoint(1, B1_ROOT));
    assertThat(d.headRoot()).isEqualTo(b10.block().root());
  }

  @Test
  void shouldTargetAHeadAtTheEpochStartSlotItself() {
    BlockProduction.Produced b8 = produce(B1.postState(), 8, List.of(), MINIMAL);

    AttestationData d = AttestationProduction.attestationData(b8.postState(), b8.block().root(), 8, 0, MINIMAL);

    assertThat(d.target()).isEqualTo(new Checkpoint(1, b8.block().root()));
  }

  @Test
  void shouldNotChangeTheGivenStateWhenItAdvancesACopy() {
    Hash32 before = B1.postState().root();

    AttestationProduction.attestationData(B1.postState(), B1_ROOT, 12, 0, MINIMAL);

    assertThat(B1.postState().root()).isEqualTo(before);
    assertThatThrownBy(() -> AttestationProduction.attestationData(advanced(B1.postState(), 5, MINIMAL), B1_ROOT, 4, 0,
        MINIMAL)).isInstanceOf(IllegalArgumentException.class);
  }
}
