package io.actorchain.core.pos.misc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.state.BeaconState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CommitteesTest {
  private static final ConsensusConfig C = ConsensusConfig.minimal();

  /** §5.1's committee, index by index with computeShuffledIndex: the reference the cached path must match. */
  private static int[] specCommittee(BeaconState s, long slot, long index, ConsensusConfig c) {
    long epoch = c.epochOf(slot);
    int[] a = Accessors.activeValidatorIndices(s, epoch);
    Hash32 seed = Seeds.seed(s, epoch, Domain.ATTESTER, c);
    long perSlot = Math.max(1, Math.min(c.maxCommitteesPerSlot(), a.length / c.slotsPerEpoch() / c.targetCommitteeSize()));
    long count = perSlot * c.slotsPerEpoch();
    long k = (slot % c.slotsPerEpoch()) * perSlot + index;
    int start = (int) (a.length * k / count);
    int end = (int) (a.length * (k + 1) / count);
    int[] out = new int[end - start];
    for (int i = start; i < end; i++) {
      out[i - start] = a[(int) Shuffling.computeShuffledIndex(i, a.length, seed, c.shuffleRoundCount())];
    }
    return out;
  }

  private static List<int[]> allCommittees(BeaconState s, long epoch, ConsensusConfig c) {
    List<int[]> out = new ArrayList<>();
    long perSlot = Committees.committeesPerSlot(s, epoch, c);
    for (long slot = c.startSlot(epoch); slot < c.startSlot(epoch + 1); slot++) {
      for (long i = 0; i < perSlot; i++) {
        out.add(Committees.beaconCommittee(s, slot, i, c));
      }
    }
    return out;
  }

  @Test
  void shouldSizeCommitteesPerSlotBetweenOneAndTheMaximum() {
    assertThat(Committees.committeesPerSlot(16, C)).isEqualTo(1); // 16 // 8 // 4 = 0
    assertThat(Committees.committeesPerSlot(64, C)).isEqualTo(2);
    assertThat(Committees.committeesPerSlot(128, C)).isEqualTo(4);
    assertThat(Committees.committeesPerSlot(1000, C)).isEqualTo(4);
    assertThat(Committees.committeesPerSlot(TestStates.uniform(C, 87, 100, 32), 10, C)).isEqualTo(3);
  }

  @Test
  void shouldSeatEveryActiveValidatorInExactlyOneCommitteePerEpoch() {
    BeaconState s = TestStates.uniform(C, 87, 100, 32);
    s.setValidator(5, s.validator(5).withExitEpoch(10));
    int[] seated = allCommittees(s, 10, C).stream().flatMapToInt(Arrays::stream).sorted().toArray();
    assertThat(seated).containsExactly(Accessors.activeValidatorIndices(s, 10));
    assertThat(seated).hasSize(99).doesNotContain(5);
  }

  @Test
  void shouldMatchTheSpecFormulaIndexByIndex() {
    BeaconState s = TestStates.uniform(C, 87, 100, 32);
    for (long slot = 80; slot < 88; slot++) {
      for (long i = 0; i < 3; i++) {
        assertThat(Committees.beaconCommittee(s, slot, i, C)).as("slot %d committee %d", slot, i)
            .containsExactly(specCommittee(s, slot, i, C));
      }
    }
    ConsensusConfig mainnet = ConsensusConfig.mainnet();
    BeaconState big = TestStates.uniform(mainnet, 40, 300, 32);
    assertThat(Committees.beaconCommittee(big, 37, 0, mainnet)).containsExactly(specCommittee(big, 37, 0, mainnet));
  }

  @Test
  void shouldRejectACommitteeIndexBeyondThoseOfTheSlot() {
    BeaconState s = TestStates.uniform(C, 87, 100, 32);
    assertThatThrownBy(() -> Committees.beaconCommittee(s, 85, 3, C)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 committees per slot");
  }

  @Test
  void shouldFindEachValidatorsDutyWhereTheCommitteeListsIt() {
    BeaconState s = TestStates.uniform(C, 87, 100, 32);
    s.setValidator(7, s.validator(7).withActivationEpoch(11));
    for (int v = 0; v < 100; v++) {
      Optional<Committees.Assignment> duty = Committees.committeeOf(s, 10, v, C);
      if (v == 7) {
        assertThat(duty).isEmpty();
        continue;
      }
      Committees.Assignment a = duty.orElseThrow();
      assertThat(C.epochOf(a.slot())).isEqualTo(10);
      assertThat(Committees.beaconCommittee(s, a.slot(), a.committeeIndex(), C)[a.position()]).isEqualTo(v);
    }
    assertThat(Committees.committeeOf(s, 11, 7, C)).isPresent();
    assertThat(Committees.committeeOf(s, 10, 100, C)).as("unknown index").isEmpty();
    assertThatThrownBy(() -> Committees.committeeOf(s, 12, 0, C)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReuseTheEpochShufflingButNeverAStaleOne() {
    BeaconState s = TestStates.uniform(C, 87, 100, 32);
    assertThat(Committees.shuffling(s, 10, C)).isSameAs(Committees.shuffling(s.copy(), 10, C));

    BeaconState changed = s.copy();
    changed.setValidator(0, changed.validator(0).withExitEpoch(10)); // same seed, another active set
    assertThat(Committees.shuffling(changed, 10, C)).isNotSameAs(Committees.shuffling(s, 10, C));
    assertThat(Committees.beaconCommittee(changed, 84, 1, C)).containsExactly(specCommittee(changed, 84, 1, C));

    ConsensusConfig moreRounds = C.with("SHUFFLE_ROUND_COUNT", 20); // same seed and set, other constants
    assertThat(Committees.beaconCommittee(s, 84, 1, moreRounds)).containsExactly(specCommittee(s, 84, 1, moreRounds));
    assertThat(Committees.beaconCommittee(s, 84, 1, C)).containsExactly(specCommittee(s, 84, 1, C));
    assertThat(Committees.cachedShufflings()).isLessThanOrEqualTo(Committees.CACHE_CAPACITY);
  }

  @Test
  void shouldGiveEveryThreadTheSameCommittees() throws Exception {
    BeaconState s = TestStates.uniform(C, 8 * 2000 + 3, 200, 32); // an epoch no other test uses
    List<int[]> expected = new ArrayList<>();
    for (long slot = 16000; slot < 16008; slot++) {
      for (long i = 0; i < 4; i++) {
        expected.add(specCommittee(s, slot, i, C));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<int[]>>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        BeaconState copy = s.copy();
        results.add(pool.submit(() -> allCommittees(copy, 2000, C)));
      }
      for (Future<List<int[]>> r : results) {
        List<int[]> got = r.get();
        assertThat(got).hasSize(expected.size());
        for (int k = 0; k < got.size(); k++) {
          assertThat(got.get(k)).containsExactly(expected.get(k));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
