package io.actorchain.node.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The {@code faults} list of a scenario (SIMULATION.md): kinds, times and their values, problems reported to the parser. */
final class FaultParser {
  private final ScenarioParser parser;

  FaultParser(ScenarioParser parser) {
    this.parser = parser;
  }

  private void problem(String path, String what) {
    parser.problem(path, what);
  }

  private String str(Config c, String key, String base, String dflt) {
    return parser.str(c, key, base, dflt);
  }

  private long millis(Config c, String key, String base, long dflt) {
    return parser.millis(c, key, base, dflt);
  }

  List<Scenario.FaultSpec> parseFaults(Config s, int nodes, Scenario.Consensus consensus) {
    List<Scenario.FaultSpec> out = new ArrayList<>();
    if (!s.hasPath("faults")) {
      return out;
    }
    List<? extends Config> list;
    try {
      list = s.getConfigList("faults");
    } catch (ConfigException e) {
      problem("scenario.faults", "must be a list of { at = \"...\", kind = ..., ... }");
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      Config f = list.get(i);
      String p = "scenario.faults[" + i + "]";
      String kind = str(f, "kind", p, "");
      if (kind.isEmpty()) {
        problem(p + ".kind", "missing");
        continue;
      }
      if (ScenarioParser.POS_FAULTS.contains(kind)) {
        problem(p + ".kind", kind + " is not available yet in this version of simulate (it comes with proof of stake and fault injection); "
            + "available: " + new TreeSet<>(ScenarioParser.POW_FAULTS));
        continue;
      }
      if (!ScenarioParser.POW_FAULTS.contains(kind)) {
        problem(p + ".kind", "unknown fault '" + kind + "'; known: " + new TreeSet<>(ScenarioParser.POW_FAULTS) + " and " + new TreeSet<>(ScenarioParser.POS_FAULTS));
        continue;
      }
      Scenario.At at = f.hasPath("at") ? parseAt(p + ".at", str(f, "at", p, "")) : null;
      if (!f.hasPath("at")) {
        problem(p + ".at", "missing");
      }
      Scenario.At until = f.hasPath("until") ? parseAt(p + ".until", str(f, "until", p, "")) : null;
      for (Scenario.At t : new Scenario.At[] {at, until}) {
        if (t != null && consensus == Scenario.Consensus.POW
            && (t.kind() == Scenario.AtKind.EPOCH || t.kind() == Scenario.AtKind.SLOT)) {
          problem(p, "times in epochs or slots need consensus = pos or merge; use \"height H\" or \"second T\"");
        }
      }
      List<List<Integer>> groups = List.of();
      if (kind.equals("partition")) {
        groups = parseGroups(f, p, nodes);
      }
      long mean = millis(f, "mean", p, 0);
      long jitter = millis(f, "jitter", p, 0);
      if (kind.equals("latency") && jitter > mean) {
        problem(p + ".jitter", "must not exceed mean");
      }
      double loss = 0;
      if (kind.equals("loss")) {
        try {
          loss = f.getDouble("probability");
          if (!(loss >= 0 && loss <= 1)) {
            problem(p + ".probability", "must be in [0, 1]");
          }
        } catch (ConfigException e) {
          problem(p + ".probability", "must be a number in [0, 1]");
        }
      }
      out.add(new Scenario.FaultSpec(kind, at, until, groups, mean, jitter, loss, f.root().render(
          com.typesafe.config.ConfigRenderOptions.concise())));
    }
    return out;
  }

  private List<List<Integer>> parseGroups(Config f, String p, int nodes) {
    List<List<Integer>> groups = new ArrayList<>();
    if (!f.hasPath("groups")) {
      problem(p + ".groups", "missing; e.g. groups = [[0, 1], [2, 3]]");
      return groups;
    }
    ConfigValue v = f.getValue("groups");
    if (v.valueType() != ConfigValueType.LIST) {
      problem(p + ".groups", "must be a list of lists of node indices");
      return groups;
    }
    for (Object g : (List<?>) v.unwrapped()) {
      List<Integer> group = new ArrayList<>();
      if (!(g instanceof List<?> members)) {
        problem(p + ".groups", "must be a list of lists of node indices");
        continue;
      }
      for (Object m : members) {
        if (!(m instanceof Number n) || n.intValue() < 0 || n.intValue() >= nodes) {
          problem(p + ".groups", "unknown node " + m + "; nodes are 0.." + (nodes - 1));
        } else {
          group.add(n.intValue());
        }
      }
      groups.add(List.copyOf(group));
    }
    return groups;
  }

  private Scenario.At parseAt(String path, String text) {
    String[] parts = text.trim().split("\\s+");
    if (parts.length == 2) {
      try {
        Scenario.AtKind kind = Scenario.AtKind.valueOf(parts[0].toUpperCase(Locale.ROOT));
        long v = Long.parseLong(parts[1]);
        if (v >= 0) {
          return new Scenario.At(kind, v);
        }
      } catch (IllegalArgumentException e) {
        // fall through to the problem below
      }
    }
    problem(path, "must be \"epoch E\", \"slot S\", \"height H\" or \"second T\", got \"" + text + "\"");
    return null;
  }
}
