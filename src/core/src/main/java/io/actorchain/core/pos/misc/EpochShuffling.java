package io.actorchain.core.pos.misc;

import io.actorchain.core.codec.Hash32;
import java.util.Arrays;
import java.util.Optional;

/**
 * One epoch's committees (CONSENSUS.md §5.1), computed once: the active indices {@code A}, shuffled with the epoch's
 * ATTESTER seed, and cut into {@code committeesPerSlot × SLOTS_PER_EPOCH} committees. Immutable: safe to share between
 * threads and nodes; every array handed out is a copy.
 */
public final class EpochShuffling {
  private final long epoch;
  private final Hash32 seed;
  private final long slotsPerEpoch;
  private final long committeesPerSlot;
  private final int[] active;
  private final int[] shuffled; // shuffled[i] = A[shuffledIndex(i, |A|, seed)]
  private final int[] positionOf; // validator index → position in shuffled, or −1

  EpochShuffling(long epoch, Hash32 seed, int[] active, long shuffleRounds, long slotsPerEpoch,
      long committeesPerSlot) {
    this.epoch = epoch;
    this.seed = seed;
    this.slotsPerEpoch = slotsPerEpoch;
    this.committeesPerSlot = committeesPerSlot;
    this.active = active.clone();
    this.shuffled = Shuffling.shuffleList(active, seed, shuffleRounds);
    int size = active.length == 0 ? 0 : active[active.length - 1] + 1;
    this.positionOf = new int[size];
    Arrays.fill(positionOf, -1);
    for (int p = 0; p < shuffled.length; p++) {
      positionOf[shuffled[p]] = p;
    }
  }

  public long epoch() {
    return epoch;
  }

  /** {@code seed(state, epoch, ATTESTER)}. */
  public Hash32 seed() {
    return seed;
  }

  public long committeesPerSlot() {
    return committeesPerSlot;
  }

  /**
   * {@code committee(state, slot, committeeIndex)}.
   *
   * @throws IllegalArgumentException if {@code slot} is not in this epoch or {@code committeeIndex ≥ committeesPerSlot}
   */
  public int[] committee(long slot, long committeeIndex) {
    if (Long.divideUnsigned(slot, slotsPerEpoch) != epoch) {
      throw new IllegalArgumentException("slot " + slot + " is not in epoch " + epoch);
    }
    if (committeeIndex < 0 || committeeIndex >= committeesPerSlot) {
      throw new IllegalArgumentException(
          "committee index " + committeeIndex + " out of range: " + committeesPerSlot + " committees per slot");
    }
    long k = (slot % slotsPerEpoch) * committeesPerSlot + committeeIndex;
    return Arrays.copyOfRange(shuffled, start(k), start(k + 1));
  }

  /** The committee {@code validatorIndex} sits in this epoch, or empty if it is not active. */
  public Optional<Committees.Assignment> assignmentOf(int validatorIndex) {
    if (validatorIndex < 0 || validatorIndex >= positionOf.length || positionOf[validatorIndex] < 0) {
      return Optional.empty();
    }
    int p = positionOf[validatorIndex];
    long count = committeesPerSlot * slotsPerEpoch;
    long k = Math.min(count - 1, (long) p * count / shuffled.length);
    while (start(k) > p) {
      k--;
    }
    while (start(k + 1) <= p) {
      k++;
    }
    long slot = epoch * slotsPerEpoch + k / committeesPerSlot;
    return Optional.of(new Committees.Assignment(slot, k % committeesPerSlot, p - start(k)));
  }

  /** {@code |A| × k // count}, the first position of committee {@code k} of the epoch. */
  private int start(long k) {
    return (int) ((long) shuffled.length * k / (committeesPerSlot * slotsPerEpoch));
  }
}
