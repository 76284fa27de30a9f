package io.actorchain.core.pos.misc;

/**
 * What {@link Mutators#slashValidator} did, for logs ("slashed with penalty X") and events. Amounts are gwei:
 * {@code penalty} is what left the slashed validator's balance (its {@code effBal // MIN_SLASHING_PENALTY_QUOTIENT},
 * less if the balance was smaller); {@code whistleblowerReward} ({@code w − pr}) and {@code proposerReward}
 * ({@code pr = w × PROPOSER_WEIGHT // WEIGHT_DENOMINATOR}) are what each was credited, where
 * {@code w = effBal // WHISTLEBLOWER_REWARD_QUOTIENT}. When the whistleblower is the proposer it receives both.
 */
public record SlashingOutcome(int validatorIndex, long penalty, int whistleblowerIndex, long whistleblowerReward,
    int proposerIndex, long proposerReward, long exitEpoch, long withdrawableEpoch) {}
