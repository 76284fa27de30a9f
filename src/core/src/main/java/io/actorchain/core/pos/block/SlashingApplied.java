package io.actorchain.core.pos.block;

/**
 * A slashing a block applied (CONSENSUS.md §5.4 step 4), for event logs: the slashed validator, the kind of offence
 * ({@code "double-proposal"}, {@code "double-vote"} or {@code "surround-vote"}), the immediate penalty taken from its
 * balance, and who was paid what ({@code whistleblowerIndex} is the block's proposer: evidence in a block has no
 * other whistleblower).
 */
public record SlashingApplied(int validatorIndex, String kind, long penalty, int whistleblowerIndex,
    long whistleblowerReward, long proposerReward) {
  public static final String DOUBLE_PROPOSAL = "double-proposal";
  public static final String DOUBLE_VOTE = "double-vote";
  public static final String SURROUND_VOTE = "surround-vote";
}
