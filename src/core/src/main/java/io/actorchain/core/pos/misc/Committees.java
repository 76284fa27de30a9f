package io.actorchain.core.pos.misc;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Domain;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.state.BeaconState;
import java.util.Optional;

/**
 * Beacon committees (CONSENSUS.md §5.1). Each epoch's shuffling is computed once and kept in a small LRU cache keyed
 * by everything it depends on (seed, active indices, constants), so thousands of attestation checks per epoch do not
 * reshuffle, and states of different nodes or forks in one JVM share it safely.
 */
public final class Committees {
  /** Enough for a few epochs of several nodes on several forks; an entry is O(validators) ints. */
  static final int CACHE_CAPACITY = 64;
  private static final ShufflingCache CACHE = new ShufflingCache(CACHE_CAPACITY);

  private Committees() {}

  /**
   * A validator's attestation duty in one epoch: its committee is {@code (slot, committeeIndex)} and it sits at
   * {@code position} in that committee.
   */
  public record Assignment(long slot, long committeeIndex, int position) {}

  /** {@code max(1, min(MAX_COMMITTEES_PER_SLOT, |active(e)| // SLOTS_PER_EPOCH // TARGET_COMMITTEE_SIZE))}. */
  public static long committeesPerSlot(BeaconState s, long epoch, ConsensusConfig c) {
    return committeesPerSlot(Accessors.activeValidatorCount(s, epoch), c);
  }

  /** {@link #committeesPerSlot(BeaconState, long, ConsensusConfig)} for a known number of active validators. */
  public static long committeesPerSlot(long activeCount, ConsensusConfig c) {
    return Math.max(1, Math.min(c.maxCommitteesPerSlot(), activeCount / c.slotsPerEpoch() / c.targetCommitteeSize()));
  }

  /**
   * The whole committee layout of {@code epoch}, from the cache when the same seed and active set were seen before.
   * Like Ethereum's {@code get_beacon_committee}, it trusts the caller that the state still holds (and has already
   * fixed) the epoch's seed mix: epochs from {@code current − EPOCHS_PER_HISTORICAL_VECTOR + MIN_SEED_LOOKAHEAD + 1}
   * to {@code current + MIN_SEED_LOOKAHEAD}.
   */
  public static EpochShuffling shuffling(BeaconState s, long epoch, ConsensusConfig c) {
    if (s.derivedFor(epoch) instanceof Memo m && m.config().equals(c)) {
      return m.shuffling();
    }
    EpochShuffling computed = computeShuffling(s, epoch, c);
    s.rememberDerived(epoch, new Memo(c, computed));
    return computed;
  }

  /** A shuffling remembered on the state it was computed from, with the constants it was computed with. */
  private record Memo(ConsensusConfig config, EpochShuffling shuffling) {}

  private static EpochShuffling computeShuffling(BeaconState s, long epoch, ConsensusConfig c) {
    int[] active = Accessors.activeValidatorIndices(s, epoch);
    Hash32 seed = Seeds.seed(s, epoch, Domain.ATTESTER, c);
    long perSlot = committeesPerSlot(active.length, c);
    var key = new ShufflingCache.Key(seed, epoch, c.shuffleRoundCount(), c.slotsPerEpoch(), perSlot, active);
    return CACHE.get(key, () -> new EpochShuffling(epoch, seed, active, c.shuffleRoundCount(), c.slotsPerEpoch(),
        perSlot));
  }

  /**
   * {@code committee(state, slot, committeeIndex)}: the validator indices of that committee, in committee order.
   *
   * @throws IllegalArgumentException if {@code committeeIndex ≥ committeesPerSlot(epoch(slot))}
   */
  public static int[] beaconCommittee(BeaconState s, long slot, long committeeIndex, ConsensusConfig c) {
    return shuffling(s, c.epochOf(slot), c).committee(slot, committeeIndex);
  }

  /**
   * Where {@code validatorIndex} attests in {@code epoch} (slot, committee index, position), or empty if it is not
   * active then. As Ethereum's {@code get_committee_assignment}, {@code epoch} may be at most the next epoch: later
   * seeds are not fixed yet.
   *
   * @throws IllegalArgumentException if {@code epoch > current + 1}
   */
  public static Optional<Assignment> committeeOf(BeaconState s, long epoch, int validatorIndex,
      ConsensusConfig c) {
    long next = Accessors.currentEpoch(s, c) + 1;
    if (Long.compareUnsigned(epoch, next) > 0) {
      throw new IllegalArgumentException("committees of epoch " + epoch + " are not known before epoch " + (epoch - 1)
          + "; the state is at epoch " + (next - 1));
    }
    return shuffling(s, epoch, c).assignmentOf(validatorIndex);
  }

  /** Entries currently cached (for tests and metrics). */
  static int cachedShufflings() {
    return CACHE.size();
  }
}
