package io.actorchain.node.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorchain.node.fault.Fault;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fault outside a scenario, as the HTTP API takes it ({@code POST} and {@code DELETE /api/faults}): a scenario's
 * fault entry (SIMULATION.md) without {@code at}, read by the scenario's own {@link FaultParser}, so the kinds, fields
 * and checks are the same.
 *
 * @param kind the kind named, as given (empty if none)
 * @param faults the faults it names, one per validator
 * @param untilMillis how long until the fault ends by itself, or null
 * @param problems every problem, one line each with its key, e.g. {@code fault.delay: missing; …}
 */
public record FaultEntry(String kind, List<Fault> faults, Long untilMillis, List<String> problems) {
  /** Values of the fields that only say how a fault acts, for an entry that only names one to clear. */
  private static final Map<String, Object> CLEAR_PLACEHOLDERS = Map.of("delay", "1ms", "mean", "0ms", "jitter", "0ms",
      "probability", 0, "groups", List.of(), "release", "height 0");

  public FaultEntry {
    faults = List.copyOf(faults);
    problems = List.copyOf(problems);
  }

  /**
   * {@code {kind, validator | validators | node | groups | mean | jitter | probability | delay | release, until}}, with
   * {@code until} a duration such as {@code "30s"}. Validators must be {@code genesisValidators}; nodes are any id ≥ 0
   * (the cluster checks them when it routes). With {@code forClear}, the entry only names a fault to end: the fields
   * saying how it acts (delay, groups, mean, …) may be left out.
   *
   * @param path the prefix of each problem's key, e.g. {@code fault}
   */
  public static FaultEntry parse(Config f, String path, List<String> genesisValidators, boolean forClear) {
    ScenarioParser collecting = ScenarioParser.collecting();
    FaultParser faults = new FaultParser(collecting, -1, null, genesisValidators, "genesis", null);
    String kind = collecting.str(f, "kind", path, "");
    if (kind.isEmpty() || !FaultParser.kinds().contains(kind)) {
      collecting.problem(path + ".kind", (kind.isEmpty() ? "missing" : "unknown fault '" + kind + "'") + "; known: "
          + FaultParser.kinds());
      return new FaultEntry(kind, List.of(), null, collecting.problems());
    }
    faults.checkFields(f, path, kind, Set.of("kind", "until"));
    Long until = null;
    if (f.hasPath("until")) {
      until = collecting.millis(f, "until", path, Long.MIN_VALUE);
      if (until != Long.MIN_VALUE && until <= 0) {
        collecting.problem(path + ".until", "must be a positive duration such as 30s, got "
            + f.getValue("until").render());
      }
    }
    Config values = f;
    if (forClear) {
      for (String field : FaultParser.fieldsOf(kind)) {
        if (CLEAR_PLACEHOLDERS.containsKey(field)) {
          values = values.withFallback(ConfigFactory.parseMap(Map.of(field, CLEAR_PLACEHOLDERS.get(field))));
        }
      }
    }
    List<Fault> parsed = faults.faultsOf(values, path, kind, until != null || forClear);
    return new FaultEntry(kind, parsed, until, collecting.problems());
  }
}
