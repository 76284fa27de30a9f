package io.actorchain.node.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeSpec;
import io.actorchain.node.NodeStatus;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.config.ConfigLoader;
import io.actorchain.node.config.LinkSettings;
import io.actorchain.node.config.PowMode;
import io.actorchain.node.consensus.MinerSpec;
import io.actorchain.node.embedded.EmbeddedNetwork;
import io.actorchain.node.events.EventLog;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.time.SystemClock;
import io.actorchain.node.view.LiveView;
import io.actorchain.node.view.TxLoadActor;
import java.io.File;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code actorchain run}: an embedded network in one JVM, in real time, with a live terminal view. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run an embedded network of nodes and miners in this JVM, in real time, with a live view.")
public final class RunCommand implements java.util.concurrent.Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--nodes", defaultValue = "4", description = "Number of nodes (default ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--miners", defaultValue = "4", description = "Number of miners, spread round-robin over the nodes (default ${DEFAULT-VALUE}).")
  int miners;

  @Option(names = "--pow", paramLabel = "MODE", description = "real (SHA-256d nonce search) or simulated (block times drawn from hashrate); default from cluster.hocon pow.mode.")
  String pow;

  @Option(names = "--block-time", paramLabel = "DURATION", description = "Target block time, e.g. 2s (default from cluster.hocon).")
  String blockTime;

  @Option(names = "--slot", paramLabel = "DURATION", description = "Slot duration for proof of stake, e.g. 1s (used once PoS is enabled).")
  String slot;

  @Option(names = "--hashrate", paramLabel = "H/S", description = "Per-miner hashrate: drawn from in simulated mode, a cap in real mode (0 = uncapped).")
  Long hashrate;

  @Option(names = "--latency", paramLabel = "DURATION", defaultValue = "20ms", description = "Link latency mean (default ${DEFAULT-VALUE}).")
  String latency;

  @Option(names = "--jitter", paramLabel = "DURATION", defaultValue = "10ms", description = "Link latency jitter (default ${DEFAULT-VALUE}).")
  String jitter;

  @Option(names = "--tx-rate", defaultValue = "2", description = "Transfers per second sent between the genesis accounts (default ${DEFAULT-VALUE}; 0 = none).")
  double txRate;

  @Option(names = "--stop-after", paramLabel = "DURATION", description = "Stop after this long, e.g. 30s (default: run until Ctrl-C).")
  String stopAfter;

  @Option(names = "--no-view", description = "No live view: print a status line now and then.")
  boolean noView;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the miners' and links' random generators (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--config", paramLabel = "FILE", description = "cluster.hocon to read (default: the repository's).")
  File config;

  @Override
  public Integer call() throws Exception {
    if (nodes < 1 || nodes > 64) {
      throw new UserError("--nodes: must be between 1 and 64, got " + nodes);
    }
    if (miners < 0) {
      throw new UserError("--miners: must not be negative, got " + miners);
    }
    List<String> overrides = new ArrayList<>();
    overrides.add("pekko.actor.provider = local");
    if (pow != null) {
      PowMode.parse("--pow", pow);
      overrides.add("actorchain.pow.mode = " + pow);
    }
    if (blockTime != null) {
      overrides.add("actorchain.pow.block-time = " + quoted(blockTime));
    }
    if (hashrate != null) {
      overrides.add("actorchain.pow.miner-hashrate = " + hashrate);
    }
    overrides.add("actorchain.network.latency.mean = " + quoted(latency));
    overrides.add("actorchain.network.latency.jitter = " + quoted(jitter));
    Config cfg = ConfigLoader.load(config, ConfigFactory.parseString(String.join("\n", overrides)));
    ChainSettings settings = ChainSettings.fromConfig(cfg);
    Duration stop = stopAfter == null ? null : parseDuration("--stop-after", stopAfter);
    if (slot != null) {
      parseDuration("--slot", slot);
    }
    LinkSettings link = settings.link();
    List<NodeSpec> specs = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      List<MinerSpec> hosted = new ArrayList<>();
      for (int m = i; m < miners; m += nodes) {
        hosted.add(new MinerSpec("miner-" + m, settings.minerHashrate()));
      }
      specs.add(new NodeSpec(i, hosted, List.of(), null));
    }
    PrintStream out = System.out;
    boolean tty = System.console() != null && !noView;
    EventLog.Recent recent = new EventLog.Recent(200);
    Map<String, AtomicLong> minedBy = new TreeMap<>();
    Consumer<NodeEvent> counter = e -> {
      if (e.type().equals("pow_block_mined")) {
        synchronized (minedBy) {
          minedBy.computeIfAbsent((String) e.fields().get("miner"), k -> new AtomicLong()).incrementAndGet();
        }
      }
    };
    AtomicReference<ActorRef<LiveView.Command>> view = new AtomicReference<>();
    CompletableFuture<ActorRef<EmbeddedNetwork.Command>> network = new CompletableFuture<>();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.<Void>setup(ctx -> {
      ActorRef<NodeEvent> log = ctx.spawn(EventLog.create(List.of(recent, counter)), "events");
      network.complete(ctx.spawn(
          EmbeddedNetwork.create(settings.withLink(link), specs, SystemClock.INSTANCE, log, seed), "network"));
      return Behaviors.empty();
    }), "actorchain", cfg);
    try {
      EmbeddedNetwork.Nodes found = AskPattern.<EmbeddedNetwork.Command, EmbeddedNetwork.Nodes>ask(
          network.get(10, TimeUnit.SECONDS), EmbeddedNetwork.GetNodes::new, Duration.ofSeconds(5), system.scheduler())
          .toCompletableFuture().get();
      List<ActorRef<NodeGuardian.Command>> refs = new ArrayList<>(found.nodes().values());
      NodeGuardian.Parts parts = AskPattern.<NodeGuardian.Command, NodeGuardian.Parts>ask(refs.get(0),
          NodeGuardian.GetParts::new, Duration.ofSeconds(5), system.scheduler()).toCompletableFuture().get();
      system.systemActorOf(TxLoadActor.create(settings, refs, parts.chain(), txRate, seed), "tx-load",
          org.apache.pekko.actor.typed.Props.empty());
      view.set(system.systemActorOf(LiveView.create(refs, recent, SystemClock.INSTANCE, out, tty, Duration.ofMillis(500)),
          "view", org.apache.pekko.actor.typed.Props.empty()));
      out.printf("ActorChain: %d nodes, %d %s miners, block time %d ms%s%n", nodes, miners, settings.powMode().configName(),
          settings.pow().blockTimeMillis(), stop == null ? " (Ctrl-C to stop)" : ", stopping after " + stop.toSeconds() + " s");
      Thread hook = new Thread(() -> printSummary(out, system, view.get(), minedBy));
      Runtime.getRuntime().addShutdownHook(hook);
      CompletableFuture<?> terminated = system.getWhenTerminated().toCompletableFuture();
      try {
        if (stop == null) {
          terminated.get();
        } else {
          terminated.get(stop.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (TimeoutException expected) {
        Runtime.getRuntime().removeShutdownHook(hook);
        printSummary(out, system, view.get(), minedBy);
      }
      return 0;
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static void printSummary(PrintStream out, ActorSystem<Void> system, ActorRef<LiveView.Command> view,
      Map<String, AtomicLong> minedBy) {
    try {
      Map<Integer, NodeStatus> statuses = AskPattern.<LiveView.Command, Map<Integer, NodeStatus>>ask(view,
          LiveView.Snapshot::new, Duration.ofSeconds(3), system.scheduler()).toCompletableFuture().get(5, TimeUnit.SECONDS);
      out.println();
      out.println("summary");
      out.print(LiveView.table(statuses));
      synchronized (minedBy) {
        minedBy.forEach((miner, n) -> out.printf("  %s mined %d blocks%n", miner, n.get()));
      }
      long distinct = statuses.values().stream().map(NodeStatus::headHash).distinct().count();
      out.printf("%s%n", distinct == 1 ? "all nodes agree on the head" : distinct + " different heads (blocks in flight)");
      out.flush();
    } catch (Exception e) {
      out.println("summary unavailable: " + e.getMessage());
    }
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\"", "") + "\"";
  }

  static Duration parseDuration(String flag, String text) {
    try {
      return ConfigFactory.parseString("d = " + quoted(text)).getDuration("d");
    } catch (RuntimeException e) {
      throw new UserError(flag + ": must be a duration such as 30s or 500ms, got '" + text + "'");
    }
  }
}
