package io.actorchain.node.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.actorchain.node.config.LinkSettings;
import io.actorchain.node.config.SettingsException;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a scenario file (SIMULATION.md) and collects every problem it finds, one line each with
 * its key path, instead of stopping at the first.
 */
public final class ScenarioParser {
  static final Set<String> TOP_KEYS = Set.of("name", "seed", "preset", "consensus", "merge", "stop", "network",
      "validators", "miners", "consensus-overrides", "faults", "expect");
  static final Set<String> EXPECTS = Set.of("head-agreement", "height-at-least", "finalized-epoch-at-least", "slashed",
      "not-slashed-honest", "no-conflicting-finality");

  private final List<String> problems = new ArrayList<>();

  private ScenarioParser() {}

  public static Scenario parseFile(File file) {
    if (!file.isFile()) {
      throw new ScenarioException(List.of(file + ": no such scenario file"));
    }
    Config root;
    try {
      root = ConfigFactory.parseFile(file).resolve();
    } catch (ConfigException e) {
      throw new ScenarioException(List.of(file + ": not valid HOCON: " + e.getMessage()));
    }
    return parse(root);
  }

  public static Scenario parse(Config root) {
    return new ScenarioParser().doParse(root);
  }

  private Scenario doParse(Config root) {
    if (!root.hasPath("scenario")) {
      throw new ScenarioException(List.of("scenario: missing; a scenario file has one top-level block scenario { ... }"));
    }
    Config s;
    try {
      s = root.getConfig("scenario");
    } catch (ConfigException e) {
      throw new ScenarioException(List.of("scenario: must be a block { ... }"));
    }
    for (String key : new TreeSet<>(s.root().keySet())) {
      if (!TOP_KEYS.contains(key)) {
        problem("scenario." + key, "unknown key; allowed: " + new TreeSet<>(TOP_KEYS));
      }
    }
    String name = str(s, "name", "scenario", "unnamed");
    long seed = lng(s, "seed", "scenario", 1);
    String preset = str(s, "preset", "scenario", "minimal");
    if (!Set.of("minimal", "mainnet", "tutorial").contains(preset)) {
      problem("scenario.preset", "must be minimal, mainnet or tutorial, got '" + preset + "'");
    }
    Scenario.Consensus consensus = Scenario.Consensus.POW;
    String c = str(s, "consensus", "scenario", "pow");
    try {
      consensus = Scenario.Consensus.valueOf(c.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problem("scenario.consensus", "must be pow, pos or merge, got '" + c + "'");
    }
    long mergeAt = -1;
    if (consensus == Scenario.Consensus.MERGE) {
      mergeAt = lng(s, "merge.at-height", "scenario", -1);
      if (mergeAt < 1) {
        problem("scenario.merge.at-height", "must be a height ≥ 1 when consensus = merge");
      }
    }
    Scenario.Stop stop = parseStop(s, consensus);
    Scenario.Network network = parseNetwork(s);
    List<Scenario.Miner> miners = parseMiners(s, network.nodes(), consensus);
    List<Scenario.ValidatorSpec> validators = parseValidators(s, network.nodes(), consensus);
    java.util.Map<String, Object> overrides = parseOverrides(s, preset);
    List<Scenario.FaultSpec> faults = FaultParser.forScenario(this, network.nodes(), consensus, validators, miners)
        .parseFaults(s);
    List<Scenario.Expectation> expects = parseExpects(s, consensus);
    checkValidatorNames(expects, validators);
    if (!problems.isEmpty()) {
      throw new ScenarioException(problems);
    }
    return new Scenario(name, seed, preset, consensus, mergeAt, stop, network, miners, validators, overrides, faults,
        expects);
  }

  /** A parser that only collects problems: for one fault entry outside a scenario ({@link FaultParser#parseEntry}). */
  static ScenarioParser collecting() {
    return new ScenarioParser();
  }

  void problem(String path, String what) {
    problems.add(path + ": " + what);
  }

  List<String> problems() {
    return List.copyOf(problems);
  }

  String str(Config c, String key, String base, String dflt) {
    if (!c.hasPath(key)) {
      return dflt;
    }
    try {
      return c.getString(key);
    } catch (ConfigException e) {
      problem(base + "." + key, "must be a string");
      return dflt;
    }
  }

  long lng(Config c, String key, String base, long dflt) {
    if (!c.hasPath(key)) {
      return dflt;
    }
    try {
      return c.getLong(key);
    } catch (ConfigException e) {
      problem(base + "." + key, "must be a whole number, got " + c.getValue(key).render());
      return dflt;
    }
  }

  long millis(Config c, String key, String base, long dflt) {
    if (!c.hasPath(key)) {
      return dflt;
    }
    try {
      return c.getDuration(key).toMillis();
    } catch (ConfigException e) {
      problem(base + "." + key, "must be a duration such as 100ms or 2s, got " + c.getValue(key).render());
      return dflt;
    }
  }

  private Scenario.Stop parseStop(Config s, Scenario.Consensus consensus) {
    if (!s.hasPath("stop")) {
      problem("scenario.stop", "missing; give stop { height = H } (pow), stop { epochs = N } (pos, merge) or stop { seconds = T }");
      return new Scenario.Stop(Scenario.StopKind.SECONDS, 1);
    }
    List<Scenario.Stop> found = new ArrayList<>();
    for (Scenario.StopKind k : Scenario.StopKind.values()) {
      String key = "stop." + k.name().toLowerCase(Locale.ROOT);
      if (s.hasPath(key)) {
        long v = lng(s, key, "scenario", 1);
        if (v < 1) {
          problem("scenario." + key, "must be at least 1, got " + v);
        }
        found.add(new Scenario.Stop(k, v));
      }
    }
    if (found.size() != 1) {
      problem("scenario.stop", "must hold exactly one of height, epochs, seconds");
      return new Scenario.Stop(Scenario.StopKind.SECONDS, 1);
    }
    Scenario.Stop stop = found.get(0);
    if (stop.kind() == Scenario.StopKind.HEIGHT && consensus != Scenario.Consensus.POW) {
      problem("scenario.stop.height", "applies to consensus = pow; use stop { epochs = N }");
    }
    if (stop.kind() == Scenario.StopKind.EPOCHS && consensus == Scenario.Consensus.POW) {
      problem("scenario.stop.epochs", "applies to pos and merge; use stop { height = H } for pow");
    }
    return stop;
  }

  private Scenario.Network parseNetwork(Config s) {
    String b = "scenario.network";
    int nodes = (int) lng(s, "network.nodes", "scenario", 4);
    if (nodes < 1 || nodes > 1024) {
      problem(b + ".nodes", "must be between 1 and 1024, got " + nodes);
      nodes = Math.max(1, Math.min(nodes, 1024));
    }
    String topology = str(s, "network.topology", "scenario", "full-mesh");
    int degree = (int) lng(s, "network.degree", "scenario", 4);
    if (!topology.equals("full-mesh") && !topology.equals("random-regular")) {
      problem(b + ".topology", "must be full-mesh or random-regular, got '" + topology + "'");
    }
    if (topology.equals("random-regular") && (degree < 2 || degree >= nodes)) {
      problem(b + ".degree", "must be in [2, nodes - 1] for random-regular, got " + degree);
    }
    long mean = millis(s, "network.latency.mean", "scenario", 0);
    long jitter = millis(s, "network.latency.jitter", "scenario", 0);
    double loss = 0.0;
    if (s.hasPath("network.loss")) {
      try {
        loss = s.getDouble("network.loss");
      } catch (ConfigException e) {
        problem(b + ".loss", "must be a number in [0, 1]");
      }
    }
    LinkSettings link = LinkSettings.NONE;
    try {
      link = new LinkSettings(mean, jitter, loss);
    } catch (SettingsException e) {
      problem("scenario." + e.getMessage().split(":", 2)[0], e.getMessage().split(":", 2)[1].trim());
    }
    return new Scenario.Network(nodes, topology, degree, link);
  }

  private List<Scenario.Miner> parseMiners(Config s, int nodes, Scenario.Consensus consensus) {
    List<Scenario.Miner> out = new ArrayList<>();
    if (!s.hasPath("miners")) {
      if (consensus != Scenario.Consensus.POS) {
        problem("scenario.miners", "missing; pow and merge need miners = [ { node = 0, hashrate = 1000 }, ... ]");
      }
      return out;
    }
    List<? extends Config> list;
    try {
      list = s.getConfigList("miners");
    } catch (ConfigException e) {
      problem("scenario.miners", "must be a list of { node = N, hashrate = H }");
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      String at = "scenario.miners[" + i + "]";
      int node = (int) lng(list.get(i), "node", at, -1);
      long rate = lng(list.get(i), "hashrate", at, -1);
      if (node < 0 || node >= nodes) {
        problem(at + ".node", "unknown node " + node + "; nodes are 0.." + (nodes - 1));
      }
      if (rate < 1) {
        problem(at + ".hashrate", "must be a positive number of hashes per second, got " + rate);
      }
      out.add(new Scenario.Miner(node, rate));
    }
    if (out.isEmpty() && consensus != Scenario.Consensus.POS) {
      problem("scenario.miners", "must name at least one miner");
    }
    return out;
  }

  private void checkValidatorNames(List<Scenario.Expectation> expects, List<Scenario.ValidatorSpec> validators) {
    Set<String> known = new TreeSet<>();
    validators.forEach(v -> known.add(v.name()));
    for (int i = 0; i < expects.size(); i++) {
      if (expects.get(i).key().equals("slashed")) {
        for (Object name : (List<?>) expects.get(i).value()) {
          if (!known.contains(String.valueOf(name))) {
            problem("scenario.expect[" + i + "].slashed", "unknown validator '" + name + "'");
          }
        }
      }
    }
  }

  private List<Scenario.ValidatorSpec> parseValidators(Config s, int nodes, Scenario.Consensus consensus) {
    List<Scenario.ValidatorSpec> out = new ArrayList<>();
    String p = "scenario.validators";
    if (!s.hasPath("validators")) {
      if (consensus != Scenario.Consensus.POW) {
        problem(p, "missing; pos and merge need validators { count = 16, stake = 32 } or validators { list = [...] }");
      }
      return out;
    }
    if (consensus == Scenario.Consensus.POW) {
      problem(p, "applies to pos and merge only");
      return out;
    }
    Config v;
    try {
      v = s.getConfig("validators");
    } catch (ConfigException e) {
      problem(p, "must be a block { count = N, stake = S } or { list = [...] }");
      return out;
    }
    if (v.hasPath("list")) {
      List<? extends Config> list;
      try {
        list = v.getConfigList("list");
      } catch (ConfigException e) {
        problem(p + ".list", "must be a list of { name = ..., stake = ..., node = ... }");
        return out;
      }
      Set<String> names = new TreeSet<>();
      for (int i = 0; i < list.size(); i++) {
        String at = p + ".list[" + i + "]";
        String name = str(list.get(i), "name", at, "");
        if (name.isEmpty()) {
          problem(at + ".name", "missing");
        } else if (!names.add(name)) {
          problem(at + ".name", "duplicate validator '" + name + "'");
        }
        int node = (int) lng(list.get(i), "node", at, 0);
        if (node < 0 || node >= nodes) {
          problem(at + ".node", "unknown node " + node + "; nodes are 0.." + (nodes - 1));
        }
        out.add(new Scenario.ValidatorSpec(name, stake(list.get(i), at), node));
      }
    } else {
      int count = (int) lng(v, "count", p, 0);
      if (count < 1 || count > 1_000_000) {
        problem(p + ".count", "must be between 1 and 1000000, got " + count);
        return out;
      }
      long stake = stake(v, p);
      for (int i = 0; i < count; i++) {
        out.add(new Scenario.ValidatorSpec("v" + i, stake, i % nodes));
      }
    }
    return out;
  }

  private long stake(Config c, String path) {
    if (!c.hasPath("stake")) {
      problem(path + ".stake", "missing (coins)");
      return 0;
    }
    try {
      long gwei = io.actorchain.node.config.Coins.toGwei(path + ".stake", c.getValue("stake").unwrapped().toString());
      if (gwei <= 0) {
        problem(path + ".stake", "must be positive");
      }
      return gwei;
    } catch (SettingsException e) {
      problems.add(e.getMessage());
      return 0;
    }
  }

  private java.util.Map<String, Object> parseOverrides(Config s, String preset) {
    java.util.Map<String, Object> out = new java.util.TreeMap<>();
    if (!s.hasPath("consensus-overrides")) {
      return out;
    }
    Config o;
    try {
      o = s.getConfig("consensus-overrides");
    } catch (ConfigException e) {
      problem("scenario.consensus-overrides", "must be a block { NAME = value }");
      return out;
    }
    io.actorchain.core.pos.ConsensusConfig base;
    try {
      base = io.actorchain.core.pos.ConsensusConfig.preset(preset);
    } catch (IllegalArgumentException e) {
      return out; // the preset problem is reported already
    }
    for (String key : new TreeSet<>(o.root().keySet())) {
      Object value = o.getValue(key).unwrapped();
      try {
        base.with(key, value);
        out.put(key, value);
      } catch (IllegalArgumentException e) {
        problem("scenario.consensus-overrides." + key, e.getMessage());
      }
    }
    return out;
  }

  private List<Scenario.Expectation> parseExpects(Config s, Scenario.Consensus consensus) {
    List<Scenario.Expectation> out = new ArrayList<>();
    if (!s.hasPath("expect")) {
      return out;
    }
    List<? extends Config> list;
    try {
      list = s.getConfigList("expect");
    } catch (ConfigException e) {
      problem("scenario.expect", "must be a list of { key = value }");
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      Config e = list.get(i);
      String p = "scenario.expect[" + i + "]";
      for (String key : new TreeSet<>(e.root().keySet())) {
        Object value = e.getValue(key).unwrapped();
        String text = key + " = " + e.getValue(key).render(com.typesafe.config.ConfigRenderOptions.concise());
        if (!EXPECTS.contains(key)) {
          problem(p + "." + key, "unknown expectation; known: " + new TreeSet<>(EXPECTS));
        } else if (consensus == Scenario.Consensus.POW && !Set.of("head-agreement", "height-at-least").contains(key)) {
          problem(p + "." + key, "needs consensus = pos or merge");
        } else if (consensus != Scenario.Consensus.POW && key.equals("height-at-least")) {
          problem(p + "." + key, "applies to consensus = pow; use finalized-epoch-at-least");
        } else if (Set.of("no-conflicting-finality", "not-slashed-honest").contains(key) && !(value instanceof Boolean)) {
          problem(p + "." + key, "must be true or false");
        } else if (key.equals("finalized-epoch-at-least") && !(value instanceof Number)) {
          problem(p + "." + key, "must be an epoch number");
        } else if (key.equals("slashed") && !(value instanceof List<?>)) {
          problem(p + "." + key, "must be a list of validator names, e.g. [v5]");
        } else if (key.equals("head-agreement") && !(value instanceof Boolean)) {
          problem(p + "." + key, "must be true or false");
        } else if (key.equals("height-at-least") && !(value instanceof Number)) {
          problem(p + "." + key, "must be a height");
        } else {
          out.add(new Scenario.Expectation(key, value, text));
        }
      }
    }
    return out;
  }
}
