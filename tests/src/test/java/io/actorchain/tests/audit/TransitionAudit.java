package io.actorchain.tests.audit;

import io.actorchain.tests.audit.EpochLine.Checkpoint;
import io.actorchain.tests.audit.EpochLine.ValidatorLine;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * CONSENSUS.md §5.5 recomputed by hand from one {@code epochs.jsonl} line: its Before fields and flags in, the after
 * values out. Written from the document with the {@code minimal} constants of §1, and independent of core on
 * purpose: it imports nothing from {@code io.actorchain.core}, so a wrong rule or constant there cannot hide here.
 * Only what an honest run exercises is modelled: no deposits, exits or slashings (the caller checks that).
 */
final class TransitionAudit {
  static final long SLOTS_PER_EPOCH = 8;
  static final long INCREMENT = 1_000_000_000L; // EFFECTIVE_BALANCE_INCREMENT, 1 coin
  static final long MAX_EFFECTIVE_BALANCE = 2048 * INCREMENT;
  static final long BASE_REWARD_FACTOR = 64;
  static final long MIN_EPOCHS_TO_INACTIVITY_PENALTY = 4;
  static final long INACTIVITY_SCORE_BIAS = 4;
  static final long INACTIVITY_SCORE_RECOVERY_RATE = 16;
  static final long INACTIVITY_PENALTY_QUOTIENT = 1L << 8;
  static final long HYSTERESIS_QUOTIENT = 4;
  static final long HYSTERESIS_DOWNWARD_MULTIPLIER = 1;
  static final long HYSTERESIS_UPWARD_MULTIPLIER = 5;
  /** Flag bits as epochs.jsonl writes them ({@code 1·SOURCE + 2·TARGET + 4·HEAD}) and their Altair weights. */
  static final int[] FLAG_BITS = {1, 2, 4};
  static final long[] FLAG_WEIGHTS = {14, 26, 14};
  static final int SOURCE = 0;
  static final int TARGET = 1;
  static final int HEAD = 2;
  static final long WEIGHT_DENOMINATOR = 64;

  private TransitionAudit() {}

  /** The three balances step 1 weighs. */
  record TargetBalances(long totalActiveBalance, long previousTargetBalance, long currentTargetBalance) {}

  /** What step 1 leaves: the bits and the three checkpoints. */
  record Justification(int bits, Checkpoint previousJustified, Checkpoint currentJustified, Checkpoint finalized) {}

  /** One validator after steps 2, 3 and 6, and which deltas were non-zero on the way. */
  record ValidatorOutcome(long inactivityScore, long balance, long effectiveBalance, int flagRewards,
      int flagPenalties, boolean inactivityPenalty) {}

  static long previousEpoch(long epoch) {
    return epoch == 0 ? 0 : epoch - 1;
  }

  /**
   * {@code totalActiveBalance = max(INCREMENT, Σ effBal over active(E))}; {@code prevTarget} and {@code currTarget}
   * are {@code max(INCREMENT, Σ effBal)} of the unslashed validators active in that epoch with TARGET set in its
   * participation (Ethereum's {@code get_total_balance} of {@code get_unslashed_participating_indices}).
   */
  static TargetBalances targetBalances(EpochLine l) {
    long previous = previousEpoch(l.epoch());
    long total = 0;
    long previousTarget = 0;
    long currentTarget = 0;
    for (ValidatorLine v : l.validators()) {
      if (activeAt(v, l.epoch())) {
        total = Math.addExact(total, v.effectiveBalanceBefore());
      }
      if (participated(v, l.epoch(), previous, TARGET)) {
        previousTarget = Math.addExact(previousTarget, v.effectiveBalanceBefore());
      }
      if (participated(v, l.epoch(), l.epoch(), TARGET)) {
        currentTarget = Math.addExact(currentTarget, v.effectiveBalanceBefore());
      }
    }
    return new TargetBalances(Math.max(INCREMENT, total), Math.max(INCREMENT, previousTarget),
        Math.max(INCREMENT, currentTarget));
  }

  /**
   * Step 1: skipped if {@code E ≤ 1}; otherwise the rule block of §5.5 on the Before checkpoints and bits, with
   * {@code blockRoot(e)} supplying the root of a newly justified checkpoint. {@code ×3 ≥ ×2} is compared exactly.
   */
  static Justification justificationAndFinalization(EpochLine l, TargetBalances b, LongFunction<String> blockRoot) {
    long e = l.epoch();
    if (e <= 1) {
      return new Justification(l.bitsBefore(), l.previousJustifiedBefore(), l.currentJustifiedBefore(),
          l.finalizedBefore());
    }
    Checkpoint oldPrevious = l.previousJustifiedBefore();
    Checkpoint oldCurrent = l.currentJustifiedBefore();
    Checkpoint previousJustified = oldCurrent;
    Checkpoint currentJustified = oldCurrent;
    Checkpoint finalized = l.finalizedBefore();
    int bits = (l.bitsBefore() << 1) & 0b1111;
    if (twoThirds(b.previousTargetBalance(), b.totalActiveBalance())) {
      currentJustified = new Checkpoint(e - 1, blockRoot.apply(e - 1));
      bits |= 0b0010;
    }
    if (twoThirds(b.currentTargetBalance(), b.totalActiveBalance())) {
      currentJustified = new Checkpoint(e, blockRoot.apply(e));
      bits |= 0b0001;
    }
    if ((bits & 0b1110) == 0b1110 && oldPrevious.epoch() + 3 == e) {
      finalized = oldPrevious;
    }
    if ((bits & 0b0110) == 0b0110 && oldPrevious.epoch() + 2 == e) {
      finalized = oldPrevious;
    }
    if ((bits & 0b0111) == 0b0111 && oldCurrent.epoch() + 2 == e) {
      finalized = oldCurrent;
    }
    if ((bits & 0b0011) == 0b0011 && oldCurrent.epoch() + 1 == e) {
      finalized = oldCurrent;
    }
    return new Justification(bits, previousJustified, currentJustified, finalized);
  }

  /** {@code inLeak = (previous − finalized.epoch) > MIN_EPOCHS_TO_INACTIVITY_PENALTY}, as step 1 left finalized. */
  static boolean inLeak(long epoch, Checkpoint finalizedAfterStepOne) {
    return previousEpoch(epoch) - finalizedAfterStepOne.epoch() > MIN_EPOCHS_TO_INACTIVITY_PENALTY;
  }

  /**
   * Steps 2 (inactivity scores), 3 (rewards and penalties, each flag's then the inactivity ones, never below 0) and
   * 6 (effective balance hysteresis) for every validator, in index order. Steps 2 and 3 are skipped at {@code E == 0};
   * the inactivity penalty reads the score step 2 just wrote, as Ethereum does.
   */
  static List<ValidatorOutcome> validators(EpochLine l, long totalActiveBalance, boolean inLeak) {
    long e = l.epoch();
    long previous = previousEpoch(e);
    long[] participatingIncrements = new long[FLAG_BITS.length];
    for (int f = 0; f < FLAG_BITS.length; f++) {
      long sum = 0;
      for (ValidatorLine v : l.validators()) {
        if (participated(v, e, previous, f)) {
          sum = Math.addExact(sum, v.effectiveBalanceBefore());
        }
      }
      participatingIncrements[f] = Math.max(INCREMENT, sum) / INCREMENT;
    }
    long baseRewardPerIncrement = INCREMENT * BASE_REWARD_FACTOR / isqrt(totalActiveBalance);
    long rewardDenominator = Math.multiplyExact(totalActiveBalance / INCREMENT, WEIGHT_DENOMINATOR);

    List<ValidatorOutcome> out = new ArrayList<>();
    for (ValidatorLine v : l.validators()) {
      long score = v.inactivityScoreBefore();
      long balance = v.balanceBefore();
      int rewards = 0;
      int penalties = 0;
      boolean inactivityPenalty = false;
      if (e > 0 && eligible(v, previous)) {
        boolean matchingTarget = participated(v, e, previous, TARGET);
        score = matchingTarget ? score - Math.min(1, score) : Math.addExact(score, INACTIVITY_SCORE_BIAS);
        if (!inLeak) {
          score -= Math.min(INACTIVITY_SCORE_RECOVERY_RATE, score);
        }
        long baseReward = Math.multiplyExact(v.effectiveBalanceBefore() / INCREMENT, baseRewardPerIncrement);
        for (int f = 0; f < FLAG_BITS.length; f++) {
          long weighted = Math.multiplyExact(baseReward, FLAG_WEIGHTS[f]);
          if (participated(v, e, previous, f)) {
            if (!inLeak) {
              long reward = Math.multiplyExact(weighted, participatingIncrements[f]) / rewardDenominator;
              balance = Math.addExact(balance, reward);
              rewards += reward > 0 ? 1 : 0;
            }
          } else if (f != HEAD) {
            long penalty = weighted / WEIGHT_DENOMINATOR;
            balance -= Math.min(balance, penalty);
            penalties += penalty > 0 ? 1 : 0;
          }
        }
        if (!matchingTarget) {
          long penalty = Math.multiplyExact(v.effectiveBalanceBefore(), score)
              / (INACTIVITY_SCORE_BIAS * INACTIVITY_PENALTY_QUOTIENT);
          balance -= Math.min(balance, penalty);
          inactivityPenalty = penalty > 0;
        }
      }
      out.add(new ValidatorOutcome(score, balance, effectiveBalance(v.effectiveBalanceBefore(), balance), rewards,
          penalties, inactivityPenalty));
    }
    return out;
  }

  /**
   * Step 6: with {@code hyst = INCREMENT // 4}, the effective balance moves only when the balance is more than
   * {@code hyst × DOWN} below it or more than {@code hyst × UP} above it.
   */
  static long effectiveBalance(long effectiveBalanceBefore, long balance) {
    long hysteresis = INCREMENT / HYSTERESIS_QUOTIENT;
    if (balance + hysteresis * HYSTERESIS_DOWNWARD_MULTIPLIER < effectiveBalanceBefore
        || effectiveBalanceBefore + hysteresis * HYSTERESIS_UPWARD_MULTIPLIER < balance) {
      return Math.min(balance - balance % INCREMENT, MAX_EFFECTIVE_BALANCE);
    }
    return effectiveBalanceBefore;
  }

  /**
   * Unslashed, active in {@code epoch}, with flag {@code flag} in that epoch's participation. The line holds the
   * participation of E−1 and E; at E = 0 the previous epoch is E itself, so (as Ethereum's
   * {@code get_unslashed_participating_indices}) its flags are the current ones.
   */
  static boolean participated(ValidatorLine v, long lineEpoch, long epoch, int flag) {
    int flags = epoch == lineEpoch ? v.currentFlags() : v.previousFlags();
    return !v.slashed() && activeAt(v, epoch) && (flags & FLAG_BITS[flag]) != 0;
  }

  /** Active in {@code previous}, or slashed with {@code previous + 1 < withdrawableEpoch}. */
  static boolean eligible(ValidatorLine v, long previous) {
    return activeAt(v, previous)
        || (v.slashed() && (v.withdrawableEpoch() == null || previous + 1 < v.withdrawableEpoch()));
  }

  /** {@code activationEpoch ≤ e < exitEpoch}, FAR_FUTURE written as null. */
  static boolean activeAt(ValidatorLine v, long e) {
    return v.activationEpoch() != null && v.activationEpoch() <= e && (v.exitEpoch() == null || e < v.exitEpoch());
  }

  private static boolean twoThirds(long part, long total) {
    return BigInteger.valueOf(part).multiply(BigInteger.valueOf(3))
        .compareTo(BigInteger.valueOf(total).multiply(BigInteger.TWO)) >= 0;
  }

  private static long isqrt(long n) {
    return BigInteger.valueOf(n).sqrt().longValueExact();
  }
}
