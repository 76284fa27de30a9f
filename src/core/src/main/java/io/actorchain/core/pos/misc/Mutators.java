package io.actorchain.core.pos.misc;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.state.BeaconState;

/** The registry mutators of CONSENSUS.md §5.4: {@code initiateExit} and {@code slashValidator}. */
public final class Mutators {
  private Mutators() {}

  /**
   * {@code initiate_validator_exit} (Ethereum phase0, churn included): a validator not yet exiting leaves at
   * {@code q = max(every set exitEpoch, current + 1 + MAX_SEED_LOOKAHEAD)}, or {@code q + 1} when {@code q} already
   * holds {@code churnLimit} exits, and becomes withdrawable {@code MIN_VALIDATOR_WITHDRAWABILITY_DELAY} later.
   *
   * @return the validator's exit epoch afterwards (unchanged if it was already exiting)
   */
  public static long initiateExit(BeaconState s, int index, ConsensusConfig c) {
    Validator v = s.validator(index);
    if (v.exitEpoch() != ConsensusConfig.FAR_FUTURE_EPOCH) {
      return v.exitEpoch();
    }
    long queue = computeActivationExitEpoch(Accessors.currentEpoch(s, c), c);
    for (Validator other : s.validators()) {
      long exit = other.exitEpoch();
      if (exit != ConsensusConfig.FAR_FUTURE_EPOCH && Long.compareUnsigned(exit, queue) > 0) {
        queue = exit;
      }
    }
    long churn = 0;
    for (Validator other : s.validators()) {
      if (other.exitEpoch() == queue) {
        churn++;
      }
    }
    if (churn >= Accessors.churnLimit(s, c)) {
      queue++;
    }
    s.setValidator(index, v.withExitEpoch(queue)
        .withWithdrawableEpoch(Math.addExact(queue, c.minValidatorWithdrawabilityDelay())));
    return queue;
  }

  /** {@code compute_activation_exit_epoch}: {@code epoch + 1 + MAX_SEED_LOOKAHEAD}. */
  public static long computeActivationExitEpoch(long epoch, ConsensusConfig c) {
    return epoch + 1 + c.maxSeedLookahead();
  }

  /**
   * {@code slash_validator} (Ethereum Altair, with §1's quotients): exit, mark slashed, hold until
   * {@code current + EPOCHS_PER_SLASHINGS_VECTOR}, record the effective balance in {@code slashings}, take
   * {@code effBal // MIN_SLASHING_PENALTY_QUOTIENT}, and pay {@code w = effBal // WHISTLEBLOWER_REWARD_QUOTIENT}:
   * {@code w × PROPOSER_WEIGHT // WEIGHT_DENOMINATOR} to the proposer, the rest to the whistleblower. It does not check
   * that the validator is slashable; block processing does (§5.4 step 4).
   *
   * @param whistleblower who reported it, or null for the proposer (§5.4: whistleblower = proposer)
   */
  public static SlashingOutcome slashValidator(BeaconState s, int index, Integer whistleblower, int proposerIndex,
      ConsensusConfig c) {
    long epoch = Accessors.currentEpoch(s, c);
    initiateExit(s, index, c);
    Validator v = s.validator(index);
    long withdrawable = maxUnsigned(v.withdrawableEpoch(), Math.addExact(epoch, c.epochsPerSlashingsVector()));
    v = v.withSlashed(true).withWithdrawableEpoch(withdrawable);
    s.setValidator(index, v);
    int slot = (int) Long.remainderUnsigned(epoch, c.epochsPerSlashingsVector());
    s.setSlashingsAt(slot, Math.addExact(s.slashingsAt(slot), v.effectiveBalance()));
    long before = s.balance(index);
    s.decreaseBalance(index, v.effectiveBalance() / c.minSlashingPenaltyQuotient());
    long penalty = before - s.balance(index);
    int whistleblowerIndex = whistleblower == null ? proposerIndex : whistleblower;
    long reward = v.effectiveBalance() / c.whistleblowerRewardQuotient();
    long proposerReward = reward * ConsensusConfig.PROPOSER_WEIGHT / ConsensusConfig.WEIGHT_DENOMINATOR;
    s.increaseBalance(proposerIndex, proposerReward);
    s.increaseBalance(whistleblowerIndex, reward - proposerReward);
    return new SlashingOutcome(index, penalty, whistleblowerIndex, reward - proposerReward, proposerIndex,
        proposerReward, v.exitEpoch(), v.withdrawableEpoch());
  }

  private static long maxUnsigned(long a, long b) {
    return Long.compareUnsigned(a, b) >= 0 ? a : b;
  }
}
