package io.actorchain.core.pos.misc;

import io.actorchain.core.codec.Hash32;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.state.BeaconState;
import java.util.Arrays;

/** State accessors of CONSENSUS.md §5.1, §5.3 and §5.4, named as Ethereum's beacon-chain accessors. */
public final class Accessors {
  private Accessors() {}

  /** {@code epoch(state.slot)}. */
  public static long currentEpoch(BeaconState s, ConsensusConfig c) {
    return c.epochOf(s.slot());
  }

  /** {@code max(current − 1, 0)} (GENESIS_EPOCH = 0). */
  public static long previousEpoch(BeaconState s, ConsensusConfig c) {
    long current = currentEpoch(s, c);
    return current == 0 ? 0 : current - 1;
  }

  /** {@code active(state, e)}: indices with {@code activationEpoch ≤ e < exitEpoch}, ascending. */
  public static int[] activeValidatorIndices(BeaconState s, long epoch) {
    int n = s.validatorCount();
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (s.validator(i).isActive(epoch)) {
        out[k++] = i;
      }
    }
    return k == n ? out : Arrays.copyOf(out, k);
  }

  /** The number of validators active at {@code epoch}, without building the list. */
  public static int activeValidatorCount(BeaconState s, long epoch) {
    int k = 0;
    for (Validator v : s.validators()) {
      if (v.isActive(epoch)) {
        k++;
      }
    }
    return k;
  }

  /** {@code max(INCREMENT, Σ effBal over active(current))}; slashed-but-active validators count. */
  public static long totalActiveBalance(BeaconState s, ConsensusConfig c) {
    long epoch = currentEpoch(s, c);
    long sum = 0;
    for (Validator v : s.validators()) {
      if (v.isActive(epoch)) {
        sum = Math.addExact(sum, v.effectiveBalance());
      }
    }
    return Math.max(c.effectiveBalanceIncrement(), sum);
  }

  /**
   * {@code get_total_balance}: {@code max(INCREMENT, Σ effBal)} over the <em>set</em> of {@code indices}; an index
   * given twice counts once, as Ethereum's {@code Set} argument.
   */
  public static long totalBalance(BeaconState s, int[] indices, ConsensusConfig c) {
    boolean[] seen = new boolean[s.validatorCount()];
    long sum = 0;
    for (int i : indices) {
      if (!seen[i]) {
        seen[i] = true;
        sum = Math.addExact(sum, s.validator(i).effectiveBalance());
      }
    }
    return Math.max(c.effectiveBalanceIncrement(), sum);
  }

  /**
   * {@code get_unslashed_participating_indices}: validators active at {@code epoch}, not slashed, with participation
   * flag {@code flagIndex} set. {@code epoch} must be the current or the previous epoch, whose flags the state holds.
   */
  public static int[] unslashedParticipatingIndices(BeaconState s, int flagIndex, long epoch, ConsensusConfig c) {
    long current = currentEpoch(s, c);
    boolean isCurrent = epoch == current;
    if (!isCurrent && epoch != previousEpoch(s, c)) {
      throw new IllegalArgumentException("participation is kept for epochs " + previousEpoch(s, c) + " and "
          + current + " only, not " + epoch);
    }
    int n = s.validatorCount();
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      Validator v = s.validator(i);
      int flags = isCurrent ? s.currentEpochParticipation(i) : s.previousEpochParticipation(i);
      if (v.isActive(epoch) && !v.slashed() && hasFlag(flags, flagIndex)) {
        out[k++] = i;
      }
    }
    return Arrays.copyOf(out, k);
  }

  /** {@code has_flag}: bit {@code flagIndex} of a participation byte. */
  public static boolean hasFlag(int flags, int flagIndex) {
    return ((flags >>> flagIndex) & 1) == 1;
  }

  /** {@code INCREMENT × BASE_REWARD_FACTOR // isqrt(totalActiveBalance)}. */
  public static long baseRewardPerIncrement(BeaconState s, ConsensusConfig c) {
    return baseRewardPerIncrement(totalActiveBalance(s, c), c);
  }

  /** {@link #baseRewardPerIncrement(BeaconState, ConsensusConfig)} from a total computed once by the caller. */
  public static long baseRewardPerIncrement(long totalActiveBalance, ConsensusConfig c) {
    return ExactMath.mulDiv(c.effectiveBalanceIncrement(), c.baseRewardFactor(), isqrt(totalActiveBalance));
  }

  /** {@code effBal(v) // INCREMENT × baseRewardPerIncrement}. */
  public static long baseReward(BeaconState s, int index, ConsensusConfig c) {
    return baseReward(s, index, baseRewardPerIncrement(s, c), c);
  }

  /** {@link #baseReward(BeaconState, int, ConsensusConfig)} with the per-increment value computed once per block. */
  public static long baseReward(BeaconState s, int index, long baseRewardPerIncrement, ConsensusConfig c) {
    long increments = s.validator(index).effectiveBalance() / c.effectiveBalanceIncrement();
    return Math.multiplyExact(increments, baseRewardPerIncrement);
  }

  /** {@code max(MIN_PER_EPOCH_CHURN_LIMIT, |active(current)| // CHURN_LIMIT_QUOTIENT)}. */
  public static long churnLimit(BeaconState s, ConsensusConfig c) {
    long active = activeValidatorCount(s, currentEpoch(s, c));
    return Math.max(c.minPerEpochChurnLimit(), active / c.churnLimitQuotient());
  }

  /** {@code blockRoot(state, e)} = the root at {@code startSlot(e)} (Ethereum's {@code get_block_root}). */
  public static Hash32 blockRoot(BeaconState s, long epoch, ConsensusConfig c) {
    return blockRootAtSlot(s, c.startSlot(epoch), c);
  }

  /**
   * {@code get_block_root_at_slot}: {@code blockRoots[slot % SLOTS_PER_HISTORICAL_ROOT]}, the root of the latest block
   * at or before {@code slot}.
   *
   * @throws IllegalArgumentException unless {@code slot < state.slot ≤ slot + SLOTS_PER_HISTORICAL_ROOT}
   */
  public static Hash32 blockRootAtSlot(BeaconState s, long slot, ConsensusConfig c) {
    long n = c.slotsPerHistoricalRoot();
    if (slot < 0 || slot >= s.slot() || s.slot() - slot > n) {
      throw new IllegalArgumentException("block root of slot " + slot + " is not held by a state at slot " + s.slot()
          + " (needs slot < " + s.slot() + " and within the last " + n + " slots)");
    }
    return s.blockRootAt((int) (slot % n));
  }

  /** {@code integer_squareroot}: the largest {@code x} with {@code x² ≤ n}, reading {@code n} as unsigned 64-bit. */
  public static long isqrt(long n) {
    long rem = n;
    long root = 0;
    long bit = 1L << 62;
    while (Long.compareUnsigned(bit, rem) > 0) {
      bit >>>= 2;
    }
    while (bit != 0) {
      if (Long.compareUnsigned(rem, root + bit) >= 0) {
        rem -= root + bit;
        root = (root >>> 1) + bit;
      } else {
        root >>>= 1;
      }
      bit >>>= 2;
    }
    return root;
  }
}
