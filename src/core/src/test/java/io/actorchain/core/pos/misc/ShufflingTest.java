package io.actorchain.core.pos.misc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.codec.Sha256;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShufflingTest {
  /** The seed bytes {42, 32} padded with zeroes to 32 bytes, as Lodestar's shuffle unit test uses them. */
  private static final Hash32 LODESTAR_SEED = Hash32.fromHex("2a20" + "00".repeat(30));
  private static final Hash32 ZERO_HASH_SEED = Sha256.hash(new byte[32]);

  private static int[] identity(int n) {
    return IntStream.range(0, n).toArray();
  }

  private static int[] perIndex(int n, Hash32 seed, long rounds) {
    return IntStream.range(0, n).map(i -> (int) Shuffling.computeShuffledIndex(i, n, seed, rounds)).toArray();
  }

  @Test
  void shouldReproduceThePublishedLodestarVectorsWithNinetyRounds() {
    // ChainSafe/lodestar test/unit/util/shuffle.test.ts: unshuffleList (= the spec's mapping), SHUFFLE_ROUND_COUNT 90.
    int[] eight = {6, 3, 4, 0, 1, 5, 7, 2};
    int[] sixteen = {8, 4, 11, 7, 10, 6, 0, 3, 15, 12, 5, 14, 1, 9, 13, 2};
    assertThat(perIndex(8, LODESTAR_SEED, 90)).containsExactly(eight);
    assertThat(perIndex(16, LODESTAR_SEED, 90)).containsExactly(sixteen);
    assertThat(Shuffling.shuffleList(identity(8), LODESTAR_SEED, 90)).containsExactly(eight);
    assertThat(Shuffling.shuffleList(identity(16), LODESTAR_SEED, 90)).containsExactly(sixteen);
  }

  @Test
  void shouldMatchAStraightTranscriptionOfComputeShuffledIndexAcrossAHashBlockBoundary() {
    // Values from a line-by-line Python transcription of the spec's compute_shuffled_index, seed H(32 zero bytes).
    assertThat(perIndex(10, ZERO_HASH_SEED, 10)).containsExactly(8, 5, 0, 1, 7, 2, 4, 3, 9, 6);
    assertThat(Shuffling.computeShuffledIndex(0, 300, ZERO_HASH_SEED, 10)).isEqualTo(130);
    assertThat(Shuffling.computeShuffledIndex(1, 300, ZERO_HASH_SEED, 10)).isEqualTo(23);
    assertThat(Shuffling.computeShuffledIndex(255, 300, ZERO_HASH_SEED, 10)).isEqualTo(76);
    assertThat(Shuffling.computeShuffledIndex(256, 300, ZERO_HASH_SEED, 10)).isEqualTo(1);
    assertThat(Shuffling.computeShuffledIndex(299, 300, ZERO_HASH_SEED, 10)).isEqualTo(275);
  }

  @Test
  void shouldBeABijectionThatTheWholeListShuffleAgreesWith() {
    for (int n : new int[] {1, 2, 3, 7, 255, 256, 257, 513, 1000}) {
      int[] mapping = perIndex(n, ZERO_HASH_SEED, 90);
      assertThat(Shuffling.shuffleList(identity(n), ZERO_HASH_SEED, 90)).as("n = %d", n).containsExactly(mapping);
      int[] sorted = mapping.clone();
      Arrays.sort(sorted);
      assertThat(sorted).as("n = %d is a permutation", n).containsExactly(identity(n));
    }
  }

  @Test
  void shouldPlaceInputElementsAtTheirShuffledPositions() {
    int[] input = {40, 41, 42, 43, 44, 45, 46, 47};
    int[] out = Shuffling.shuffleList(input, LODESTAR_SEED, 90);
    assertThat(out).containsExactly(46, 43, 44, 40, 41, 45, 47, 42);
    assertThat(input).as("input untouched").containsExactly(40, 41, 42, 43, 44, 45, 46, 47);
  }

  @Test
  void shouldBeDeterministicAndDependOnTheSeed() {
    int[] a = Shuffling.shuffleList(identity(100), ZERO_HASH_SEED, 10);
    assertThat(Shuffling.shuffleList(identity(100), ZERO_HASH_SEED, 10)).containsExactly(a);
    assertThat(Shuffling.shuffleList(identity(100), LODESTAR_SEED, 10)).isNotEqualTo(a);
    assertThat(a).isNotEqualTo(identity(100));
  }

  @Test
  void shouldLeaveTheListAloneWithZeroRounds() {
    assertThat(Shuffling.shuffleList(identity(5), ZERO_HASH_SEED, 0)).containsExactly(0, 1, 2, 3, 4);
    assertThat(Shuffling.computeShuffledIndex(3, 5, ZERO_HASH_SEED, 0)).isEqualTo(3);
    assertThat(Shuffling.shuffleList(new int[0], ZERO_HASH_SEED, 10)).isEmpty();
  }

  @Test
  void shouldRejectIndicesOutsideTheListAndRoundsBeyondAByte() {
    assertThatThrownBy(() -> Shuffling.computeShuffledIndex(5, 5, ZERO_HASH_SEED, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
    assertThatThrownBy(() -> Shuffling.computeShuffledIndex(0, 0, ZERO_HASH_SEED, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Shuffling.shuffleList(identity(4), ZERO_HASH_SEED, 257))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHUFFLE_ROUND_COUNT");
  }
}
