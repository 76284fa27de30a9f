package io.actorchain.node.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.cluster.ClusterNode;
import io.actorchain.node.cluster.NodeConfig;
import io.actorchain.node.cluster.NodeConfig.HostPort;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.config.ConfigLoader;
import io.actorchain.node.config.SettingsException;
import io.actorchain.node.http.NodeApi;
import io.actorchain.node.net.GenesisCheck;
import io.actorchain.node.store.NodeStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code actorchain node}: one cluster member process hosting one node (ARCHITECTURE.md, "Cluster").
 * It joins the cluster through the seed nodes, serves the node's HTTP API on loopback, prints one
 * line when the member is Up, and runs until SIGTERM, when CoordinatedShutdown leaves the cluster.
 * A genesis mismatch with a peer stops the younger process with exit code 2 and one line naming it.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Run one node as a member of a Pekko cluster (one process, one node).",
      "Prints 'node <id> up: artery HOST:PORT, http URL' once the member is Up; SIGTERM leaves the cluster gracefully.",
      "Every process of one cluster must give the same --stake, --genesis-time, --merge-at and --pos/--pow:"
          + " a process whose genesis differs from the cluster's exits with code 2, naming the difference."
    })
public final class NodeCommand implements Callable<Integer> {
  /** Node ids follow the Artery port from here: 25520 is node 0, 25521 node 1, ... */
  public static final int BASE_PORT = 25520;
  public static final int DERIVED_ID_RANGE = 1000;
  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
  static final Duration TERMINATE_TIMEOUT = Duration.ofSeconds(30);
  static final String HOSTNAME = "127.0.0.1";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + BASE_PORT,
      description = "Artery TCP port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port, then --id is required).")
  int port;

  @Option(names = "--seed-node", paramLabel = "HOST:PORT",
      description = "A seed node to join through; repeatable (default: pekko.cluster.seed-nodes of the config).")
  List<String> seedNodes = new ArrayList<>();

  @CommandLine.ArgGroup(exclusive = true)
  Engine engine = new Engine();

  static final class Engine {
    @Option(names = "--pow", description = "Proof of work (the default).")
    boolean pow;

    @Option(names = "--pos", description = "Proof of stake from the start: the PoW genesis block anchors the PoS chain"
        + " (CONSENSUS.md §4). Needs --genesis-time and genesis validators (--stake or the config).")
    boolean pos;
  }

  @CommandLine.Mixin
  GenesisOptions genesis = new GenesisOptions();

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = {"The node's data directory, created if missing (default: ./data/node-<id>): its block store and"
          + " slashing-protection database (RocksDB) and node.json.",
          "A node restarted with the same directory reloads its chain and its validators' records (after kill -9"
              + " too); a directory made under another genesis is refused."})
  Path dataDir;

  @Option(names = "--http-port", paramLabel = "PORT",
      description = "HTTP API port on actorchain.node.http-host (default: actorchain.node.http-port; 0 = any free port).")
  Integer httpPort;

  @Option(names = "--id", paramLabel = "N",
      description = "Node id (default: PORT - " + BASE_PORT + " for ports " + BASE_PORT + ".." + (BASE_PORT + DERIVED_ID_RANGE - 1)
          + ", so 25521 is node 1; otherwise PORT itself).")
  Integer id;

  @Option(names = "--config", paramLabel = "FILE",
      description = "The cluster configuration (default: the file named by -Dactorchain.config, else cluster.hocon on the classpath).")
  Path configFile;

  @Option(names = "--join-timeout", paramLabel = "DURATION",
      description = "How long to wait to become Up through the seed nodes, e.g. 20s (default: actorchain.node.join-timeout).")
  String joinTimeout;

  @Override
  public Integer call() throws Exception {
    // Start logging on this thread first: SLF4J otherwise warns on stderr when Pekko's threads race to start it.
    LoggerFactory.getILoggerFactory();
    if (genesis.listValidators) {
      GenesisOptions.describe(genesis.apply(ChainSettings.fromConfig(ConfigLoader.load(configFile == null ? null : configFile.toFile())), false))
          .forEach(spec.commandLine().getOut()::println);
      spec.commandLine().getOut().flush();
      return 0;
    }
    checkPort("--port", port, true);
    if (httpPort != null) {
      checkPort("--http-port", httpPort, true);
    }
    int nodeId = nodeId();
    Config base = ConfigLoader.load(configFile == null ? null : configFile.toFile());
    List<HostPort> seeds = seeds(base);
    int http = httpPort != null ? httpPort : intSetting(base, "actorchain.node.http-port");
    Config config = NodeConfig.forNode(base, HOSTNAME, port, seeds, http);
    ChainSettings settings = genesis.apply(ChainSettings.fromConfig(config), engine.pos);
    List<String> hosted = genesis.hosted(settings);
    Duration timeout = joinTimeout != null ? parseDuration("--join-timeout", joinTimeout)
        : durationSetting(config, "actorchain.node.join-timeout");
    String httpHost = config.getString("actorchain.node.http-host");
    Path dir = dataDir != null ? dataDir : Path.of("data", "node-" + nodeId);
    createDataDir(dir);

    checkFree("port " + port, HOSTNAME, port, "pick a free Artery port with --port");
    if (http != 0) {
      checkFree("http port " + http, httpHost, http, "pick another with --http-port (0 = any free port)");
    }
    try (NodeStores stores = openStores(dir, settings, engine.pos)) {
      return run(nodeId, settings, hosted, config, stores, dir, seeds, httpHost, http, timeout);
    }
  }

  /**
   * The node's stores under {@code dir}, bound to this genesis: a StoreException (one line, exit code 2) if the dir is
   * locked by another process, unusable, or made under another genesis.
   */
  static NodeStores openStores(Path dir, ChainSettings settings, boolean pos) {
    NodeStores stores = NodeStores.open(dir);
    try {
      stores.chain().requireGenesis(GenesisCheck.dataDirDigest(settings, pos));
      return stores;
    } catch (RuntimeException e) {
      stores.close();
      throw e;
    }
  }

  /** Runs the node until its actor system terminates; the caller closes {@code stores} after that. */
  private int run(int nodeId, ChainSettings settings, List<String> hosted, Config config, NodeStores stores, Path dir,
      List<HostPort> seeds, String httpHost, int http, Duration timeout) {
    QuietJoin quiet = QuietJoin.start();
    ActorSystem<ClusterNode.Command> system;
    try {
      system = startSystem(nodeId, settings, hosted, config, stores);
    } catch (RuntimeException e) {
      quiet.close();
      throw e;
    }
    try {
      CompletableFuture<Void> up = new CompletableFuture<>();
      Cluster.get(Adapter.toClassic(system)).registerOnMemberUp(() -> up.complete(null));
      ClusterNode.Parts parts = await(AskPattern.ask(system, ClusterNode.GetParts::new, STARTUP_TIMEOUT,
          system.scheduler()).toCompletableFuture(), "the node did not start");
      int boundHttp = bindHttp(system, parts, settings, httpHost, http);
      parts.guardian().tell(new NodeGuardian.HttpBound(boundHttp));
      int boundArtery = system.address().getPort().orElse(port);
      NodeInfo.write(dir, nodeId, HOSTNAME, boundArtery, httpHost, boundHttp, seeds);
      awaitUp(system, up, seeds, timeout);
      quiet.close();
      quietOnShutdown(system);
      spec.commandLine().getOut().printf("node %d up: artery %s:%d, http http://%s:%d%n", nodeId, HOSTNAME,
          boundArtery, httpHost, boundHttp);
      spec.commandLine().getOut().flush();
    } catch (RuntimeException | Error e) {
      terminate(system);
      quiet.close();
      throw e;
    }
    system.getWhenTerminated().toCompletableFuture().join();
    return exitCode(nodeId, dir, CoordinatedShutdown.get(system).getShutdownReason());
  }

  /**
   * 0 after SIGTERM or a requested leave; 2 with the difference after a genesis mismatch; 1, with the reason, when the
   * cluster or the node itself ended the process.
   */
  private int exitCode(int nodeId, Path dir, Optional<CoordinatedShutdown.Reason> reason) {
    if (reason.isPresent() && reason.get() instanceof ClusterNode.GenesisMismatchReason mismatch) {
      spec.commandLine().getErr().println("actorchain: " + mismatch.line());
      spec.commandLine().getErr().flush();
      return ActorChainCli.EXIT_BAD_INPUT;
    }
    if (reason.isPresent() && reason.get() instanceof ClusterNode.CrashedReason crashed) {
      spec.commandLine().getErr().println("actorchain: " + crashed.line() + "; start it again with the same flags"
          + " (scripts/cluster restart " + nodeId + ") and it resumes from " + dir);
      spec.commandLine().getErr().flush();
      return 1;
    }
    if (reason.isEmpty() || reason.get() == CoordinatedShutdown.jvmExitReason()
        || reason.get() == CoordinatedShutdown.clusterLeavingReason()
        || reason.get() == CoordinatedShutdown.actorSystemTerminateReason()) {
      return 0;
    }
    spec.commandLine().getErr().println("actorchain: node " + nodeId + " stopped: " + describe(reason.get()));
    spec.commandLine().getErr().flush();
    return 1;
  }

  private static String describe(CoordinatedShutdown.Reason reason) {
    if (reason == CoordinatedShutdown.clusterDowningReason()) {
      return "the cluster downed this member (unreachable or on the minority side of a partition); see its log";
    }
    if (reason == ClusterNode.NodeStopped.INSTANCE) {
      return "its node stopped; see its log";
    }
    return String.valueOf(reason);
  }

  private int nodeId() {
    if (id != null) {
      if (id < 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--id must be ≥ 0, got " + id);
      }
      return id;
    }
    if (port == 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--id is required with --port 0");
    }
    return port >= BASE_PORT && port < BASE_PORT + DERIVED_ID_RANGE ? port - BASE_PORT : port;
  }

  private void checkPort(String flag, int value, boolean zeroAllowed) {
    if (value < (zeroAllowed ? 0 : 1) || value > 65535) {
      throw new CommandLine.ParameterException(spec.commandLine(), flag + " must be in 0..65535, got " + value);
    }
  }

  private List<HostPort> seeds(Config base) {
    List<HostPort> out = new ArrayList<>();
    if (seedNodes.isEmpty()) {
      out.addAll(NodeConfig.seedNodes(base));
    } else {
      for (String s : seedNodes) {
        out.add(NodeConfig.parseHostPort("--seed-node", s));
      }
    }
    if (out.isEmpty()) {
      throw new UserError("no seed nodes: pass --seed-node HOST:PORT or set pekko.cluster.seed-nodes");
    }
    return out;
  }

  private static int intSetting(Config config, String key) {
    try {
      return config.getInt(key);
    } catch (ConfigException e) {
      throw new SettingsException(key, "must be a port number (0 = any free port)");
    }
  }

  private static Duration durationSetting(Config config, String key) {
    try {
      return config.getDuration(key);
    } catch (ConfigException e) {
      throw new SettingsException(key, "must be a duration such as 20s");
    }
  }

  static Duration parseDuration(String flag, String text) {
    try {
      Duration d = ConfigFactory.parseString("d = \"" + text.replace("\"", "") + "\"").getDuration("d");
      if (d.isNegative() || d.isZero()) {
        throw new SettingsException(flag, "must be positive, got " + text);
      }
      return d;
    } catch (ConfigException e) {
      throw new SettingsException(flag, "must be a duration such as 500ms or 20s, got '" + text + "'");
    }
  }

  private static void createDataDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UserError("cannot create the data directory " + dir + ": " + e);
    }
  }

  /** Fails in one line before Pekko tries (and logs a stack trace) when the port is taken. */
  private static void checkFree(String what, String host, int port, String fix) {
    if (!PortErrors.isFree(host, port)) {
      throw new UserError(what + " already in use on " + host + ": " + fix);
    }
  }

  private ActorSystem<ClusterNode.Command> startSystem(int nodeId, ChainSettings settings, List<String> hosted,
      Config config, NodeStores stores) {
    try {
      return ActorSystem.create(ClusterNode.create(nodeId, settings, hosted, engine.pos, stores), NodeConfig.SYSTEM_NAME,
          config);
    } catch (RuntimeException e) {
      if (PortErrors.isBindFailure(e)) {
        throw new UserError("port " + port + " already in use on " + HOSTNAME + ": pick a free Artery port with --port");
      }
      throw e;
    }
  }

  private static int bindHttp(ActorSystem<?> system, ClusterNode.Parts parts, ChainSettings settings, String host,
      int httpPort) {
    NodeApi api = new NodeApi(system, parts, settings);
    try {
      ServerBinding binding = api.bind(host, httpPort).toCompletableFuture()
          .get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return binding.localAddress().getPort();
    } catch (ExecutionException e) {
      if (PortErrors.isBindFailure(e)) {
        throw new UserError("http port " + httpPort + " already in use on " + host
            + ": pick another with --http-port (0 = any free port)");
      }
      throw new UserError("cannot serve HTTP on " + host + ":" + httpPort + ": " + e.getCause());
    } catch (TimeoutException e) {
      throw new UserError("cannot serve HTTP on " + host + ":" + httpPort + ": no binding within " + STARTUP_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while binding HTTP");
    }
  }

  private static void awaitUp(ActorSystem<?> system, CompletableFuture<Void> up, List<HostPort> seeds,
      Duration timeout) {
    CompletableFuture<Object> terminated = system.getWhenTerminated().toCompletableFuture().thenApply(d -> "stopped");
    Object outcome;
    try {
      outcome = CompletableFuture.anyOf(up, terminated).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new UserError("cannot join the cluster: no seed node reachable at " + joinList(seeds) + " within "
          + PortErrors.describe(timeout));
    } catch (ExecutionException e) {
      throw new UserError("cannot join the cluster: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while joining the cluster");
    }
    if ("stopped".equals(outcome)) {
      if (CoordinatedShutdown.get(system).getShutdownReason().orElse(null)
          instanceof ClusterNode.GenesisMismatchReason mismatch) {
        throw new UserError(mismatch.line());
      }
      throw new UserError("the node stopped before it joined the cluster (see its log)");
    }
  }

  private static String joinList(List<HostPort> seeds) {
    List<String> s = new ArrayList<>();
    seeds.forEach(h -> s.add(h.toString()));
    return String.join(", ", s);
  }

  private static <T> T await(CompletableFuture<T> f, String what) {
    try {
      return f.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new UserError(what + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError(what + ": interrupted");
    }
  }

  /** Once the node leaves, its peers' connections closing are expected, not warnings. */
  private static void quietOnShutdown(ActorSystem<?> system) {
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeClusterShutdown(), "quiet-connection-logs",
        () -> {
          QuietJoin.start();
          return CompletableFuture.completedFuture(Done.getInstance());
        });
  }

  private static void terminate(ActorSystem<?> system) {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(TERMINATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Best effort: the process is exiting with an error anyway.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
