package io.actorchain.core.pos.epoch;

import io.actorchain.core.pos.epoch.EpochTransition.ValidatorTrace;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.state.BeaconState;
import java.util.ArrayList;
import java.util.List;

/** The per-validator values of a state just before epoch processing, to pair with the state after it. */
final class EpochTrace {
  private final long[] balances;
  private final long[] effectiveBalances;
  private final long[] inactivityScores;
  private final int[] previousFlags;
  private final int[] currentFlags;

  private EpochTrace(BeaconState s) {
    int n = s.validatorCount();
    balances = new long[n];
    effectiveBalances = new long[n];
    inactivityScores = new long[n];
    previousFlags = new int[n];
    currentFlags = new int[n];
    for (int i = 0; i < n; i++) {
      balances[i] = s.balance(i);
      effectiveBalances[i] = s.validator(i).effectiveBalance();
      inactivityScores[i] = s.inactivityScore(i);
      previousFlags[i] = s.previousEpochParticipation(i);
      currentFlags[i] = s.currentEpochParticipation(i);
    }
  }

  static EpochTrace capture(BeaconState before) {
    return new EpochTrace(before);
  }

  /** The traces of every validator, in index order, against the processed state {@code after}. */
  List<ValidatorTrace> validators(BeaconState after) {
    List<ValidatorTrace> out = new ArrayList<>(balances.length);
    for (int i = 0; i < balances.length; i++) {
      Validator v = after.validator(i);
      out.add(new ValidatorTrace(i, balances[i], after.balance(i), effectiveBalances[i], v.effectiveBalance(),
          inactivityScores[i], after.inactivityScore(i), previousFlags[i], currentFlags[i], v.slashed(),
          v.activationEpoch(), v.exitEpoch(), v.withdrawableEpoch()));
    }
    return out;
  }
}
