package io.actorchain.node.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeSpec;
import io.actorchain.node.NodeStatus;
import io.actorchain.core.pos.ConsensusConfig;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.config.Coins;
import io.actorchain.node.config.ConfigLoader;
import io.actorchain.node.config.PowMode;
import io.actorchain.node.chain.MempoolActor;
import io.actorchain.node.consensus.ConsensusSupervisor;
import io.actorchain.node.consensus.MinerSpec;
import io.actorchain.node.embedded.EmbeddedNetwork;
import io.actorchain.node.events.EventLog;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.time.SystemClock;
import io.actorchain.node.view.Frame;
import io.actorchain.node.view.LiveView;
import io.actorchain.node.view.RunInfo;
import io.actorchain.node.view.RunScreen;
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
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code actorchain run}: an embedded network in one JVM, in real time, with a live terminal view. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run an embedded network of nodes, miners and validators in this JVM, in real time, with a live view.",
        "By default 4 nodes mine proof of work with 4 miners (1 s blocks) and merge at height 16 into proof of stake "
            + "with 16 validators of 32 coins each."})
public final class RunCommand implements java.util.concurrent.Callable<Integer> {
  @Spec
  CommandSpec spec;

  /** How the run's chain produces blocks (CONSENSUS.md §3–§5). */
  enum Consensus { POW, POS, MERGE }

  /** PoW block time when merging and no --block-time is given: brisk, so the merge comes within seconds. */
  static final String MERGE_BLOCK_TIME = "1s";

  @Option(names = "--consensus", paramLabel = "pow|pos|merge", defaultValue = "merge",
      description = "pow: proof of work only; pos: proof of stake from the start; merge: proof of work, then the merge "
          + "at --merge-at into proof of stake (default ${DEFAULT-VALUE}).")
  String consensus;

  @Option(names = "--nodes", defaultValue = "4", description = "Number of nodes (default ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--miners", defaultValue = "4",
      description = "Number of miners, spread round-robin over the nodes (default ${DEFAULT-VALUE}; none with --consensus pos).")
  int miners;

  @Option(names = "--validators", defaultValue = "16",
      description = "Number of genesis validators v0, v1, …, spread round-robin over the nodes (default ${DEFAULT-VALUE}; pos and merge).")
  int validators;

  @Option(names = "--stake", paramLabel = "COINS", defaultValue = "32",
      description = "Each validator's stake in coins (default ${DEFAULT-VALUE}; pos and merge).")
  String stake;

  @Option(names = "--merge-at", paramLabel = "HEIGHT", defaultValue = "16",
      description = "The PoW height whose block becomes the terminal block (default ${DEFAULT-VALUE}; merge).")
  long mergeAt;

  @Option(names = "--preset", paramLabel = "minimal|mainnet|tutorial",
      description = "Consensus constants (CONSENSUS.md §1; default from cluster.hocon consensus.preset).")
  String preset;

  @Option(names = "--pow", paramLabel = "MODE", description = "real (SHA-256d nonce search) or simulated (block times drawn from hashrate); default from cluster.hocon pow.mode.")
  String pow;

  @Option(names = "--block-time", paramLabel = "DURATION",
      description = "Target PoW block time, e.g. 2s (default " + MERGE_BLOCK_TIME + " when merging, else from cluster.hocon).")
  String blockTime;

  @Option(names = "--slot", paramLabel = "DURATION",
      description = "PoS slot duration, SECONDS_PER_SLOT, in whole seconds, e.g. 1s (default from the preset).")
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
    // Start logging on this thread first: SLF4J otherwise warns on stderr when Pekko's threads race to start it.
    LoggerFactory.getILoggerFactory();
    Consensus mode = parseConsensus();
    checkCounts(mode);
    List<String> overrides = configOverrides(mode);
    Config cfg = ConfigLoader.load(config, ConfigFactory.parseString(String.join("\n", overrides)));
    ChainSettings settings = withConsensus(ChainSettings.fromConfig(cfg), mode);
    Duration stop = stopAfter == null ? null : parseDuration("--stop-after", stopAfter);
    List<RunInfo.Seat> seats = new ArrayList<>();
    for (int v = 0; mode != Consensus.POW && v < validators; v++) {
      seats.add(new RunInfo.Seat("v" + v, v % nodes));
    }
    List<NodeSpec> specs = nodeSpecs(mode, settings, seats);
    RunInfo info = new RunInfo(consensusName(mode), settings.consensus().mergeAtHeight(), settings.consensus().config(),
        seats);
    PrintStream out = System.out;
    boolean tty = !noView && isTerminal();
    EventLog.Recent recent = new EventLog.Recent(200);
    Map<String, AtomicLong> minedBy = new TreeMap<>();
    Consumer<NodeEvent> counter = e -> {
      if (e.type().equals("pow_block_mined")) {
        synchronized (minedBy) {
          minedBy.computeIfAbsent((String) e.fields().get("miner"), k -> new AtomicLong()).incrementAndGet();
        }
      }
    };
    // CONSENSUS.md §4: slot 0 starts 2 slots after the terminal block. Straight PoS (and a merge at height 0) starts
    // from the PoW genesis block, so in real time its timestamp must be now; every node of this JVM shares it.
    ChainSettings network = mode == Consensus.POW ? settings : settings.withGenesisTimestamp(SystemClock.INSTANCE.nowMillis());
    AtomicReference<ActorRef<LiveView.Command>> view = new AtomicReference<>();
    CompletableFuture<ActorRef<EmbeddedNetwork.Command>> started = new CompletableFuture<>();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.<Void>setup(ctx -> {
      ActorRef<NodeEvent> log = ctx.spawn(EventLog.create(List.of(recent, counter)), "events");
      started.complete(ctx.spawn(EmbeddedNetwork.create(network, specs, SystemClock.INSTANCE, log, seed), "network"));
      return Behaviors.empty();
    }), "actorchain", cfg);
    try {
      EmbeddedNetwork.Nodes found = AskPattern.<EmbeddedNetwork.Command, EmbeddedNetwork.Nodes>ask(
          started.get(10, TimeUnit.SECONDS), EmbeddedNetwork.GetNodes::new, Duration.ofSeconds(5), system.scheduler())
          .toCompletableFuture().get();
      List<ActorRef<NodeGuardian.Command>> refs = new ArrayList<>(found.nodes().values());
      List<NodeGuardian.Parts> allParts = new ArrayList<>();
      for (ActorRef<NodeGuardian.Command> node : refs) {
        allParts.add(started(system, node));
      }
      if (mode == Consensus.POS) {
        refs.forEach(n -> n.tell(NodeGuardian.StartPos.INSTANCE));
      }
      NodeGuardian.Parts parts = allParts.get(0);
      system.systemActorOf(TxLoadActor.create(settings, refs, parts.chain(), txRate, seed), "tx-load",
          org.apache.pekko.actor.typed.Props.empty());
      view.set(system.systemActorOf(LiveView.create(refs, parts.chain(), info, recent, SystemClock.INSTANCE, out, tty,
          Duration.ofMillis(500)), "view", org.apache.pekko.actor.typed.Props.empty()));
      out.println(banner(mode, settings, seats.size(), stop));
      Thread hook = new Thread(() -> printSummary(out, system, view.get(), info, minedBy));
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
        printSummary(out, system, view.get(), info, minedBy);
      }
      return 0;
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private void checkCounts(Consensus mode) {
    if (nodes < 1 || nodes > 64) {
      throw new UserError("--nodes: must be between 1 and 64, got " + nodes);
    }
    if (miners < 0) {
      throw new UserError("--miners: must not be negative, got " + miners);
    }
    if (mode == Consensus.MERGE && miners == 0) {
      throw new UserError("--miners: the merge needs at least one miner to reach height " + mergeAt);
    }
    if (mode != Consensus.POW && validators < 1) {
      throw new UserError("--validators: must be at least 1 for --consensus " + consensus + ", got " + validators);
    }
    if (mode == Consensus.MERGE && mergeAt < 0) {
      throw new UserError("--merge-at: must not be negative, got " + mergeAt);
    }
  }

  /** The flags that are plain cluster.hocon keys, as HOCON lines over the file. */
  private List<String> configOverrides(Consensus mode) {
    List<String> overrides = new ArrayList<>();
    overrides.add("pekko.actor.provider = local");
    if (pow != null) {
      PowMode.parse("--pow", pow);
      overrides.add("actorchain.pow.mode = " + pow);
    }
    if (blockTime != null) {
      parseDuration("--block-time", blockTime);
      overrides.add("actorchain.pow.block-time = " + quoted(blockTime));
    } else if (mode == Consensus.MERGE) {
      overrides.add("actorchain.pow.block-time = " + MERGE_BLOCK_TIME);
    }
    if (preset != null) {
      checkPreset(preset);
      overrides.add("actorchain.consensus.preset = " + quoted(preset));
    }
    if (hashrate != null) {
      overrides.add("actorchain.pow.miner-hashrate = " + hashrate);
    }
    overrides.add("actorchain.network.latency.mean = " + quoted(latency));
    overrides.add("actorchain.network.latency.jitter = " + quoted(jitter));
    return overrides;
  }

  /** Miners (none for straight PoS) and validators, each spread round-robin over the nodes; a full mesh. */
  private List<NodeSpec> nodeSpecs(Consensus mode, ChainSettings settings, List<RunInfo.Seat> seats) {
    List<NodeSpec> specs = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      List<MinerSpec> hosted = new ArrayList<>();
      for (int m = i; mode != Consensus.POS && m < miners; m += nodes) {
        hosted.add(new MinerSpec("miner-" + m, settings.minerHashrate()));
      }
      int node = i;
      List<String> names = seats.stream().filter(s -> s.node() == node).map(RunInfo.Seat::name).toList();
      specs.add(new NodeSpec(i, hosted, names, null));
    }
    return specs;
  }

  /**
   * The node's parts once its consensus supervisor and mempool have started: both subscribe to the chain as they
   * start, so a StartPos told after this reaches the chain behind their subscriptions and they hear the Merged event.
   */
  private static NodeGuardian.Parts started(ActorSystem<Void> system, ActorRef<NodeGuardian.Command> node)
      throws Exception {
    Duration timeout = Duration.ofSeconds(5);
    NodeGuardian.Parts parts = AskPattern.<NodeGuardian.Command, NodeGuardian.Parts>ask(node,
        NodeGuardian.GetParts::new, timeout, system.scheduler()).toCompletableFuture().get();
    AskPattern.<ConsensusSupervisor.Command, ConsensusSupervisor.MinerStats>ask(parts.consensus(),
        ConsensusSupervisor.GetMinerStats::new, timeout, system.scheduler()).toCompletableFuture().get();
    AskPattern.<MempoolActor.Command, Integer>ask(parts.mempool(), MempoolActor.GetSize::new, timeout,
        system.scheduler()).toCompletableFuture().get();
    return parts;
  }

  /**
   * True when stdout is a terminal. From JDK 22 on, {@code System.console()} is non-null even when redirected, and
   * {@code Console.isTerminal()} tells; on 17 to 21 that method does not exist and a non-null console is a terminal.
   */
  static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  private Consensus parseConsensus() {
    return switch (consensus) {
      case "pow" -> Consensus.POW;
      case "pos" -> Consensus.POS;
      case "merge" -> Consensus.MERGE;
      default -> throw new UserError("--consensus: must be pow, pos or merge, got '" + consensus + "'");
    };
  }

  private static String consensusName(Consensus mode) {
    return mode.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static void checkPreset(String name) {
    try {
      ConsensusConfig.preset(name);
    } catch (IllegalArgumentException e) {
      throw new UserError("--preset: " + e.getMessage());
    }
  }

  /** The validators, the slot length and the merge height of the flags, over the settings of cluster.hocon. */
  private ChainSettings withConsensus(ChainSettings settings, Consensus mode) {
    ConsensusConfig constants = settings.consensus().config();
    if (slot != null) {
      Duration d = parseDuration("--slot", slot);
      if (d.toMillis() < 1000 || d.toMillis() % 1000 != 0) {
        throw new UserError("--slot: must be a whole number of seconds, at least 1s, got '" + slot + "'");
      }
      constants = constants.with("SECONDS_PER_SLOT", d.toSeconds());
    }
    if (mode == Consensus.POW) {
      return settings.withConsensus(settings.consensus().withConfig(constants).withMergeAt(-1));
    }
    long stakeGwei = Coins.toGwei("--stake", stake);
    if (stakeGwei < constants.effectiveBalanceIncrement()) {
      throw new UserError("--stake: must be at least " + RunScreen.coins(constants.effectiveBalanceIncrement())
          + " coins (EFFECTIVE_BALANCE_INCREMENT), got " + stake);
    }
    List<ChainSettings.NamedAmount> named = new ArrayList<>();
    for (int v = 0; v < validators; v++) {
      named.add(new ChainSettings.NamedAmount("v" + v, stakeGwei));
    }
    long at = mode == Consensus.MERGE ? mergeAt : -1;
    return settings.withValidators(named)
        .withConsensus(settings.consensus().withConfig(constants).withMergeAt(at));
  }

  private String banner(Consensus mode, ChainSettings settings, int validatorCount, Duration stop) {
    ConsensusConfig c = settings.consensus().config();
    String pos = String.format("%d validators of %s coins, %s preset (%d s slots, %d-slot epochs)", validatorCount,
        stake, c.preset(), c.secondsPerSlot(), c.slotsPerEpoch());
    String powPart = String.format("%d %s miners, block time %d ms", miners, settings.powMode().configName(),
        settings.pow().blockTimeMillis());
    String what = switch (mode) {
      case POW -> powPart;
      case POS -> "proof of stake from genesis, " + pos;
      case MERGE -> powPart + ", merge at height " + mergeAt + " into proof of stake: " + pos;
    };
    return String.format("ActorChain: %d nodes, %s%s", nodes, what,
        stop == null ? " (Ctrl-C to stop)" : ", stopping after " + stop.toSeconds() + " s");
  }

  private static void printSummary(PrintStream out, ActorSystem<Void> system, ActorRef<LiveView.Command> view,
      RunInfo info, Map<String, AtomicLong> minedBy) {
    try {
      Frame frame = AskPattern.<LiveView.Command, Frame>ask(view, LiveView.Finish::new, Duration.ofSeconds(3),
          system.scheduler()).toCompletableFuture().get(5, TimeUnit.SECONDS);
      out.println();
      out.println("summary");
      out.print(RunScreen.summary(info, frame));
      synchronized (minedBy) {
        minedBy.forEach((miner, n) -> out.printf("  %s mined %d blocks%n", miner, n.get()));
      }
      long distinct = frame.statuses().values().stream().map(NodeStatus::headHash).distinct().count();
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
