package io.actorchain.core.pos.epoch;

import io.actorchain.core.pos.model.Checkpoint;
import java.util.List;

/**
 * One run of epoch processing at the end of {@code epoch} (CONSENSUS.md §5.5), with exactly the fields of
 * SIMULATION.md's {@code epochs.jsonl}. "Before" is the state at the end of the epoch just before processing; the
 * unmarked fields are after it. The balances are those step 1 weighs (taken before processing, also when step 1 is
 * skipped for {@code epoch ≤ 1}); {@code inLeak} is what steps 2 and 3 used, after step 1 may have finalized.
 * {@code validators} is empty when the trace was not asked for. {@code correlationPenalties} and {@code exits} are
 * always given, in index order.
 */
public record EpochTransition(long epoch, long totalActiveBalance, long previousTargetBalance,
    long currentTargetBalance, boolean inLeak, int bitsBefore, int bits, Checkpoint previousJustifiedBefore,
    Checkpoint currentJustifiedBefore, Checkpoint finalizedBefore, Checkpoint previousJustified,
    Checkpoint currentJustified, Checkpoint finalized, List<ValidatorTrace> validators,
    List<CorrelationPenalty> correlationPenalties, List<Exit> exits) {

  public EpochTransition {
    validators = List.copyOf(validators);
    correlationPenalties = List.copyOf(correlationPenalties);
    exits = List.copyOf(exits);
  }

  /**
   * A slashed validator's correlation penalty, taken by step 5 (CONSENSUS.md §5.5) because its withdrawable epoch is
   * {@code epoch + EPOCHS_PER_SLASHINGS_VECTOR // 2}: {@code penalty} gwei left its balance (less than the formula's
   * amount when the balance was smaller).
   */
  public record CorrelationPenalty(int validatorIndex, long penalty) {}

  /** A validator whose exit epoch is {@code epoch + 1}: active until this transition, not after it. */
  public record Exit(int validatorIndex, boolean slashed, long withdrawableEpoch) {}

  /** {@code bits} as {@code epochs.jsonl} writes them, epoch E's bit rightmost: {@code "0111"}. */
  public static String bitString(int bits) {
    StringBuilder b = new StringBuilder(4);
    for (int i = 3; i >= 0; i--) {
      b.append((bits >> i) & 1);
    }
    return b.toString();
  }

  /**
   * One validator across the transition. {@code previousFlags} (epoch E−1) and {@code currentFlags} (epoch E) are the
   * participation bytes before processing ({@code 1·SOURCE + 2·TARGET + 4·HEAD}); the epochs are after it, with
   * FAR_FUTURE as {@code -1L}.
   */
  public record ValidatorTrace(int index, long balanceBefore, long balance, long effectiveBalanceBefore,
      long effectiveBalance, long inactivityScoreBefore, long inactivityScore, int previousFlags, int currentFlags,
      boolean slashed, long activationEpoch, long exitEpoch, long withdrawableEpoch) {}
}
