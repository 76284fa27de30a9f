package io.actorchain.node.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.net.LinkFault;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code faults} list of a scenario (SIMULATION.md): kinds, times and their values, each entry turned into the
 * {@link Fault} values it injects; problems (unknown kinds, fields, validators and nodes) go to the parser. The HTTP
 * API's {@code POST /api/faults} body is one such entry, without {@code at} and with {@code until} as a duration
 * ({@link FaultEntry}): the same kinds, fields and checks.
 */
public final class FaultParser {
  static final Set<String> LINK_FAULTS = Set.of("partition", "heal", "latency", "loss");
  static final Set<String> VALIDATOR_FAULTS = Set.of("double-vote", "surround-vote", "double-proposal", "offline", "late");
  static final Set<String> POW_FAULTS = Set.of("private-chain", "selfish-mining");
  static final Set<String> NODE_FAULTS = Set.of("crash");
  /** The fields each kind takes, besides {@code kind}, {@code at} and {@code until}. */
  static final Map<String, Set<String>> FIELDS = Map.ofEntries(
      Map.entry("partition", Set.of("groups")), Map.entry("heal", Set.of()),
      Map.entry("latency", Set.of("mean", "jitter")), Map.entry("loss", Set.of("probability")),
      Map.entry("double-vote", Set.of("validator", "validators")),
      Map.entry("surround-vote", Set.of("validator", "validators")),
      Map.entry("double-proposal", Set.of("validator", "validators")),
      Map.entry("offline", Set.of("validator", "validators")),
      Map.entry("late", Set.of("validator", "validators", "delay")),
      Map.entry("crash", Set.of("node")), Map.entry("private-chain", Set.of("node", "release")),
      Map.entry("selfish-mining", Set.of("node")));

  private final ScenarioParser parser;
  /** The node count, or -1 when any id ≥ 0 may be named (a cluster checks its ids when it routes the fault). */
  private final int nodes;
  /** Null outside a scenario: every kind may be asked for, and the node says whether it applies now. */
  private final Scenario.Consensus consensus;
  private final Set<String> knownValidators;
  /** Where the validators come from, in problems: "scenario" or "genesis". */
  private final String validatorSource;
  /** Null outside a scenario: the node says whether it hosts a miner. */
  private final List<Scenario.Miner> miners;

  FaultParser(ScenarioParser parser, int nodes, Scenario.Consensus consensus, Collection<String> validators,
      String validatorSource, List<Scenario.Miner> miners) {
    this.parser = parser;
    this.nodes = nodes;
    this.consensus = consensus;
    this.knownValidators = new LinkedHashSet<>(validators);
    this.validatorSource = validatorSource;
    this.miners = miners;
  }

  static FaultParser forScenario(ScenarioParser parser, int nodes, Scenario.Consensus consensus,
      List<Scenario.ValidatorSpec> validators, List<Scenario.Miner> miners) {
    List<String> names = new ArrayList<>();
    validators.forEach(v -> names.add(v.name()));
    return new FaultParser(parser, nodes, consensus, names, "scenario", miners);
  }

  private void problem(String path, String what) {
    parser.problem(path, what);
  }

  /** Every fault kind, sorted. */
  public static Set<String> kinds() {
    return new TreeSet<>(FIELDS.keySet());
  }

  /** The fields {@code kind} takes besides {@code kind}, {@code at} and {@code until}; empty for an unknown kind. */
  public static Set<String> fieldsOf(String kind) {
    return new TreeSet<>(FIELDS.getOrDefault(kind, Set.of()));
  }

  /** Every field some kind takes (besides {@code kind}, {@code at} and {@code until}), sorted. */
  public static Set<String> fields() {
    Set<String> all = new TreeSet<>();
    FIELDS.values().forEach(all::addAll);
    return all;
  }

  List<Scenario.FaultSpec> parseFaults(Config s) {
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
      String kind = parser.str(f, "kind", p, "");
      if (kind.isEmpty()) {
        problem(p + ".kind", "missing; known: " + kinds());
        continue;
      }
      if (!FIELDS.containsKey(kind)) {
        problem(p + ".kind", "unknown fault '" + kind + "'; known: " + kinds());
        continue;
      }
      checkFields(f, p, kind, Set.of("kind", "at", "until"));
      checkConsensus(p, kind, consensus);
      Scenario.At at = null;
      if (f.hasPath("at")) {
        at = parseAt(p + ".at", parser.str(f, "at", p, ""), consensus);
      } else {
        problem(p + ".at", "missing; e.g. at = \"epoch 3\"");
      }
      Scenario.At until = f.hasPath("until") ? parseAt(p + ".until", parser.str(f, "until", p, ""), consensus) : null;
      if (at != null && until != null && at.kind() == until.kind() && until.value() <= at.value()) {
        problem(p + ".until", "must be after at (" + at + "), got " + until);
      }
      List<Fault> faults = faultsOf(f, p, kind, until != null);
      out.add(new Scenario.FaultSpec(kind, at, until, faults, f.root().render(ConfigRenderOptions.concise())));
    }
    return out;
  }

  /** The faults one entry of a known {@code kind} names; {@code hasUntil}: a withheld chain may wait for it. */
  List<Fault> faultsOf(Config f, String p, String kind, boolean hasUntil) {
    return switch (kind) {
      case "partition" -> List.of(new Fault.Partition(parseGroups(f, p)));
      case "heal" -> List.of(new Fault.Link(new LinkFault.Heal()));
      case "latency" -> List.of(new Fault.Link(parseLatency(f, p)));
      case "loss" -> List.of(new Fault.Link(new LinkFault.Loss(parseLoss(f, p))));
      case "crash" -> List.of(new Fault.Crash(parseNode(f, p)));
      case "private-chain", "selfish-mining" -> List.of(parsePowFault(f, p, kind, hasUntil));
      default -> parseValidatorFaults(f, p, kind);
    };
  }

  void checkFields(Config f, String p, String kind, Set<String> timeKeys) {
    Set<String> allowed = new TreeSet<>(FIELDS.get(kind));
    allowed.addAll(timeKeys);
    for (String key : new TreeSet<>(f.root().keySet())) {
      if (!allowed.contains(key)) {
        problem(p + "." + key, "not a field of " + kind + "; allowed: " + allowed);
      }
    }
  }

  private void checkConsensus(String p, String kind, Scenario.Consensus consensus) {
    if (consensus == null) {
      return;
    }
    if (VALIDATOR_FAULTS.contains(kind) && consensus == Scenario.Consensus.POW) {
      problem(p + ".kind", kind + " is a validator fault: it needs consensus = pos or merge");
    }
    if (POW_FAULTS.contains(kind) && consensus == Scenario.Consensus.POS) {
      problem(p + ".kind", kind + " is a miner fault: it needs consensus = pow or merge");
    }
  }

  private List<Fault> parseValidatorFaults(Config f, String p, String kind) {
    List<String> names = parseValidatorNames(f, p);
    long delay = 0;
    if (kind.equals("late")) {
      if (!f.hasPath("delay")) {
        problem(p + ".delay", "missing; late holds each message back this long, e.g. delay = 3s");
      } else {
        delay = parser.millis(f, "delay", p, 0);
        if (delay <= 0 && f.hasPath("delay")) {
          problem(p + ".delay", "must be a positive duration, e.g. 3s");
        }
      }
    }
    List<Fault> out = new ArrayList<>();
    for (String v : names) {
      out.add(switch (kind) {
        case "offline" -> new Fault.Offline(v);
        case "double-vote" -> new Fault.DoubleVote(v);
        case "surround-vote" -> new Fault.SurroundVote(v);
        case "double-proposal" -> new Fault.DoubleProposal(v);
        case "late" -> new Fault.Late(v, Math.max(1, delay));
        default -> throw new IllegalStateException("no validator fault " + kind);
      });
    }
    return out;
  }

  /** {@code validator = v5} or {@code validators = [v1, v2]}: exactly one, every name known, none twice. */
  private List<String> parseValidatorNames(Config f, String p) {
    boolean one = f.hasPath("validator");
    boolean many = f.hasPath("validators");
    if (one == many) {
      problem(p, one ? "give validator or validators, not both" : "missing validator = NAME (or validators = [A, B])");
      return List.of();
    }
    List<String> named = new ArrayList<>();
    String key = one ? "validator" : "validators";
    try {
      if (one) {
        named.add(f.getString("validator"));
      } else {
        named.addAll(f.getStringList("validators"));
        if (named.isEmpty()) {
          problem(p + ".validators", "must name at least one validator");
        }
      }
    } catch (ConfigException e) {
      problem(p + "." + key, one ? "must be a validator name, e.g. v5" : "must be a list of validator names, e.g. [v1, v2]");
      return List.of();
    }
    Set<String> seen = new TreeSet<>();
    List<String> out = new ArrayList<>();
    for (String name : named) {
      if (!knownValidators.contains(name)) {
        problem(p + "." + key, (validatorSource.equals("scenario") ? "unknown validator '" + name + "'"
            : "validator " + name + " is not in the " + validatorSource) + "; " + knownValidators());
      } else if (!seen.add(name)) {
        problem(p + "." + key, "names validator '" + name + "' twice");
      } else {
        out.add(name);
      }
    }
    return out;
  }

  private String knownValidators() {
    if (knownValidators.isEmpty()) {
      return "the " + validatorSource + " has no validators";
    }
    List<String> names = List.copyOf(knownValidators);
    return "the validators are " + String.join(", ", names.subList(0, Math.min(8, names.size())))
        + (names.size() > 8 ? ", … (" + names.size() + " in all)" : "");
  }

  private int parseNode(Config f, String p) {
    if (!f.hasPath("node")) {
      problem(p + ".node", nodes < 0 ? "missing; the id of the node" : "missing; the index of the node, 0.." + (nodes - 1));
      return -1;
    }
    int node = (int) parser.lng(f, "node", p, -1);
    if (!isNode(node)) {
      problem(p + ".node", unknownNode(node));
      return -1;
    }
    return node;
  }

  private boolean isNode(int node) {
    return node >= 0 && (nodes < 0 || node < nodes);
  }

  private String unknownNode(Object node) {
    return nodes < 0 ? "a node is named by its id ≥ 0, got " + node : "unknown node " + node + "; nodes are 0.." + (nodes - 1);
  }

  private Fault parsePowFault(Config f, String p, String kind, boolean hasUntil) {
    int node = parseNode(f, p);
    if (node >= 0 && miners != null && miners.stream().noneMatch(m -> m.node() == node)) {
      problem(p + ".node", "node " + node + " hosts no miner; " + kind + " needs one (scenario.miners)");
    }
    if (kind.equals("selfish-mining")) {
      return new Fault.SelfishMining(node);
    }
    Fault.Release release = null;
    if (f.hasPath("release")) {
      release = parseRelease(p + ".release", parser.str(f, "release", p, ""));
    } else if (!hasUntil) {
      problem(p + ".release", "missing; when the withheld chain is published: release = \"height H\" or "
          + "\"second T\" (or give until)");
    }
    return new Fault.PrivateChain(node, release);
  }

  private Fault.Release parseRelease(String path, String text) {
    String[] parts = text.trim().split("\\s+");
    if (parts.length == 2) {
      try {
        Fault.Release.Unit unit = Fault.Release.Unit.valueOf(parts[0].toUpperCase(Locale.ROOT));
        long v = Long.parseLong(parts[1]);
        if (v >= 0) {
          return new Fault.Release(unit, v);
        }
      } catch (IllegalArgumentException e) {
        // fall through to the problem below
      }
    }
    problem(path, "must be \"height H\" or \"second T\", got \"" + text + "\"");
    return null;
  }

  private LinkFault.Latency parseLatency(Config f, String p) {
    long mean = parser.millis(f, "mean", p, 0);
    long jitter = parser.millis(f, "jitter", p, 0);
    if (!f.hasPath("mean")) {
      problem(p + ".mean", "missing; e.g. mean = 2s");
    }
    if (mean < 0 || jitter < 0 || jitter > mean) {
      problem(p + ".jitter", "must be between 0 and mean");
      return new LinkFault.Latency(Math.max(0, mean), 0);
    }
    return new LinkFault.Latency(mean, jitter);
  }

  private double parseLoss(Config f, String p) {
    try {
      double loss = f.getDouble("probability");
      if (!(loss >= 0 && loss <= 1)) {
        problem(p + ".probability", "must be in [0, 1]");
        return 0;
      }
      return loss;
    } catch (ConfigException e) {
      problem(p + ".probability", "must be a number in [0, 1]");
      return 0;
    }
  }

  private List<List<Integer>> parseGroups(Config f, String p) {
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
    Set<Integer> seen = new TreeSet<>();
    for (Object g : (List<?>) v.unwrapped()) {
      List<Integer> group = new ArrayList<>();
      if (!(g instanceof List<?> members)) {
        problem(p + ".groups", "must be a list of lists of node indices");
        continue;
      }
      for (Object m : members) {
        if (!(m instanceof Number n) || !isNode(n.intValue())) {
          problem(p + ".groups", unknownNode(m));
        } else if (!seen.add(n.intValue())) {
          problem(p + ".groups", "node " + n.intValue() + " is in two groups");
        } else {
          group.add(n.intValue());
        }
      }
      groups.add(List.copyOf(group));
    }
    return groups;
  }

  private Scenario.At parseAt(String path, String text, Scenario.Consensus consensus) {
    String[] parts = text.trim().split("\\s+");
    if (parts.length == 2) {
      try {
        Scenario.AtKind kind = Scenario.AtKind.valueOf(parts[0].toUpperCase(Locale.ROOT));
        long v = Long.parseLong(parts[1]);
        if (v >= 0) {
          if (consensus == Scenario.Consensus.POW && (kind == Scenario.AtKind.EPOCH || kind == Scenario.AtKind.SLOT)) {
            problem(path, "times in epochs or slots need consensus = pos or merge; use \"height H\" or \"second T\"");
          } else if (consensus != Scenario.Consensus.POW && kind == Scenario.AtKind.HEIGHT) {
            problem(path, "times in heights need consensus = pow; use \"epoch E\", \"slot S\" or \"second T\"");
          }
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
