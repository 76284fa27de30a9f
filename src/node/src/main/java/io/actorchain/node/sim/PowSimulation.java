package io.actorchain.node.sim;

import com.typesafe.config.Config;
import io.actorchain.core.codec.Hash32;
import io.actorchain.core.crypto.Address;
import io.actorchain.core.pow.PowBlock;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeSpec;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.config.PowMode;
import io.actorchain.node.consensus.MinerSpec;
import io.actorchain.node.embedded.EmbeddedNetwork;
import io.actorchain.node.embedded.Topology;
import io.actorchain.node.events.EventLog;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.time.Clock;
import io.actorchain.node.time.SystemClock;
import io.actorchain.node.time.VirtualTime;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs a {@code consensus = pow} scenario in virtual time with the same actors as {@code run} and the
 * cluster, and writes {@code summary.json} and {@code events.jsonl} (SIMULATION.md).
 */
public final class PowSimulation {
  /** After the stop condition, miners stop and in-flight gossip gets this long to land. */
  static final long SETTLE_MILLIS = 30_000;

  private PowSimulation() {}

  /** The chain settings of a scenario: simulated mining, genesis at virtual time 0, its links and hashrate. */
  /**
   * The chain a scenario runs: simulated PoW from genesis time 0, the scenario's links, and the scenario's seed as the
   * chain seed, so that the seed decides the keys, and with them every RANDAO reveal and proposer draw: two seeds are
   * two random worlds, as with every other random choice of a run.
   */
  public static ChainSettings settingsFor(Scenario sc, ChainSettings base) {
    long blockTime = base.pow().blockTimeMillis();
    return base.withChainSeed(Long.toUnsignedString(sc.seed())).withPowMode(PowMode.SIMULATED)
        .withGenesisTimestamp(0)
        .withLink(sc.network().link())
        .withPow(base.withPowMode(PowMode.SIMULATED).pow()
            .withGenesisTarget(ChainSettings.genesisTargetFor(sc.totalHashrate(), blockTime)));
  }

  public static List<NodeSpec> nodeSpecs(Scenario sc) {
    int n = sc.network().nodes();
    List<TreeSet<Integer>> peers = sc.network().topology().equals("random-regular")
        ? Topology.randomRegular(n, sc.network().degree(), sc.seed())
        : Topology.fullMesh(n);
    List<NodeSpec> specs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<MinerSpec> miners = new ArrayList<>();
      for (int m = 0; m < sc.miners().size(); m++) {
        if (sc.miners().get(m).node() == i) {
          miners.add(new MinerSpec("miner-" + m, sc.miners().get(m).hashrate()));
        }
      }
      specs.add(new NodeSpec(i, miners, validatorsOf(sc, i), peers.get(i)));
    }
    return specs;
  }

  static List<String> validatorsOf(Scenario sc, int node) {
    List<String> names = new ArrayList<>();
    for (Scenario.ValidatorSpec v : sc.validators()) {
      if (v.node() == node) {
        names.add(v.name());
      }
    }
    return names;
  }

  public static SimulationResult run(Scenario sc, ChainSettings base, Config systemConfig, Path out, PrintStream progress)
      throws Exception {
    ChainSettings settings = settingsFor(sc, base);
    long blockTime = settings.pow().blockTimeMillis();
    Files.createDirectories(out);
    Clock wall = SystemClock.INSTANCE;
    long wallStart = wall.nowMillis();

    AtomicReference<ActorRef<EmbeddedNetwork.Command>> network = new AtomicReference<>();
    AtomicReference<ActorRef<NodeEvent>> eventLog = new AtomicReference<>();
    Map<Long, List<Runnable>> heightActions = new TreeMap<>();
    long stopHeight = sc.stop().kind() == Scenario.StopKind.HEIGHT ? sc.stop().value() : 0;

    try (BufferedWriter events = Files.newBufferedWriter(out.resolve("events.jsonl"))) {
      AtomicReference<SimulationMonitor> monitorRef = new AtomicReference<>();
      FaultOutcomes outcomes = new FaultOutcomes(sc.faults());
      Consumer<NodeEvent> fileSink = e -> {
        try {
          events.write(Json.eventLine(e));
          events.write('\n');
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      };
      Behavior<Void> root = Behaviors.setup(ctx -> {
        Clock clock = VirtualTime.of(ctx.getSystem()).clock();
        SimulationMonitor monitor = new SimulationMonitor(sc.network().nodes(), stopHeight, 10 * blockTime, clock, wall,
            progress, h -> runHeightActions(heightActions, h));
        monitorRef.set(monitor);
        ActorRef<NodeEvent> log = ctx.spawn(EventLog.create(List.of(fileSink, monitor, outcomes)), "events");
        eventLog.set(log);
        network.set(ctx.spawn(EmbeddedNetwork.create(settings, nodeSpecs(sc), clock, log, sc.seed()), "network"));
        return Behaviors.empty();
      });
      ActorSystem<Void> system = ActorSystem.create(root, "actorchain-sim", VirtualTime.config().withFallback(systemConfig));
      VirtualTime vt = VirtualTime.of(system);
      try {
        vt.awaitIdle();
        Clock clock = vt.clock();
        FaultInjector faults = new FaultInjector(network.get(), eventLog.get(), clock);
        for (Scenario.FaultSpec f : sc.faults()) {
          schedule(system, vt, heightActions, f.at(), () -> faults.inject(f));
          if (f.until() != null) {
            schedule(system, vt, heightActions, f.until(), () -> faults.clear(f));
          }
        }
        SimulationMonitor monitor = monitorRef.get();
        long limit = sc.stop().kind() == Scenario.StopKind.SECONDS
            ? sc.stop().value() * 1000
            : Math.max(60_000, stopHeight * blockTime * 50);
        vt.runUntil(limit, monitor::shouldStop);
        network.get().tell(EmbeddedNetwork.StopProducing.INSTANCE);
        vt.runUntil(clock.nowMillis() + SETTLE_MILLIS, () -> false);
        monitor.draw(true);
        events.flush();
        double virtualSeconds = clock.nowMillis() / 1000.0;
        double wallSeconds = (wall.nowMillis() - wallStart) / 1000.0;
        Map<Address, Long> canonical = canonicalByMiner(vt, system, network.get(), monitor);
        return summarize(sc, settings, monitor, canonical, outcomes, out, virtualSeconds, wallSeconds);
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
  }

  private static void runHeightActions(Map<Long, List<Runnable>> actions, long height) {
    for (Long h : new ArrayList<>(actions.keySet())) {
      if (h <= height) {
        actions.remove(h).forEach(Runnable::run);
      }
    }
  }

  private static void schedule(ActorSystem<?> system, VirtualTime vt, Map<Long, List<Runnable>> heightActions,
      Scenario.At at, Runnable action) {
    if (at.kind() == Scenario.AtKind.HEIGHT) {
      heightActions.computeIfAbsent(at.value(), k -> new ArrayList<>()).add(action);
    } else {
      system.scheduler().scheduleOnce(Duration.ofMillis(Math.max(0, at.value() * 1000 - vt.clock().nowMillis())), action,
          system.executionContext());
    }
  }

  /**
   * The blocks of the heaviest head's chain (the lowest node on a tie), counted by the miner they pay: what share of
   * the canonical chain each miner got, selfish or not. Asked from that node's chain in batches.
   */
  private static Map<Address, Long> canonicalByMiner(VirtualTime vt, ActorSystem<?> system,
      ActorRef<EmbeddedNetwork.Command> network, SimulationMonitor monitor) throws Exception {
    Map<Address, Long> byMiner = new TreeMap<>();
    Map<Integer, ActorRef<NodeGuardian.Command>> live = PosSimulation.ask(vt, system, network,
        EmbeddedNetwork.GetNodes::new).nodes(); // a crashed node still down has no chain to read
    int best = -1;
    java.math.BigInteger bestWork = java.math.BigInteger.valueOf(-1);
    for (Map.Entry<Integer, SimulationMonitor.Head> h : monitor.heads().entrySet()) {
      if (!live.containsKey(h.getKey())) {
        continue;
      }
      java.math.BigInteger work = new java.math.BigInteger(h.getValue().totalDifficulty());
      if (work.compareTo(bestWork) > 0) {
        best = h.getKey();
        bestWork = work;
      }
    }
    if (best < 0) {
      return byMiner;
    }
    ActorRef<NodeGuardian.Command> node = live.get(best);
    ActorRef<ChainActor.Command> chain = PosSimulation.ask(vt, system, node, NodeGuardian.GetParts::new).chain();
    Hash32 root = Hash32.fromHex(monitor.heads().get(best).hash());
    while (true) {
      Hash32 from = root;
      List<PowBlock> blocks = PosSimulation.ask(vt, system, chain,
          (ActorRef<ChainActor.BlocksFound> r) -> new ChainActor.ServeBlocks(from, 256, -1, r)).blocks();
      for (PowBlock b : blocks) {
        if (b.height() > 0) {
          byMiner.merge(b.header().miner(), 1L, Long::sum);
        }
      }
      if (blocks.isEmpty() || blocks.get(0).height() == 0) {
        return byMiner;
      }
      root = blocks.get(0).parentHash();
    }
  }

  private static List<Map<String, Object>> minerShares(Scenario sc, ChainSettings settings, Map<Address, Long> canonical) {
    long total = canonical.values().stream().mapToLong(Long::longValue).sum();
    List<Map<String, Object>> out = new ArrayList<>();
    for (int m = 0; m < sc.miners().size(); m++) {
      Scenario.Miner miner = sc.miners().get(m);
      long blocks = canonical.getOrDefault(settings.key("miner-" + m).address(), 0L);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("miner", "miner-" + m);
      e.put("node", miner.node());
      e.put("hashrate", miner.hashrate());
      e.put("hashrateShare", (double) miner.hashrate() / sc.totalHashrate());
      e.put("canonicalBlocks", blocks);
      e.put("canonicalShare", total == 0 ? 0.0 : (double) blocks / total);
      out.add(e);
    }
    return out;
  }

  private static SimulationResult summarize(Scenario sc, ChainSettings settings, SimulationMonitor monitor,
      Map<Address, Long> canonical, FaultOutcomes outcomes, Path out, double virtualSeconds, double wallSeconds)
      throws IOException {
    String genesisHash = settings.genesisBlock().hash().toHex();
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (int i = 0; i < sc.network().nodes(); i++) {
      SimulationMonitor.Head h = monitor.heads().get(i);
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("node", i);
      n.put("headHeight", h == null ? 0 : h.height());
      n.put("headHash", h == null ? genesisHash : h.hash());
      n.put("totalDifficulty", h == null ? "0" : h.totalDifficulty());
      nodes.add(n);
    }
    long height = nodes.stream().mapToLong(n -> ((Number) n.get("headHeight")).longValue()).max().orElse(0);
    List<Map<String, Object>> expectations = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Scenario.Expectation e : sc.expectations()) {
      String detail = check(e, nodes);
      boolean passed = detail.isEmpty();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("expect", e.text());
      m.put("passed", passed);
      m.put("detail", detail);
      expectations.add(m);
      if (!passed) {
        failures.add(e.text() + ": " + detail);
      }
    }
    Map<String, Object> pow = new LinkedHashMap<>();
    pow.put("height", height);
    pow.put("orphans", Math.max(0, monitor.mined() - height));
    pow.put("reorgs", monitor.reorgs());
    pow.put("miners", minerShares(sc, settings, canonical));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("scenario", sc.name());
    s.put("seed", sc.seed());
    s.put("preset", sc.preset());
    s.put("consensus", sc.consensus().configName());
    s.put("slots", 0);
    s.put("epochs", 0);
    s.put("virtualSeconds", virtualSeconds);
    s.put("wallSeconds", wallSeconds);
    s.put("slotsPerSecond", null);
    s.put("nodes", nodes);
    s.put("validators", List.of());
    s.put("slashings", List.of());
    s.put("pow", pow);
    s.put("faults", outcomes.summary());
    s.put("expectations", expectations);
    Map<String, Object> hashed = new LinkedHashMap<>();
    hashed.put("nodes", nodes);
    hashed.put("validators", List.of());
    s.put("resultHash", Json.canonicalHash(hashed));
    Files.writeString(out.resolve("summary.json"), Json.pretty(s) + "\n");
    return new SimulationResult(failures.isEmpty() ? 0 : 1, s, failures, virtualSeconds, wallSeconds, 0);
  }

  private static String check(Scenario.Expectation e, List<Map<String, Object>> nodes) {
    switch (e.key()) {
      case "head-agreement" -> {
        Set<Object> heads = new TreeSet<>();
        nodes.forEach(n -> heads.add(String.valueOf(n.get("headHash"))));
        boolean agree = heads.size() == 1;
        boolean wanted = (Boolean) e.value();
        return agree == wanted ? "" : (agree ? "all nodes agree" : nodes.size() + " nodes on " + heads.size() + " heads: " + heads);
      }
      case "height-at-least" -> {
        long min = ((Number) e.value()).longValue();
        List<String> low = new ArrayList<>();
        nodes.forEach(n -> {
          if (((Number) n.get("headHeight")).longValue() < min) {
            low.add("node " + n.get("node") + " at " + n.get("headHeight"));
          }
        });
        return low.isEmpty() ? "" : String.join(", ", low);
      }
      default -> throw new IllegalStateException("expectation " + e.key() + " passed the parser but has no check");
    }
  }
}
