package io.actorchain.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real three-process cluster started by {@code scripts/cluster up 3} on free loopback ports in a
 * temporary run dir: a transaction sent with {@code scripts/actorchain tx send} reaches every node
 * and is mined, the three agree on one head, and after {@code scripts/cluster kill 2} the other two
 * keep mining while {@code status --json} shows node 2 gone with no head. Every wait is bounded.
 */
@Tag("multi-process")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiProcessClusterTest {
  static final Path ROOT = Path.of(System.getProperty("actorchain.root", "..")).toAbsolutePath().normalize();
  static final int NODES = 3;
  /** Starting three JVMs on a 2-core machine, plus a first build if the jar is missing. */
  static final Duration UP = Duration.ofMinutes(6);
  static final Duration COMMAND = Duration.ofSeconds(60);
  static final Duration CONVERGE = Duration.ofSeconds(120);
  static final Duration POLL = Duration.ofSeconds(1);
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private Path runDir;
  private int basePort;
  private int httpBase;
  private ActorTestKit probes;
  private int passed;

  record Result(int exitCode, String output) {}

  @BeforeAll
  void startThreeNodeCluster() throws IOException {
    probes = ActorTestKit.create("multi-process-test",
        ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.defaultReference()));
    runDir = Files.createTempDirectory("actorchain-cluster-");
    basePort = freeRun();
    do {
      httpBase = freeRun();
    } while (Math.abs(httpBase - basePort) <= NODES);
    Path config = runDir.resolve("test-cluster.hocon");
    // cluster.hocon and, later in the same file, the overrides (HOCON's include only knows .conf files).
    Files.writeString(config, String.join("\n",
        Files.readString(ROOT.resolve("cluster.hocon")),
        "actorchain.pow { mode = simulated, block-time = 1s, genesis-hashrate = 3000000, miner-hashrate = 1000000 }",
        "actorchain.node.join-timeout = 120s",
        "pekko.cluster.split-brain-resolver.stable-after = 5s",
        ""));
    Result up = run(UP, "scripts/cluster", "up", Integer.toString(NODES), "--base-port", Integer.toString(basePort),
        "--http-base-port", Integer.toString(httpBase), "--config", config.toString());
    assertThat(up.exitCode()).as("scripts/cluster up %d failed (run dir %s):%n%s", NODES, runDir, up.output()).isZero();
  }

  @AfterAll
  void stopCluster() throws IOException {
    try {
      if (runDir != null) {
        Result down = run(Duration.ofSeconds(90), "scripts/cluster", "down");
        assertThat(down.exitCode()).as("scripts/cluster down:%n%s", down.output()).isZero();
        if (passed == 2) {
          deleteRecursively(runDir); // kept, with every node's log, when something failed
        }
      }
    } finally {
      if (probes != null) {
        probes.shutdownTestKit();
      }
    }
  }

  @Test
  @Order(1)
  void shouldMineATransactionSentToOneNodeAndAgreeOnOneHead() {
    Result sent = run(COMMAND, "scripts/actorchain", "tx", "send", "--node", "127.0.0.1:" + (httpBase + 1),
        "--from", "alice", "--to", "bob", "--amount", "1.5");
    assertThat(sent.exitCode()).as("tx send:%n%s", sent.output()).isZero();
    assertThat(lastLine(sent.output())).matches("[0-9a-f]{64}");

    probes.createTestProbe().awaitAssert(CONVERGE, POLL, () -> {
      for (int i = 1; i <= NODES; i++) {
        assertThat(get(i, "/api/account/alice").get("nonce").asLong()).as("alice's nonce on node %d", i).isEqualTo(1);
      }
      Map<Integer, JsonNode> members = clusterStatus(1);
      assertThat(members).containsOnlyKeys(1, 2, 3);
      String head = members.get(1).get("headHash").asText();
      for (JsonNode m : members.values()) {
        assertThat(m.get("member").asText()).isEqualTo("Up");
        assertThat(m.get("headHash").asText()).as("head of node %s", m.get("node")).isEqualTo(head);
        assertThat(m.get("peers")).hasSize(NODES - 1);
      }
      return null;
    });
    passed++;
  }

  @Test
  @Order(2)
  void shouldKeepMiningOnTheOtherNodesWhenOneIsKilled() {
    Map<Integer, JsonNode> before = clusterStatus(1);
    long height1 = before.get(1).get("headHeight").asLong();
    long height3 = before.get(3).get("headHeight").asLong();

    Result killed = run(COMMAND, "scripts/cluster", "kill", "2");
    assertThat(killed.exitCode()).as("kill 2:%n%s", killed.output()).isZero();

    probes.createTestProbe().awaitAssert(CONVERGE, POLL, () -> {
      Map<Integer, JsonNode> now = clusterStatus(1);
      assertThat(now.get(2).get("member").asText()).isNotEqualTo("Up");
      assertThat(now.get(2).get("headHeight").isNull()).isTrue();
      assertThat(now.get(1).get("member").asText()).isEqualTo("Up");
      assertThat(now.get(3).get("member").asText()).isEqualTo("Up");
      assertThat(now.get(1).get("headHeight").asLong()).isGreaterThan(height1 + 2);
      assertThat(now.get(3).get("headHeight").asLong()).isGreaterThan(height3 + 2);
      return null;
    });

    Result status = run(COMMAND, "scripts/cluster", "status", "--json");
    assertThat(status.exitCode()).as("status --json:%n%s", status.output()).isZero();
    Map<Integer, JsonNode> seen = byNode(parse(lastLine(status.output())));
    assertThat(seen).containsKeys(1, 2, 3);
    assertThat(seen.get(2).get("member").asText()).isNotEqualTo("Up");
    assertThat(seen.get(2).get("headHeight").isNull()).isTrue();
    assertThat(seen.get(2).get("headHash").isNull()).isTrue();
    passed++;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private Map<Integer, JsonNode> clusterStatus(int node) {
    JsonNode members = get(node, "/api/status?cluster=true");
    assertThat(members.isArray()).isTrue();
    return byNode(members);
  }

  private static Map<Integer, JsonNode> byNode(JsonNode members) {
    Map<Integer, JsonNode> out = new TreeMap<>();
    members.forEach(m -> out.put(m.get("node").asInt(), m));
    return out;
  }

  private JsonNode get(int node, String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (httpBase + node) + path))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("GET %s on node %d: %s", path, node, r.body()).isEqualTo(200);
      return parse(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }

  private static String lastLine(String output) {
    List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
  }

  /** Runs a script from the repository root with the run dir in its environment; kills it at the deadline. */
  private Result run(Duration timeout, String... command) {
    try {
      List<String> cmd = new ArrayList<>(List.of(command));
      cmd.set(0, ROOT.resolve(command[0]).toString());
      Path out = Files.createTempFile(runDir, "command-", ".out");
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile());
      pb.environment().put("ACTORCHAIN_CLUSTER_DIR", runDir.toString());
      pb.environment().putIfAbsent("ACTORCHAIN_JAVA_OPTS", "-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
      pb.environment().put("ACTORCHAIN_UP_TIMEOUT", Long.toString(UP.toSeconds() - 30));
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return new Result(-1, "timed out after " + timeout + ": " + String.join(" ", command) + "\n"
            + Files.readString(out, StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A port P such that P+1..P+NODES are free on loopback now. */
  private static int freeRun() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate;
      try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
        candidate = s.getLocalPort() - 1;
      }
      if (candidate + NODES <= 65535 && allFree(candidate + 1, candidate + NODES)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no run of " + NODES + " free loopback ports found");
  }

  private static boolean allFree(int from, int to) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int port = from; port <= to; port++) {
        held.add(new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1")));
      }
      return true;
    } catch (IOException e) {
      return false;
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing a probe socket
        }
      }
    }
  }
}
