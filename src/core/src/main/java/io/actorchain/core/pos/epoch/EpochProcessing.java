package io.actorchain.core.pos.epoch;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.misc.Accessors;
import io.actorchain.core.pos.misc.ExactMath;
import io.actorchain.core.pos.misc.Mutators;
import io.actorchain.core.pos.misc.Seeds;
import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.state.BeaconState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Epoch processing (CONSENSUS.md §5.5): Ethereum Altair and Bellatrix's {@code process_epoch} with §1's constants,
 * run at the end of epoch {@code E} (the state's current epoch), one public method per step, in order.
 */
public final class EpochProcessing {
  private EpochProcessing() {}

  /** The inputs of step 1: {@code max(INCREMENT, Σ)} of each, as Ethereum's {@code get_total_balance}. */
  public record TargetBalances(long totalActiveBalance, long previousTargetBalance, long currentTargetBalance) {}

  /** The nine steps, with the per-validator trace. */
  public static EpochTransition processEpoch(BeaconState s, ConsensusConfig c) {
    return processEpoch(s, c, true);
  }

  /** The nine steps in order; {@code trace} false leaves {@link EpochTransition#validators()} empty. */
  public static EpochTransition processEpoch(BeaconState s, ConsensusConfig c, boolean trace) {
    long epoch = Accessors.currentEpoch(s, c);
    TargetBalances balances = targetBalances(s, c);
    int bitsBefore = s.justificationBits();
    Checkpoint previousJustifiedBefore = s.previousJustified();
    Checkpoint currentJustifiedBefore = s.currentJustified();
    Checkpoint finalizedBefore = s.finalized();
    EpochTrace before = trace ? EpochTrace.capture(s) : null;

    processJustificationAndFinalization(s, c, balances);
    boolean inLeak = isInInactivityLeak(s, c);
    processInactivityUpdates(s, c);
    processRewardsAndPenalties(s, c);
    processRegistryUpdates(s, c);
    List<EpochTransition.CorrelationPenalty> penalties = processSlashings(s, c);
    processEffectiveBalanceUpdates(s, c);
    processSlashingsReset(s, c);
    processRandaoMixesReset(s, c);
    processParticipationFlagUpdates(s, c);

    return new EpochTransition(epoch, balances.totalActiveBalance(), balances.previousTargetBalance(),
        balances.currentTargetBalance(), inLeak, bitsBefore, s.justificationBits(), previousJustifiedBefore,
        currentJustifiedBefore, finalizedBefore, s.previousJustified(), s.currentJustified(), s.finalized(),
        trace ? before.validators(s) : List.of(), penalties, exitsAfter(s, epoch));
  }

  /** The validators whose exit epoch is {@code epoch + 1}, in index order. */
  static List<EpochTransition.Exit> exitsAfter(BeaconState s, long epoch) {
    List<EpochTransition.Exit> exits = new ArrayList<>();
    for (int i = 0; i < s.validatorCount(); i++) {
      Validator v = s.validator(i);
      if (v.exitEpoch() == epoch + 1) {
        exits.add(new EpochTransition.Exit(i, v.slashed(), v.withdrawableEpoch()));
      }
    }
    return exits;
  }

  /** Step 1. Skipped if {@code E ≤ 1}; otherwise weighs the TARGET balances of the previous and current epochs. */
  public static void processJustificationAndFinalization(BeaconState s, ConsensusConfig c) {
    processJustificationAndFinalization(s, c, targetBalances(s, c));
  }

  /** Step 1 does nothing while {@code E ≤ 1} (§5.5, as Ethereum's {@code GENESIS_EPOCH + 1}). */
  public static boolean skipsJustification(BeaconState s, ConsensusConfig c) {
    return Long.compareUnsigned(Accessors.currentEpoch(s, c), 1) <= 0;
  }

  /**
   * Step 1 with target balances the caller already has: {@link #processEpoch} (which reports them) and the phase0
   * conformance runner (which derives them from pending attestations). Skipped if {@code E ≤ 1}.
   */
  public static void processJustificationAndFinalization(BeaconState s, ConsensusConfig c, TargetBalances b) {
    if (skipsJustification(s, c)) {
      return;
    }
    weighJustificationAndFinalization(s, b.totalActiveBalance(), b.previousTargetBalance(), b.currentTargetBalance(),
        c);
  }

  /**
   * The total active balance and the unslashed TARGET balances of {@code previous} and {@code current}
   * ({@code get_unslashed_participating_indices}, then {@code get_total_balance}).
   */
  public static TargetBalances targetBalances(BeaconState s, ConsensusConfig c) {
    int target = ConsensusConfig.TIMELY_TARGET_FLAG_INDEX;
    long previous = Accessors.previousEpoch(s, c);
    long current = Accessors.currentEpoch(s, c);
    return new TargetBalances(Accessors.totalActiveBalance(s, c),
        Accessors.totalBalance(s, Accessors.unslashedParticipatingIndices(s, target, previous, c), c),
        Accessors.totalBalance(s, Accessors.unslashedParticipatingIndices(s, target, current, c), c));
  }

  /**
   * The rule block of step 1 ({@code weigh_justification_and_finalization}), for any source of target balances: the
   * phase0 conformance runner calls it with balances from pending attestations. {@code ×3 ≥ ×2} is exact (128-bit).
   * It does not check {@code E > 1}; callers skip it as step 1 does.
   */
  public static void weighJustificationAndFinalization(BeaconState s, long totalActiveBalance,
      long previousTargetBalance, long currentTargetBalance, ConsensusConfig c) {
    long previous = Accessors.previousEpoch(s, c);
    long current = Accessors.currentEpoch(s, c);
    Checkpoint oldPrevious = s.previousJustified();
    Checkpoint oldCurrent = s.currentJustified();
    s.setPreviousJustified(oldCurrent);
    int bits = (s.justificationBits() << 1) & 0b1111;
    if (ExactMath.compareProducts(previousTargetBalance, 3, totalActiveBalance, 2) >= 0) {
      s.setCurrentJustified(new Checkpoint(previous, Accessors.blockRoot(s, previous, c)));
      bits |= 0b0010;
    }
    if (ExactMath.compareProducts(currentTargetBalance, 3, totalActiveBalance, 2) >= 0) {
      s.setCurrentJustified(new Checkpoint(current, Accessors.blockRoot(s, current, c)));
      bits |= 0b0001;
    }
    s.setJustificationBits(bits);
    if ((bits & 0b1110) == 0b1110 && oldPrevious.epoch() + 3 == current) {
      s.setFinalized(oldPrevious);
    }
    if ((bits & 0b0110) == 0b0110 && oldPrevious.epoch() + 2 == current) {
      s.setFinalized(oldPrevious);
    }
    if ((bits & 0b0111) == 0b0111 && oldCurrent.epoch() + 2 == current) {
      s.setFinalized(oldCurrent);
    }
    if ((bits & 0b0011) == 0b0011 && oldCurrent.epoch() + 1 == current) {
      s.setFinalized(oldCurrent);
    }
  }

  /** {@code previous − finalized.epoch > MIN_EPOCHS_TO_INACTIVITY_PENALTY} ({@code is_in_inactivity_leak}). */
  public static boolean isInInactivityLeak(BeaconState s, ConsensusConfig c) {
    return finalityDelay(s, c) > c.minEpochsToInactivityPenalty();
  }

  /** {@code previous − finalized.epoch}. */
  public static long finalityDelay(BeaconState s, ConsensusConfig c) {
    return Accessors.previousEpoch(s, c) - s.finalized().epoch();
  }

  /** Active in {@code previous}, or slashed with {@code previous + 1 < withdrawableEpoch}; ascending. */
  public static int[] eligibleValidatorIndices(BeaconState s, ConsensusConfig c) {
    long previous = Accessors.previousEpoch(s, c);
    int n = s.validatorCount();
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      Validator v = s.validator(i);
      if (v.isActive(previous) || (v.slashed() && Long.compareUnsigned(previous + 1, v.withdrawableEpoch()) < 0)) {
        out[k++] = i;
      }
    }
    return Arrays.copyOf(out, k);
  }

  /**
   * Step 2. Skipped if {@code E == 0}. Each eligible {@code v}: {@code −min(1, score)} if unslashed with TARGET in
   * {@code previous}, else {@code +INACTIVITY_SCORE_BIAS}; then, out of a leak,
   * {@code −min(INACTIVITY_SCORE_RECOVERY_RATE, score)}.
   */
  public static void processInactivityUpdates(BeaconState s, ConsensusConfig c) {
    if (Accessors.currentEpoch(s, c) == 0) {
      return;
    }
    long previous = Accessors.previousEpoch(s, c);
    boolean inLeak = isInInactivityLeak(s, c);
    for (int index : eligibleValidatorIndices(s, c)) {
      long score = s.inactivityScore(index);
      Validator v = s.validator(index);
      if (!v.slashed() && Accessors.hasFlag(s.previousEpochParticipation(index),
          ConsensusConfig.TIMELY_TARGET_FLAG_INDEX) && v.isActive(previous)) {
        score -= Math.min(1, score);
      } else {
        score = Math.addExact(score, c.inactivityScoreBias());
      }
      if (!inLeak) {
        score -= Math.min(c.inactivityScoreRecoveryRate(), score);
      }
      s.setInactivityScore(index, score);
    }
  }

  /**
   * Step 3. Skipped if {@code E == 0}. The SOURCE, TARGET and HEAD deltas, then the inactivity penalties, each applied
   * to every validator in index order (reward, then penalty, never below 0).
   */
  public static void processRewardsAndPenalties(BeaconState s, ConsensusConfig c) {
    if (Accessors.currentEpoch(s, c) == 0) {
      return;
    }
    List<RewardsAndPenalties.Deltas> all = new ArrayList<>();
    for (int flag = 0; flag < ConsensusConfig.PARTICIPATION_FLAG_WEIGHTS.length; flag++) {
      all.add(RewardsAndPenalties.flagIndexDeltas(s, flag, c));
    }
    all.add(RewardsAndPenalties.inactivityPenaltyDeltas(s, c));
    for (RewardsAndPenalties.Deltas d : all) {
      for (int i = 0; i < s.validatorCount(); i++) {
        s.increaseBalance(i, d.rewards()[i]);
        s.decreaseBalance(i, d.penalties()[i]);
      }
    }
  }

  /**
   * Step 4, Ethereum phase0's {@code process_registry_updates} without the eligibility-queue part (deposits set
   * {@code activationEligibilityEpoch} themselves, §5.4 step 6): active validators with {@code effBal ≤
   * EJECTION_BALANCE} exit; then validators with {@code activationEligibilityEpoch ≤ finalized.epoch} and no
   * activation epoch activate at {@code E + 1 + MAX_SEED_LOOKAHEAD}, by (eligibility epoch, index), at most
   * {@code churnLimit}.
   */
  public static void processRegistryUpdates(BeaconState s, ConsensusConfig c) {
    long current = Accessors.currentEpoch(s, c);
    for (int i = 0; i < s.validatorCount(); i++) {
      Validator v = s.validator(i);
      if (v.isActive(current) && v.effectiveBalance() <= c.ejectionBalance()) {
        Mutators.initiateExit(s, i, c);
      }
    }
    long finalizedEpoch = s.finalized().epoch();
    List<Integer> queue = new ArrayList<>();
    for (int i = 0; i < s.validatorCount(); i++) {
      Validator v = s.validator(i);
      if (Long.compareUnsigned(v.activationEligibilityEpoch(), finalizedEpoch) <= 0
          && v.activationEpoch() == ConsensusConfig.FAR_FUTURE_EPOCH) {
        queue.add(i);
      }
    }
    queue.sort(Comparator.<Integer>comparingLong(i -> s.validator(i).activationEligibilityEpoch())
        .thenComparingInt(i -> i));
    long churn = Accessors.churnLimit(s, c);
    long activation = Mutators.computeActivationExitEpoch(current, c);
    for (int k = 0; k < queue.size() && k < churn; k++) {
      int i = queue.get(k);
      s.setValidator(i, s.validator(i).withActivationEpoch(activation));
    }
  }

  /**
   * Step 5. {@code adj = min(Σ slashings × PROPORTIONAL_SLASHING_MULTIPLIER, totalActiveBalance)}; each slashed
   * {@code v} with {@code E + EPOCHS_PER_SLASHINGS_VECTOR // 2 == withdrawableEpoch} loses
   * {@code effBal // INCREMENT × adj // totalActiveBalance × INCREMENT}.
   *
   * @return the penalties taken, in index order (one per validator due, even when it is 0)
   */
  public static List<EpochTransition.CorrelationPenalty> processSlashings(BeaconState s, ConsensusConfig c) {
    long epoch = Accessors.currentEpoch(s, c);
    long total = Accessors.totalActiveBalance(s, c);
    long adjusted = ExactMath.mulCapped(s.totalSlashings(), c.proportionalSlashingMultiplier(), total);
    long increment = c.effectiveBalanceIncrement();
    long due = epoch + c.epochsPerSlashingsVector() / 2;
    List<EpochTransition.CorrelationPenalty> taken = new ArrayList<>();
    for (int i = 0; i < s.validatorCount(); i++) {
      Validator v = s.validator(i);
      if (v.slashed() && v.withdrawableEpoch() == due) {
        long penalty = Math.multiplyExact(ExactMath.mulDiv(v.effectiveBalance() / increment, adjusted, total),
            increment);
        long before = s.balance(i);
        s.decreaseBalance(i, penalty);
        taken.add(new EpochTransition.CorrelationPenalty(i, before - s.balance(i)));
      }
    }
    return taken;
  }

  /**
   * Step 6. With {@code hyst = INCREMENT // HYSTERESIS_QUOTIENT}: if {@code balance + hyst × DOWN < effBal} or
   * {@code effBal + hyst × UP < balance}, {@code effBal = min(balance − balance % INCREMENT, MAX_EFFECTIVE_BALANCE)}.
   */
  public static void processEffectiveBalanceUpdates(BeaconState s, ConsensusConfig c) {
    long increment = c.effectiveBalanceIncrement();
    long hysteresis = increment / c.hysteresisQuotient();
    long downward = Math.multiplyExact(hysteresis, c.hysteresisDownwardMultiplier());
    long upward = Math.multiplyExact(hysteresis, c.hysteresisUpwardMultiplier());
    for (int i = 0; i < s.validatorCount(); i++) {
      long balance = s.balance(i);
      Validator v = s.validator(i);
      if (Math.addExact(balance, downward) < v.effectiveBalance()
          || Math.addExact(v.effectiveBalance(), upward) < balance) {
        s.setValidator(i, v.withEffectiveBalance(c.effectiveBalanceOf(balance)));
      }
    }
  }

  /** Step 7: {@code slashings[(E + 1) % EPOCHS_PER_SLASHINGS_VECTOR] = 0}. */
  public static void processSlashingsReset(BeaconState s, ConsensusConfig c) {
    long next = Accessors.currentEpoch(s, c) + 1;
    s.setSlashingsAt((int) Long.remainderUnsigned(next, c.epochsPerSlashingsVector()), 0);
  }

  /** Step 8: {@code randaoMixes[(E + 1) % EPOCHS_PER_HISTORICAL_VECTOR] = randaoMix(E)}. */
  public static void processRandaoMixesReset(BeaconState s, ConsensusConfig c) {
    long current = Accessors.currentEpoch(s, c);
    s.setRandaoMixAt(Seeds.mixIndex(current + 1, c), Seeds.randaoMix(s, current, c));
  }

  /** Step 9: previous participation = current; current = all zero. */
  public static void processParticipationFlagUpdates(BeaconState s, ConsensusConfig c) {
    s.rotateParticipation();
  }
}
