package io.actorchain.core.pos.misc;

import static io.actorchain.core.Units.coins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.state.BeaconState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ProposersTest {
  private static final ConsensusConfig ETHEREUM = ConsensusConfig.minimal();
  private static final ConsensusConfig ROULETTE = ConsensusConfig.minimal().with("PROPOSER_SELECTION", "roulette");

  private static Hash32 ps(BeaconState s, long slot, ConsensusConfig c) {
    byte[] slotBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(slot).array();
    return Sha256.hash(Seeds.seed(s, c.epochOf(slot), Domain.PROPOSER, c).toArray(), slotBytes);
  }

  /** Validator 1's share of 100,000 slots, each epoch with its own RANDAO mix. */
  private static double shareOfSecond(ConsensusConfig c) {
    BeaconState s = TestStates.state(c, 0, 100, 200);
    int[] count = new int[2];
    for (long slot = 0; slot < 100_000; slot++) {
      long epoch = c.epochOf(slot);
      s.setSlot(slot);
      s.setRandaoMixAt(Seeds.mixIndex(epoch + 62, c), TestStates.hash("epoch-" + epoch));
      count[Proposers.beaconProposerIndex(s, slot, c)]++;
    }
    assertThat(count[0] + count[1]).isEqualTo(100_000);
    return count[1] / 100_000.0;
  }

  @Test
  void shouldPickProposersInProportionToStakeTheEthereumWay() {
    double share = shareOfSecond(ETHEREUM);
    assertThat(share).isCloseTo(2.0 / 3, withinPercentage(1));
    // Exactly, two candidates alternate with acceptance p0 = 100/2048, p1 = 200/2048: validator 0 wins with
    // P0 = p0 / (1 − (1 − p0)(1 − p1)) when it comes first and (1 − p1) × P0 otherwise, so validator 1's share is
    // 1 − (P0 + (1 − p1) P0) / 2 = 0.67228: the loop is proportional only up to this small-set bias.
    assertThat(share).isCloseTo(0.67228, withinPercentage(0.5));
  }

  @Test
  void shouldPickProposersInProportionToStakeByRoulette() {
    assertThat(shareOfSecond(ROULETTE)).isCloseTo(2.0 / 3, withinPercentage(1));
  }

  @Test
  void shouldSpinTheRouletteWithTheFirstEightBytesOfTheSlotSeed() {
    BeaconState s = TestStates.state(ROULETTE, 5, 100, 200, 300);
    long r = Long.remainderUnsigned(ps(s, 5, ROULETTE).firstU64le(), coins(600));
    int expected = r < coins(100) ? 0 : r < coins(300) ? 1 : 2;
    assertThat(Proposers.beaconProposerIndex(s, 5, ROULETTE)).isEqualTo(expected);
    assertThat(Proposers.proposerSeed(s, 5, ROULETTE)).isEqualTo(ps(s, 5, ROULETTE));
  }

  @Test
  void shouldAcceptTheFirstShuffledCandidateWhenEveryoneHoldsTheMaximum() {
    BeaconState s = TestStates.uniform(ETHEREUM, 13, 10, 2048);
    for (long slot = 8; slot < 16; slot++) {
      int first = (int) Shuffling.computeShuffledIndex(0, 10, ps(s, slot, ETHEREUM), ETHEREUM.shuffleRoundCount());
      assertThat(Proposers.beaconProposerIndex(s, slot, ETHEREUM)).as("slot %d", slot).isEqualTo(first);
    }
  }

  @Test
  void shouldDrawOnlyFromValidatorsActiveInTheSlotsEpoch() {
    BeaconState s = TestStates.uniform(ETHEREUM, 13, 5, 32);
    for (int i = 0; i < 4; i++) {
      s.setValidator(i, s.validator(i).withExitEpoch(1));
    }
    assertThat(Proposers.beaconProposerIndex(s, 13, ETHEREUM)).isEqualTo(4);
    assertThat(Proposers.beaconProposerIndex(s, 13, ROULETTE)).isEqualTo(4);
  }

  @Test
  void shouldRequireAStateAdvancedToTheSlotsEpoch() {
    BeaconState s = TestStates.uniform(ETHEREUM, 7, 4, 32);
    assertThatThrownBy(() -> Proposers.beaconProposerIndex(s, 8, ETHEREUM))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("advanced");
  }
}
