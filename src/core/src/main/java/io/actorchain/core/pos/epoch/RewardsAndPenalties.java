package io.actorchain.core.pos.epoch;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.misc.Accessors;
import io.actorchain.core.pos.misc.ExactMath;
import io.actorchain.core.pos.state.BeaconState;

/**
 * The deltas of epoch processing step 3 (CONSENSUS.md §5.5), as Ethereum Altair's {@code get_flag_index_deltas} and
 * {@code get_inactivity_penalty_deltas} (with Bellatrix's use of the configured INACTIVITY_PENALTY_QUOTIENT). Every
 * delta is computed on the state as step 3 finds it.
 */
public final class RewardsAndPenalties {
  private RewardsAndPenalties() {}

  /** Per-validator rewards and penalties in gwei, indexed by validator. */
  public record Deltas(long[] rewards, long[] penalties) {
    static Deltas of(int n) {
      return new Deltas(new long[n], new long[n]);
    }
  }

  /**
   * For flag {@code flagIndex} and each eligible {@code v}: if unslashed with the flag set in the previous epoch,
   * {@code baseReward × weight × participatingIncrements // (activeIncrements × WEIGHT_DENOMINATOR)} out of a leak and
   * nothing in one; otherwise, except for HEAD, a penalty of {@code baseReward × weight // WEIGHT_DENOMINATOR}.
   */
  public static Deltas flagIndexDeltas(BeaconState s, int flagIndex, ConsensusConfig c) {
    int n = s.validatorCount();
    Deltas d = Deltas.of(n);
    long previous = Accessors.previousEpoch(s, c);
    int[] participatingIndices = Accessors.unslashedParticipatingIndices(s, flagIndex, previous, c);
    boolean[] participating = asSet(n, participatingIndices);
    long weight = ConsensusConfig.PARTICIPATION_FLAG_WEIGHTS[flagIndex];
    long increment = c.effectiveBalanceIncrement();
    long participatingIncrements = Accessors.totalBalance(s, participatingIndices, c) / increment;
    long totalActiveBalance = Accessors.totalActiveBalance(s, c);
    long perIncrement = Accessors.baseRewardPerIncrement(totalActiveBalance, c);
    long rewardDenominator = Math.multiplyExact(totalActiveBalance / increment, ConsensusConfig.WEIGHT_DENOMINATOR);
    boolean inLeak = EpochProcessing.isInInactivityLeak(s, c);
    for (int index : EpochProcessing.eligibleValidatorIndices(s, c)) {
      long weighted = Math.multiplyExact(Accessors.baseReward(s, index, perIncrement, c), weight);
      if (participating[index]) {
        if (!inLeak) {
          d.rewards()[index] = ExactMath.mulDiv(weighted, participatingIncrements, rewardDenominator);
        }
      } else if (flagIndex != ConsensusConfig.TIMELY_HEAD_FLAG_INDEX) {
        d.penalties()[index] = weighted / ConsensusConfig.WEIGHT_DENOMINATOR;
      }
    }
    return d;
  }

  /**
   * For each eligible {@code v} without TARGET in the previous epoch (slashed ones included):
   * {@code effBal × inactivityScore // (INACTIVITY_SCORE_BIAS × INACTIVITY_PENALTY_QUOTIENT)}.
   */
  public static Deltas inactivityPenaltyDeltas(BeaconState s, ConsensusConfig c) {
    int n = s.validatorCount();
    Deltas d = Deltas.of(n);
    long previous = Accessors.previousEpoch(s, c);
    boolean[] matchingTarget = asSet(n,
        Accessors.unslashedParticipatingIndices(s, ConsensusConfig.TIMELY_TARGET_FLAG_INDEX, previous, c));
    long denominator = Math.multiplyExact(c.inactivityScoreBias(), c.inactivityPenaltyQuotient());
    for (int index : EpochProcessing.eligibleValidatorIndices(s, c)) {
      if (!matchingTarget[index]) {
        d.penalties()[index] =
            ExactMath.mulDiv(s.validator(index).effectiveBalance(), s.inactivityScore(index), denominator);
      }
    }
    return d;
  }

  private static boolean[] asSet(int n, int[] indices) {
    boolean[] set = new boolean[n];
    for (int i : indices) {
      set[i] = true;
    }
    return set;
  }
}
