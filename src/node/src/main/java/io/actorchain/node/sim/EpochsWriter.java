package io.actorchain.node.sim;

import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.epoch.EpochTransition;
import io.actorchain.core.pos.model.Checkpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One line of {@code epochs.jsonl} (SIMULATION.md): a node's canonical epoch transition, optionally with validators. */
final class EpochsWriter {
  private EpochsWriter() {}

  static String line(int node, EpochTransition t, long headSlot, String headRoot, List<String> names, boolean trace) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", node);
    m.put("epoch", t.epoch());
    m.put("headSlot", headSlot);
    m.put("headRoot", headRoot);
    m.put("totalActiveBalance", t.totalActiveBalance());
    m.put("previousTargetBalance", t.previousTargetBalance());
    m.put("currentTargetBalance", t.currentTargetBalance());
    m.put("inLeak", t.inLeak());
    m.put("bitsBefore", bits(t.bitsBefore()));
    m.put("bits", bits(t.bits()));
    m.put("previousJustifiedBefore", checkpoint(t.previousJustifiedBefore()));
    m.put("currentJustifiedBefore", checkpoint(t.currentJustifiedBefore()));
    m.put("finalizedBefore", checkpoint(t.finalizedBefore()));
    m.put("previousJustified", checkpoint(t.previousJustified()));
    m.put("currentJustified", checkpoint(t.currentJustified()));
    m.put("finalized", checkpoint(t.finalized()));
    if (trace) {
      List<Map<String, Object>> vs = new ArrayList<>();
      for (EpochTransition.ValidatorTrace v : t.validators()) {
        Map<String, Object> vm = new LinkedHashMap<>();
        vm.put("index", v.index());
        vm.put("name", v.index() < names.size() ? names.get(v.index()) : null);
        vm.put("balanceBefore", v.balanceBefore());
        vm.put("balance", v.balance());
        vm.put("effectiveBalanceBefore", v.effectiveBalanceBefore());
        vm.put("effectiveBalance", v.effectiveBalance());
        vm.put("inactivityScoreBefore", v.inactivityScoreBefore());
        vm.put("inactivityScore", v.inactivityScore());
        vm.put("previousFlags", v.previousFlags());
        vm.put("currentFlags", v.currentFlags());
        vm.put("slashed", v.slashed());
        vm.put("activationEpoch", epochOrNull(v.activationEpoch()));
        vm.put("exitEpoch", epochOrNull(v.exitEpoch()));
        vm.put("withdrawableEpoch", epochOrNull(v.withdrawableEpoch()));
        vs.add(vm);
      }
      m.put("validators", vs);
    }
    return Json.write(m);
  }

  /** Four bits, epoch E's rightmost: "0111" = E, E−1 and E−2 justified. */
  static String bits(int bits) {
    StringBuilder b = new StringBuilder();
    for (int i = 3; i >= 0; i--) {
      b.append((bits >> i) & 1);
    }
    return b.toString();
  }

  static Map<String, Object> checkpoint(Checkpoint c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epoch", c.epoch());
    m.put("root", c.root().toHex());
    return m;
  }

  /** FAR_FUTURE (2^64 − 1) is written as null. */
  static Long epochOrNull(long epoch) {
    return epoch == ConsensusConfig.FAR_FUTURE_EPOCH ? null : epoch;
  }
}
