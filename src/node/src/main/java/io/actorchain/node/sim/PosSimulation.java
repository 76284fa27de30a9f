package io.actorchain.node.sim;

import com.typesafe.config.Config;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.core.pos.model.Validator;
import io.actorchain.core.pos.state.BeaconState;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.chain.ChainActor;
import io.actorchain.node.chain.ChainEvent;
import io.actorchain.node.chain.PosCommand;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.config.PowMode;
import io.actorchain.node.embedded.EmbeddedNetwork;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs a {@code consensus = pos} or {@code merge} scenario in virtual time and writes summary.json, events.jsonl and
 * epochs.jsonl (SIMULATION.md). {@code stop { epochs = N }} runs slots 0 … N×SPE − 1, then advances every node's head
 * state to slot N×SPE, so the last transition recorded is the end of epoch N − 1.
 */
public final class PosSimulation {
  private PosSimulation() {}

  public static ConsensusConfig consensusConfig(Scenario sc) {
    ConsensusConfig c = ConsensusConfig.preset(sc.preset());
    for (Map.Entry<String, Object> o : sc.consensusOverrides().entrySet()) {
      c = c.with(o.getKey(), o.getValue());
    }
    return c;
  }

  public static ChainSettings settingsFor(Scenario sc, ChainSettings base) {
    List<ChainSettings.NamedAmount> validators = new ArrayList<>();
    sc.validators().forEach(v -> validators.add(new ChainSettings.NamedAmount(v.name(), v.stakeGwei())));
    long mergeAt = sc.consensus() == Scenario.Consensus.MERGE ? sc.mergeAtHeight() : -1;
    ChainSettings s = PowSimulation.settingsFor(sc, base).withValidators(validators)
        .withConsensus(base.consensus().withConfig(consensusConfig(sc)).withMergeAt(mergeAt));
    return s.powMode() == PowMode.SIMULATED ? s : s.withPowMode(PowMode.SIMULATED);
  }

  public static SimulationResult run(Scenario sc, ChainSettings base, Config systemConfig, Path out,
      PrintStream progress, boolean trace) throws Exception {
    ChainSettings settings = settingsFor(sc, base);
    ConsensusConfig config = settings.consensus().config();
    long totalSlots = sc.stop().value() * config.slotsPerEpoch();
    List<String> names = sc.validators().stream().map(Scenario.ValidatorSpec::name).toList();
    Files.createDirectories(out);
    Clock wall = SystemClock.INSTANCE;
    long wallStart = wall.nowMillis();
    AtomicReference<ActorRef<EmbeddedNetwork.Command>> network = new AtomicReference<>();
    AtomicReference<ActorRef<NodeEvent>> eventLog = new AtomicReference<>();
    AtomicReference<PosRecorder> recorder = new AtomicReference<>();
    FaultOutcomes outcomes = new FaultOutcomes(sc.faults());
    SlashingLedger slashings = new SlashingLedger();
    try (BufferedWriter events = Files.newBufferedWriter(out.resolve("events.jsonl"));
        BufferedWriter epochs = Files.newBufferedWriter(out.resolve("epochs.jsonl"))) {
      Behavior<Void> root = Behaviors.setup(ctx -> {
        Clock clock = VirtualTime.of(ctx.getSystem()).clock();
        PosRecorder rec = new PosRecorder(epochs, names, trace, clock, wall, progress, totalSlots, config);
        recorder.set(rec);
        Consumer<NodeEvent> toFile = e -> write(events, Json.eventLine(e));
        ActorRef<NodeEvent> log = ctx.spawn(EventLog.create(List.<Consumer<NodeEvent>>of(toFile, outcomes, slashings)), "events");
        eventLog.set(log);
        network.set(ctx.spawn(EmbeddedNetwork.create(settings, PowSimulation.nodeSpecs(sc), clock, log, sc.seed()),
            "network"));
        return Behaviors.empty();
      });
      ActorSystem<Void> system = ActorSystem.create(root, "actorchain-sim", VirtualTime.config().withFallback(systemConfig));
      VirtualTime vt = VirtualTime.of(system);
      try {
        vt.awaitIdle();
        Map<Integer, ActorRef<NodeGuardian.Command>> nodes = ask(vt, system, network.get(), EmbeddedNetwork.GetNodes::new).nodes();
        Map<Integer, NodeGuardian.Parts> parts = new TreeMap<>();
        for (Map.Entry<Integer, ActorRef<NodeGuardian.Command>> n : nodes.entrySet()) {
          parts.put(n.getKey(), ask(vt, system, n.getValue(), NodeGuardian.GetParts::new));
          int id = n.getKey();
          ActorRef<ChainEvent> forward = system.systemActorOf(Behaviors.receive(ChainEvent.class)
              .onMessage(ChainEvent.class, e -> {
                recorder.get().onEvent(id, e);
                return Behaviors.same();
              }).build(), "recorder-" + id, org.apache.pekko.actor.typed.Props.empty());
          network.get().tell(new EmbeddedNetwork.SubscribeChain(id, forward, true)); // again if the node restarts
        }
        if (sc.consensus() == Scenario.Consensus.POS) {
          parts.values().forEach(p -> p.chain().tell(PosCommand.StartPos.INSTANCE));
        }
        vt.awaitIdle();
        PosRecorder rec = recorder.get();
        FaultInjector injector = new FaultInjector(network.get(), eventLog.get(), vt.clock());
        scheduleFaults(sc, system, vt, rec, config, injector, false); // "second T": from virtual time 0
        long powBudget = sc.consensus() == Scenario.Consensus.MERGE
            ? (sc.mergeAtHeight() + 10) * settings.pow().blockTimeMillis() * 50 : 0;
        vt.runUntil(powBudget + 10_000, rec::merged);
        if (!rec.merged()) {
          throw new IllegalStateException("no merge within " + (powBudget + 10_000) / 1000 + " virtual seconds");
        }
        scheduleFaults(sc, system, vt, rec, config, injector, true); // "slot S", "epoch E": from PoS genesis, known now
        // Slots 0 … N×SPE − 1: stop just before slot N×SPE starts (SIMULATION.md, "Stop").
        vt.runUntil(config.slotStartMillis(rec.genesisMillis(), totalSlots) - 1);
        rec.draw(true);
        Map<Integer, PosCommand.PosStatus> finals = new TreeMap<>();
        // The nodes up now: a node restarted after a crash has new actors, and one still down has none.
        for (Map.Entry<Integer, ActorRef<NodeGuardian.Command>> n
            : ask(vt, system, network.get(), EmbeddedNetwork.GetNodes::new).nodes().entrySet()) {
          ActorRef<ChainActor.Command> chain = ask(vt, system, n.getValue(), NodeGuardian.GetParts::new).chain();
          finals.put(n.getKey(), ask(vt, system, chain,
              (ActorRef<PosCommand.PosStatus> r) -> new PosCommand.AdvanceHeadTo(totalSlots, r)));
        }
        if (finals.isEmpty()) {
          throw new IllegalStateException("every node is down at the end of the run: nothing to summarize");
        }
        vt.awaitIdle();
        events.flush();
        epochs.flush();
        double virtualSeconds = vt.clock().nowMillis() / 1000.0;
        double wallSeconds = (wall.nowMillis() - wallStart) / 1000.0;
        return summarize(sc, rec, slashings, finals, nodes.size(), names, totalSlots, outcomes, out, virtualSeconds,
            wallSeconds);
      } finally {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static void write(BufferedWriter w, String line) {
    try {
      w.write(line);
      w.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asks from outside the loop; the loop answers without moving virtual time. */
  static <Q, R> R ask(VirtualTime vt, ActorSystem<?> system, ActorRef<Q> target, Function<ActorRef<R>, Q> message)
      throws Exception {
    CompletableFuture<R> f = AskPattern.ask(target, message::apply, Duration.ofSeconds(60), system.scheduler())
        .toCompletableFuture();
    vt.awaitIdle();
    return f.get(30, TimeUnit.SECONDS);
  }

  /**
   * Schedules the injections and clears whose time counts from PoS genesis ({@code slot S}, {@code epoch E}) when
   * {@code fromGenesis}, the others ({@code second T}) otherwise: in a merge scenario genesis is known only after the merge.
   */
  private static void scheduleFaults(Scenario sc, ActorSystem<?> system, VirtualTime vt, PosRecorder rec,
      ConsensusConfig config, FaultInjector faults, boolean fromGenesis) {
    for (Scenario.FaultSpec f : sc.faults()) {
      if (countsFromGenesis(f.at()) == fromGenesis) {
        at(system, vt, rec, config, f.at(), () -> faults.inject(f));
      }
      if (f.until() != null && countsFromGenesis(f.until()) == fromGenesis) {
        at(system, vt, rec, config, f.until(), () -> faults.clear(f));
      }
    }
  }

  private static boolean countsFromGenesis(Scenario.At at) {
    return at.kind() == Scenario.AtKind.SLOT || at.kind() == Scenario.AtKind.EPOCH;
  }

  private static void at(ActorSystem<?> system, VirtualTime vt, PosRecorder rec, ConsensusConfig config, Scenario.At at,
      Runnable action) {
    long when = switch (at.kind()) {
      case SECOND -> at.value() * 1000;
      case SLOT -> config.slotStartMillis(rec.genesisMillis(), at.value());
      case EPOCH -> config.slotStartMillis(rec.genesisMillis(), config.startSlot(at.value()));
      case HEIGHT -> throw new IllegalStateException("height times are for pow scenarios");
    };
    system.scheduler().scheduleOnce(Duration.ofMillis(Math.max(0, when - vt.clock().nowMillis())), action,
        system.executionContext());
  }

  /** Run-to-run figures for stdout (never in summary.json): attestations processed by all nodes, and peak heap. */
  public static String performanceLine(SimulationResult r) {
    Map<String, Object> summary = r.summary();
    long attestations = r.attestationsProcessed();
    long peak = 0;
    for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    double wall = ((Number) summary.get("wallSeconds")).doubleValue();
    return String.format("%s slots/s, %s attestations processed (%.0f per wall second), peak heap %d MiB",
        summary.get("slotsPerSecond") == null ? "-" : String.format("%.1f", ((Number) summary.get("slotsPerSecond")).doubleValue()),
        attestations, attestations / Math.max(0.001, wall), peak >> 20);
  }

  /** {@code finals}: the nodes up at the end; a node still down (crashed, never restarted) is listed as {@code down}. */
  private static SimulationResult summarize(Scenario sc, PosRecorder rec, SlashingLedger slashings,
      Map<Integer, PosCommand.PosStatus> finals, int nodeCount, List<String> names, long totalSlots,
      FaultOutcomes outcomes, Path out, double virtualSeconds, double wallSeconds) throws IOException {
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (int id = 0; id < nodeCount; id++) {
      PosCommand.PosStatus s = finals.get(id);
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("node", id);
      if (s == null) {
        n.put("down", true);
        nodes.add(n);
        continue;
      }
      n.put("headSlot", s.headSlot());
      n.put("headRoot", s.headRoot().toHex());
      n.put("justified", EpochsWriter.checkpoint(s.justified()));
      n.put("finalized", EpochsWriter.checkpoint(s.finalized()));
      nodes.add(n);
    }
    BeaconState state = finals.values().iterator().next().headState();
    Map<String, Integer> nodeOf = new TreeMap<>();
    sc.validators().forEach(v -> nodeOf.put(v.name(), v.node()));
    List<Map<String, Object>> validators = new ArrayList<>();
    for (int i = 0; i < state.validatorCount(); i++) {
      Validator v = state.validator(i);
      String name = i < names.size() ? names.get(i) : null;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("index", i);
      m.put("name", name);
      m.put("node", name == null ? null : nodeOf.get(name));
      m.put("balance", state.balance(i));
      m.put("effectiveBalance", v.effectiveBalance());
      m.put("slashed", v.slashed());
      m.put("exitEpoch", EpochsWriter.epochOrNull(v.exitEpoch()));
      validators.add(m);
    }
    List<Map<String, Object>> expectations = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Scenario.Expectation x : sc.expectations()) {
      String detail = check(x, finals, rec, validators, SlashingLedger.doubleSigners(sc.faults()));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("expect", x.text());
      m.put("passed", detail.isEmpty());
      m.put("detail", detail);
      expectations.add(m);
      if (!detail.isEmpty()) {
        failures.add(x.text() + ": " + detail);
      }
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("scenario", sc.name());
    s.put("seed", sc.seed());
    s.put("preset", sc.preset());
    s.put("consensus", sc.consensus().configName());
    s.put("slots", totalSlots);
    s.put("epochs", sc.stop().value());
    s.put("virtualSeconds", virtualSeconds);
    s.put("wallSeconds", wallSeconds);
    s.put("slotsPerSecond", wallSeconds <= 0 ? null : totalSlots / wallSeconds);
    s.put("nodes", nodes);
    s.put("validators", validators);
    s.put("slashings", slashings.summary(state, names));
    Map<String, Object> pow = new LinkedHashMap<>();
    pow.put("height", Math.max(0, sc.mergeAtHeight()));
    pow.put("orphans", 0);
    pow.put("reorgs", 0);
    s.put("pow", pow);
    s.put("faults", outcomes.summary());
    s.put("expectations", expectations);
    Map<String, Object> hashed = new LinkedHashMap<>();
    hashed.put("nodes", nodes);
    hashed.put("validators", validators);
    s.put("resultHash", Json.canonicalHash(hashed));
    Files.writeString(out.resolve("summary.json"), Json.pretty(s) + "\n");
    long attestations = finals.values().stream().mapToLong(PosCommand.PosStatus::attestationsProcessed).sum();
    return new SimulationResult(failures.isEmpty() ? 0 : 1, s, failures, virtualSeconds, wallSeconds, attestations);
  }

  private static String check(Scenario.Expectation x, Map<Integer, PosCommand.PosStatus> finals, PosRecorder rec,
      List<Map<String, Object>> validators, Set<String> doubleSigners) {
    switch (x.key()) {
      case "finalized-epoch-at-least" -> {
        long min = ((Number) x.value()).longValue();
        List<String> low = new ArrayList<>();
        finals.forEach((n, s) -> {
          if (s.finalized().epoch() < min) {
            low.add("node " + n + " finalized epoch " + s.finalized().epoch());
          }
        });
        return String.join(", ", low);
      }
      case "head-agreement" -> {
        Set<String> heads = new TreeSet<>();
        finals.values().forEach(s -> heads.add(s.headRoot().toHex()));
        boolean agree = heads.size() == 1;
        return agree == (Boolean) x.value() ? "" : finals.size() + " nodes on " + heads.size() + " heads";
      }
      case "no-conflicting-finality" -> {
        Map<Long, Set<String>> byEpoch = new TreeMap<>();
        rec.finalizedByNode().values().forEach(m -> m.forEach((e, r) -> byEpoch.computeIfAbsent(e, k -> new TreeSet<>()).add(r)));
        List<String> conflicts = new ArrayList<>();
        byEpoch.forEach((e, roots) -> {
          if (roots.size() > 1) {
            conflicts.add("epoch " + e + " finalized as " + roots.size() + " different roots");
          }
        });
        boolean none = conflicts.isEmpty();
        return none == (Boolean) x.value() ? "" : (none ? "no conflicting finality" : String.join("; ", conflicts));
      }
      case "slashed" -> {
        Set<String> want = new TreeSet<>();
        ((List<?>) x.value()).forEach(v -> want.add(String.valueOf(v)));
        Set<String> got = new TreeSet<>();
        validators.forEach(v -> {
          if (Boolean.TRUE.equals(v.get("slashed"))) {
            got.add(String.valueOf(v.get("name")));
          }
        });
        return want.equals(got) ? "" : "slashed " + got + ", expected " + want;
      }
      case "not-slashed-honest" -> {
        List<String> slashed = new ArrayList<>();
        validators.forEach(v -> {
          if (Boolean.TRUE.equals(v.get("slashed")) && !doubleSigners.contains(String.valueOf(v.get("name")))) {
            slashed.add(String.valueOf(v.get("name")));
          }
        });
        boolean none = slashed.isEmpty();
        return none == (Boolean) x.value() ? "" : none ? "no honest validator was slashed"
            : "honest validators slashed: " + slashed;
      }
      default -> throw new IllegalStateException("expectation " + x.key() + " has no check for pos");
    }
  }
}
