package io.actorchain.node.sim;

import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.fault.Fault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The slashings of a PoS simulation (SIMULATION.md, summary.json {@code slashings}): an event sink that keeps, per
 * validator, the first {@code evidence_found} and the earliest {@code validator_slashed} of any node. The summary
 * lists the validators the final state has slashed, so it follows the real state, not the events alone. Fed by the
 * event log on the simulation's one thread; read once the run is idle.
 */
final class SlashingLedger implements Consumer<NodeEvent> {
  /** The fault kinds that make a validator sign slashable messages (SIMULATION.md, "Faults on duties"). */

  private record Detection(int node, long slot, String kind, long epoch) {}

  private final Map<Long, Detection> detections = new TreeMap<>();
  private final Map<Long, Long> includedAtSlot = new TreeMap<>();
  private final Map<Long, String> includedKind = new TreeMap<>();

  @Override
  public void accept(NodeEvent e) {
    if (e.type().equals("evidence_found")) {
      long index = number(e, "index");
      detections.putIfAbsent(index, new Detection(e.node(), number(e, "detectedAtSlot"),
          String.valueOf(e.fields().get("kind")), number(e, "epoch")));
    } else if (e.type().equals("validator_slashed")) {
      long index = number(e, "index");
      long slot = number(e, "includedAtSlot");
      Long known = includedAtSlot.get(index);
      if (known == null || slot < known) {
        includedAtSlot.put(index, slot);
        includedKind.put(index, String.valueOf(e.fields().get("kind")));
      }
    }
  }

  /**
   * One entry per validator {@code state} has slashed, by index: {@code index, name, kind, epoch, detectedAtSlot,
   * includedAtSlot, node} (the node that found the evidence first). A value no event gave is null.
   */
  List<Map<String, Object>> summary(BeaconState state, List<String> names) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < state.validatorCount(); i++) {
      if (!state.validator(i).slashed()) {
        continue;
      }
      Detection d = detections.get((long) i);
      String kind = includedKind.getOrDefault((long) i, d == null ? null : d.kind());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", i);
      m.put("name", i < names.size() ? names.get(i) : null);
      m.put("kind", kind);
      m.put("epoch", d == null ? null : d.epoch());
      m.put("detectedAtSlot", d == null ? null : d.slot());
      m.put("includedAtSlot", includedAtSlot.get((long) i));
      m.put("node", d == null ? null : d.node());
      out.add(m);
    }
    return out;
  }

  /** The validators a double-signing fault names: what {@code not-slashed-honest} may find slashed. */
  static Set<String> doubleSigners(List<Scenario.FaultSpec> faults) {
    Set<String> out = new TreeSet<>();
    for (Scenario.FaultSpec spec : faults) {
      for (Fault f : spec.faults()) {
        if (f instanceof Fault.DoubleVote || f instanceof Fault.SurroundVote || f instanceof Fault.DoubleProposal) {
          out.add(((Fault.ValidatorFault) f).validator());
        }
      }
    }
    return out;
  }

  private static long number(NodeEvent e, String field) {
    return ((Number) e.fields().get(field)).longValue();
  }
}
