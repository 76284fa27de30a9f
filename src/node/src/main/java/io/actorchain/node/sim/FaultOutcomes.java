package io.actorchain.node.sim;

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
 * What each injected fault did, read from the event stream, for the {@code faults} list of summary.json: the duties a
 * validator fault bent (SIMULATION.md, "Faults on duties": a validator without a proposal duty in its window never
 * double-proposes, and the summary says so), the blocks a miner fault withheld and released, and any refusal. A sink of
 * the EventLog actor, so only the simulation's one thread touches it.
 */
final class FaultOutcomes implements Consumer<NodeEvent> {
  private final List<Scenario.FaultSpec> specs;
  /** Per "validator|fault": the slots of the duties the fault bent. */
  private final Map<String, Set<Long>> bent = new TreeMap<>();
  /** Per "validator|fault": the proposal duties where there was nothing to vary. */
  private final Map<String, Set<Long>> skipped = new TreeMap<>();
  private final Map<Integer, Long> withheld = new TreeMap<>();
  private final Map<Integer, Long> released = new TreeMap<>();
  private final Map<String, String> rejected = new TreeMap<>();

  FaultOutcomes(List<Scenario.FaultSpec> specs) {
    this.specs = List.copyOf(specs);
  }

  @Override
  public void accept(NodeEvent e) {
    Map<String, Object> f = e.fields();
    switch (e.type()) {
      case "attestation", "block_proposed", "duty_skipped" -> {
        if (f.get("fault") != null) {
          bent.computeIfAbsent(f.get("validator") + "|" + f.get("fault"), k -> new TreeSet<>())
              .add(((Number) f.get("slot")).longValue());
        }
      }
      case "fault_skipped" -> skipped.computeIfAbsent(f.get("validator") + "|" + f.get("fault"), k -> new TreeSet<>())
          .add(((Number) f.get("slot")).longValue());
      case "block_withheld" -> withheld.merge(e.node(), 1L, Long::sum);
      case "blocks_released" -> released.merge(e.node(), ((Number) f.get("count")).longValue(), Long::sum);
      case "fault_rejected" -> rejected.put(String.valueOf(f.get("fault")), String.valueOf(f.get("detail")));
      default -> { }
    }
  }

  /** One entry per fault injected, in scenario order. */
  List<Map<String, Object>> summary() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Scenario.FaultSpec spec : specs) {
      for (Fault fault : spec.faults()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", fault.kind());
        m.put("fault", fault.describe());
        m.put("at", String.valueOf(spec.at()));
        m.put("until", spec.until() == null ? null : String.valueOf(spec.until()));
        String note = null;
        if (fault instanceof Fault.ValidatorFault v) {
          String key = v.validator() + "|" + v.kind();
          int duties = bent.getOrDefault(key, Set.of()).size();
          int empty = skipped.getOrDefault(key, Set.of()).size();
          m.put("validator", v.validator());
          m.put("duties", duties);
          note = noteOf(v, spec, duties, empty);
        } else if (fault instanceof Fault.PowFault p) {
          m.put("node", p.node());
          m.put("withheld", withheld.getOrDefault(p.node(), 0L));
          m.put("released", released.getOrDefault(p.node(), 0L));
        }
        String refusal = rejected.get(fault.describe());
        if (refusal != null) {
          note = "refused: " + refusal;
        }
        m.put("note", note);
        out.add(m);
      }
    }
    return out;
  }

  private static String noteOf(Fault.ValidatorFault v, Scenario.FaultSpec spec, int duties, int empty) {
    String window = "from " + spec.at() + (spec.until() == null ? " to the end of the run" : " to " + spec.until());
    if (v instanceof Fault.DoubleProposal && duties == 0) {
      return empty > 0
          ? v.validator() + " proposed " + empty + " time(s) " + window + " with an empty body, so both blocks would "
              + "have been the same: it never double-proposed"
          : v.validator() + " had no proposal duty " + window + ": it never double-proposed";
    }
    if (duties == 0) {
      return empty > 0
          ? v.validator() + " found nothing to bend at " + empty + " duty(ies) " + window + ": the fault never acted"
          : v.validator() + " had no duty " + window + ": the fault never acted";
    }
    return null;
  }
}
