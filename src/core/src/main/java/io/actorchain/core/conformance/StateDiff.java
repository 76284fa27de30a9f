package io.actorchain.core.conformance;

import io.actorchain.core.pos.model.Checkpoint;
import io.actorchain.core.pos.state.BeaconState;
import java.util.ArrayList;
import java.util.List;

/** Compares the fields one epoch step writes in ActorChain's state with a phase0 post-state; one line per mismatch. */
final class StateDiff {
  /** Past this many mismatching entries of one vector the rest are only counted. */
  static final int MAX_LISTED = 8;

  private StateDiff() {}

  static List<String> justification(BeaconState actual, Phase0State expected) {
    List<String> d = new ArrayList<>();
    if (actual.justificationBits() != expected.justificationBits()) {
      d.add("justification_bits: expected " + bits(expected.justificationBits()) + ", got "
          + bits(actual.justificationBits()));
    }
    checkpoint(d, "previous_justified_checkpoint", expected.previousJustifiedCheckpoint(), actual.previousJustified());
    checkpoint(d, "current_justified_checkpoint", expected.currentJustifiedCheckpoint(), actual.currentJustified());
    checkpoint(d, "finalized_checkpoint", expected.finalizedCheckpoint(), actual.finalized());
    return d;
  }

  static List<String> balances(BeaconState actual, Phase0State expected) {
    long[] want = expected.balances();
    long[] got = new long[actual.validatorCount()];
    for (int i = 0; i < got.length; i++) {
      got[i] = actual.balance(i);
    }
    return vector("balances", want, got);
  }

  static List<String> effectiveBalances(BeaconState actual, Phase0State expected) {
    long[] want = expected.validators().stream().mapToLong(Phase0Validator::effectiveBalance).toArray();
    long[] got = actual.validators().stream().mapToLong(v -> v.effectiveBalance()).toArray();
    return vector("effective_balance", want, got);
  }

  private static List<String> vector(String field, long[] want, long[] got) {
    List<String> d = new ArrayList<>();
    if (want.length != got.length) {
      d.add(field + ": expected " + want.length + " validators, got " + got.length);
      return d;
    }
    int mismatches = 0;
    for (int i = 0; i < want.length; i++) {
      if (want[i] != got[i]) {
        mismatches++;
        if (mismatches <= MAX_LISTED) {
          d.add(field + "[" + i + "]: expected " + Long.toUnsignedString(want[i]) + ", got "
              + Long.toUnsignedString(got[i]) + " (" + signedDelta(got[i], want[i]) + ")");
        }
      }
    }
    if (mismatches > MAX_LISTED) {
      d.add(field + ": " + (mismatches - MAX_LISTED) + " more mismatches");
    }
    return d;
  }

  private static void checkpoint(List<String> d, String field, Checkpoint want, Checkpoint got) {
    if (!want.equals(got)) {
      d.add(field + ": expected " + describe(want) + ", got " + describe(got));
    }
  }

  private static String describe(Checkpoint c) {
    return "(epoch " + Long.toUnsignedString(c.epoch()) + ", root 0x" + c.root().toHex() + ")";
  }

  private static String bits(int b) {
    String s = Integer.toBinaryString(b & 0b1111);
    return "0b" + "0".repeat(4 - s.length()) + s;
  }

  private static String signedDelta(long got, long want) {
    long delta = got - want;
    return (delta >= 0 ? "+" : "") + delta;
  }
}
