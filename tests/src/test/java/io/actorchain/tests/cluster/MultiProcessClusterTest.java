package io.actorchain.tests.cluster;

import static io.actorchain.tests.cluster.ScriptedCluster.byNode;
import static io.actorchain.tests.cluster.ScriptedCluster.lastLine;
import static io.actorchain.tests.cluster.ScriptedCluster.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.actorchain.tests.cluster.ScriptedCluster.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
  static final int NODES = 3;
  /** Starting three JVMs on a 2-core machine, plus a first build if the jar is missing. */
  static final Duration UP = Duration.ofMinutes(6);
  static final Duration COMMAND = Duration.ofSeconds(60);
  static final Duration CONVERGE = Duration.ofSeconds(120);
  static final Duration POLL = Duration.ofSeconds(1);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private ScriptedCluster cluster;
  private ActorTestKit probes;
  private int passed;

  @BeforeAll
  void startThreeNodeCluster() throws IOException {
    probes = ActorTestKit.create("multi-process-test",
        ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.defaultReference()));
    cluster = new ScriptedCluster("cluster", NODES, UP);
    Path config = cluster.runDir.resolve("test-cluster.hocon");
    // cluster.hocon and, later in the same file, the overrides (HOCON's include only knows .conf files).
    Files.writeString(config, String.join("\n",
        Files.readString(ScriptedCluster.ROOT.resolve("cluster.hocon")),
        "actorchain.pow { mode = simulated, block-time = 1s, genesis-hashrate = 3000000, miner-hashrate = 1000000 }",
        "actorchain.node.join-timeout = 120s",
        "pekko.cluster.split-brain-resolver.stable-after = 5s",
        ""));
    Result up = cluster.up("--config", config.toString());
    assertThat(up.exitCode()).as("scripts/cluster up %d failed (run dir %s):%n%s", NODES, cluster.runDir, up.output())
        .isZero();
  }

  @AfterAll
  void stopCluster() throws IOException {
    try {
      if (cluster != null) {
        cluster.finish(passed == 2);
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
    Result sent = cluster.run(COMMAND, "scripts/actorchain", "tx", "send", "--node", "127.0.0.1:" + cluster.httpPort(1),
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

    Result killed = cluster.run(COMMAND, "scripts/cluster", "kill", "2");
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

    Result status = cluster.run(COMMAND, "scripts/cluster", "status", "--json");
    assertThat(status.exitCode()).as("status --json:%n%s", status.output()).isZero();
    Map<Integer, JsonNode> seen = byNode(parse(lastLine(status.output())));
    assertThat(seen).containsKeys(1, 2, 3);
    assertThat(seen.get(2).get("member").asText()).isNotEqualTo("Up");
    assertThat(seen.get(2).get("headHeight").isNull()).isTrue();
    assertThat(seen.get(2).get("headHash").isNull()).isTrue();
    passed++;
  }

  private Map<Integer, JsonNode> clusterStatus(int node) {
    JsonNode members = get(node, "/api/status?cluster=true");
    assertThat(members.isArray()).isTrue();
    return byNode(members);
  }

  private JsonNode get(int node, String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.httpPort(node) + path))
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
}
