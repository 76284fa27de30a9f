package io.actorchain.core.conformance;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.epoch.EpochProcessing;
import io.actorchain.core.pos.misc.Accessors;
import io.actorchain.core.pos.state.BeaconState;
import java.util.List;

/**
 * Runs one phase0 epoch-processing vector through core (CONSENSUS.md §8): map {@code pre} onto ActorChain's state,
 * run the one step under test with the vectors' constants, compare the fields that step writes with {@code post}.
 *
 * <ul>
 *   <li>{@code justification_and_finalization}: core's step 1 (which skips {@code E ≤ 1}, as phase0), with the target
 *       balances from the pending attestations ({@link Phase0Participation}). Compared: the justification bits and
 *       the three checkpoints.</li>
 *   <li>{@code slashings}: {@link EpochProcessing#processSlashings}. Compared: the balances.</li>
 *   <li>{@code effective_balance_updates}: {@link EpochProcessing#processEffectiveBalanceUpdates}. Compared: the
 *       effective balances.</li>
 * </ul>
 */
public final class ConformanceRunner {

  private ConformanceRunner() {}

  /** The outcome of one case: no differences means it passed. */
  public record Result(EpochStep step, List<String> differences) {
    public Result {
      differences = List.copyOf(differences);
    }

    public boolean passed() {
      return differences.isEmpty();
    }

    /** The differences on one line, {@code "; "}-separated; empty when it passed. */
    public String diff() {
      return String.join("; ", differences);
    }
  }

  /** Runs the step named {@code step} (its directory name) on {@code pre} and compares with {@code post}. */
  public static Result run(String step, Phase0State pre, Phase0State post, ConsensusConfig config) {
    return run(EpochStep.byName(step), pre, post, config);
  }

  public static Result run(EpochStep step, Phase0State pre, Phase0State post, ConsensusConfig config) {
    BeaconState state = Phase0Mapping.toBeaconState(pre, config);
    List<String> differences = switch (step) {
      case JUSTIFICATION_AND_FINALIZATION -> {
        justificationAndFinalization(state, pre, config);
        yield StateDiff.justification(state, post);
      }
      case SLASHINGS -> {
        EpochProcessing.processSlashings(state, config);
        yield StateDiff.balances(state, post);
      }
      case EFFECTIVE_BALANCE_UPDATES -> {
        EpochProcessing.processEffectiveBalanceUpdates(state, config);
        yield StateDiff.effectiveBalances(state, post);
      }
    };
    return new Result(step, differences);
  }

  /** Phase0's {@code process_justification_and_finalization}, with its balances from pending attestations. */
  static void justificationAndFinalization(BeaconState state, Phase0State pre, ConsensusConfig config) {
    if (EpochProcessing.skipsJustification(state, config)) {
      return; // before epoch 2 the pending attestations may vote for roots this state no longer holds
    }
    long current = Accessors.currentEpoch(state, config);
    long previous = Accessors.previousEpoch(state, config);
    EpochProcessing.processJustificationAndFinalization(state, config, new EpochProcessing.TargetBalances(
        Accessors.totalActiveBalance(state, config),
        Phase0Participation.targetBalance(state, pre.previousEpochAttestations(), previous, config),
        Phase0Participation.targetBalance(state, pre.currentEpochAttestations(), current, config)));
  }
}
