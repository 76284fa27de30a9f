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
import java.nio.file.Files;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * {@code scripts/cluster up 4 --pos}: four node processes start straight in proof of stake from one shared genesis
 * time, 16 validators dealt four to each, and finalize (CONSENSUS.md §5.5) together: every node reports the same
 * finalized checkpoint, at epoch 2 or later, within a bounded wait. The minimal preset has 1-second slots and 8-slot
 * epochs, so epoch 2 is final some 35–40 s after genesis when every node is up in time. A fifth process that gives
 * another stake exits with code 2 and one line naming it, and the four go on. {@code scripts/cluster inject} takes a
 * validator offline on the node hosting it, and names an unknown validator in one line with exit code 2.
 */
@Tag("multi-process")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiProcessPosClusterTest {
  static final int NODES = 4;
  /** Starting four JVMs on a 2-core machine, plus a first build if the jar is missing. */
  static final Duration UP = Duration.ofMinutes(6);
  static final Duration COMMAND = Duration.ofSeconds(60);
  static final Duration FINALITY = Duration.ofSeconds(150);
  static final Duration POLL = Duration.ofSeconds(2);
  /** Four JVMs take some 15 s to join on two cores; slot 0 starts two slots after the genesis time. */
  static final String GENESIS_DELAY_SECONDS = "20";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private ScriptedCluster cluster;
  private ActorTestKit probes;
  private int passed;

  @BeforeAll
  void startFourPosNodes() throws IOException {
    probes = ActorTestKit.create("multi-process-pos-test",
        ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.defaultReference()));
    cluster = new ScriptedCluster("pos-cluster", NODES, UP).env("ACTORCHAIN_GENESIS_DELAY", GENESIS_DELAY_SECONDS);
    Result up = cluster.up("--pos");
    assertThat(up.exitCode()).as("scripts/cluster up %d --pos failed (run dir %s):%n%s", NODES, cluster.runDir,
        up.output()).isZero();
  }

  @AfterAll
  void stopCluster() throws IOException {
    try {
      if (cluster != null) {
        cluster.finish(passed == 6);
      }
    } finally {
      if (probes != null) {
        probes.shutdownTestKit();
      }
    }
  }

  @Test
  @Order(1)
  void shouldFinalizeEpochTwoOnEveryNodeOnOneChain() {
    // Polled over HTTP: a status command per poll would start a JVM each time on a machine that is busy enough.
    probes.createTestProbe().awaitAssert(FINALITY, POLL, () -> {
      assertFinalizedTogether(byNode(get(1, "/api/status?cluster=true")));
      return null;
    });
    Result status = cluster.run(COMMAND, "scripts/cluster", "status", "--json");
    assertThat(status.exitCode()).as("status --json:%n%s", status.output()).isZero();
    assertFinalizedTogether(byNode(parse(lastLine(status.output()))));
    passed++;
  }

  /** Every node is Up, linked to the others, and has finalized the same checkpoint, at epoch 2 or later. */
  private static void assertFinalizedTogether(Map<Integer, JsonNode> members) {
    assertThat(members).containsOnlyKeys(1, 2, 3, 4);
    JsonNode first = members.get(1).get("finalized");
    for (JsonNode m : members.values()) {
      assertThat(m.get("member").asText()).isEqualTo("Up");
      assertThat(m.get("peers")).as("peers of node %s", m.get("node")).hasSize(NODES - 1);
      JsonNode finalized = m.get("finalized");
      assertThat(finalized.isObject()).as("node %s runs PoS: %s", m.get("node"), m).isTrue();
      assertThat(finalized.get("epoch").asLong()).as("finalized epoch of node %s", m.get("node"))
          .isGreaterThanOrEqualTo(2);
      assertThat(finalized).as("finalized checkpoint of node %s", m.get("node")).isEqualTo(first);
    }
  }

  @Test
  @Order(2)
  void shouldShowSlotAndCheckpointsInTheStatusTableAndRefuseAMerge() {
    Result table = cluster.run(COMMAND, "scripts/cluster", "status");
    assertThat(table.exitCode()).as("status:%n%s", table.output()).isZero();
    assertThat(table.output()).contains("SLOT", "JUSTIFIED", "FINALIZED", "VALIDATOR", "ATTESTED");

    Result merge = cluster.run(COMMAND, "scripts/cluster", "merge", "5");
    assertThat(merge.exitCode()).as("merge on a PoS cluster:%n%s", merge.output()).isEqualTo(2);
    assertThat(lastLine(merge.output())).contains("merge refused", "already merged");
    passed++;
  }

  @Test
  @Order(3)
  void shouldStopAProcessThatJoinsWithAnotherStake() throws IOException {
    String genesisTime = Files.readAllLines(cluster.runDir.resolve("cluster.env")).stream()
        .filter(l -> l.startsWith("GENESIS_TIME=")).findFirst().orElseThrow().substring("GENESIS_TIME=".length());
    List<String> cmd = new ArrayList<>(List.of("scripts/actorchain", "node", "--id", "9",
        "--port", Integer.toString(ScriptedCluster.freeRun(1) + 1), "--http-port", "0",
        "--seed-node", "127.0.0.1:" + (cluster.basePort + 1), "--data-dir", cluster.runDir.resolve("node-9").toString(),
        "--join-timeout", "60s", "--pos", "--genesis-time", genesisTime, "--validator", "v15"));
    for (int v = 0; v < 16; v++) {
      cmd.addAll(List.of("--stake", "v" + v, v == 15 ? "64" : "32"));
    }
    Result joined = cluster.run(Duration.ofSeconds(120), cmd.toArray(String[]::new));
    assertThat(joined.exitCode()).as("node 9 with another stake:%n%s", joined.output()).isEqualTo(2);
    assertThat(lastLine(joined.output())).matches("actorchain: genesis mismatch with node [1-4]: stake of v15 is 64 here,"
        + " 32 there \\(give every node the same --stake flags\\)");

    long finalized = byNode(get(1, "/api/status?cluster=true")).get(1).get("finalized").get("epoch").asLong();
    probes.createTestProbe().awaitAssert(FINALITY, POLL, () -> {
      Map<Integer, JsonNode> members = byNode(get(1, "/api/status?cluster=true"));
      JsonNode nine = members.remove(9);
      assertThat(nine == null || !nine.get("member").asText().equals("Up")).as("node 9 is gone: %s", nine).isTrue();
      assertFinalizedTogether(members);
      assertThat(members.get(1).get("finalized").get("epoch").asLong()).isGreaterThan(finalized);
      return null;
    });
    passed++;
  }

  @Test
  @Order(4)
  void shouldInjectAFaultOnTheNodeHostingTheValidator() {
    Result offline = cluster.run(COMMAND, "scripts/cluster", "inject", "offline", "--validator", "v5", "--until", "4s");
    assertThat(offline.exitCode()).as("inject:%n%s", offline.output()).isZero();
    assertThat(lastLine(offline.output()))
        .isEqualTo("accepted by node 2: offline v5 injected on node 2, cleared in 4000 ms");
    JsonNode held = get(2, "/api/faults").get("faults");
    assertThat(held).as("node 2 holds it until it ends by itself").hasSizeLessThanOrEqualTo(1);

    Result unknown = cluster.run(COMMAND, "scripts/cluster", "inject", "double-vote", "--validator", "v99");
    assertThat(unknown.exitCode()).as("inject v99:%n%s", unknown.output()).isEqualTo(2);
    assertThat(lastLine(unknown.output())).isEqualTo("actorchain: bad fault: fault.validator: validator v99 is not in"
        + " the genesis; the validators are v0, v1, v2, v3, v4, v5, v6, v7, … (16 in all)");
    passed++;
  }

  /** Issue 4's flow: a double vote injected through scripts/cluster is caught, and every node reports v3 slashed. */
  @Test
  @Order(5)
  void shouldSlashADoubleVoterInjectedThroughTheClusterScriptOnEveryNode() {
    Result injected = cluster.run(COMMAND, "scripts/cluster", "inject", "double-vote", "--validator", "v3");
    assertThat(injected.exitCode()).as("inject double-vote:%n%s", injected.output()).isZero();
    assertThat(lastLine(injected.output())).startsWith("accepted by node 4: double-vote v3 injected on node 4");
    probes.createTestProbe().awaitAssert(FINALITY, POLL, () -> {
      for (int node = 1; node <= NODES; node++) {
        JsonNode v3 = validatorOn(node, "v3");
        assertThat(v3.get("status").asText()).as("v3 on node %d: %s", node, v3).isEqualTo("slashed");
        assertThat(v3.get("exitEpoch").isNumber()).isTrue();
      }
      return null;
    });
    for (int node = 1; node <= NODES; node++) {
      for (JsonNode v : get(node, "/api/validators").get("validators")) {
        if (!v.get("name").asText().equals("v3")) {
          assertThat(v.get("slashed").asBoolean()).as("honest %s on node %d", v.get("name"), node).isFalse();
        }
      }
    }
    Result cleared = cluster.run(COMMAND, "scripts/cluster", "inject", "double-vote", "--validator", "v3", "--clear");
    assertThat(cleared.exitCode()).as("clear:%n%s", cleared.output()).isZero();
    passed++;
  }

  private JsonNode validatorOn(int node, String name) {
    for (JsonNode v : get(node, "/api/validators").get("validators")) {
      if (v.get("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError(name + " is not listed by node " + node);
  }

  /** kill -9 of a node, then a restart from its data dir: it catches up, nothing finalized is lost, finality goes on. */
  @Test
  @Order(6)
  void shouldRestartAKilledNodeFromItsDataDir() throws IOException {
    long finalized = byNode(get(1, "/api/status?cluster=true")).get(4).get("finalized").get("epoch").asLong();
    Result killed = cluster.run(COMMAND, "scripts/cluster", "kill", "4");
    assertThat(killed.exitCode()).as("kill 4:%n%s", killed.output()).isZero();
    Result restarted = cluster.run(UP, "scripts/cluster", "restart", "4");
    assertThat(restarted.exitCode()).as("restart 4:%n%s", restarted.output()).isZero();

    // What it finalized before kill -9 comes back from its data dir, before any sync: nothing finalized is lost.
    probes.createTestProbe().awaitAssert(Duration.ofSeconds(20), POLL, () -> {
      JsonNode own = get(4, "/api/status");
      assertThat(own.get("finalized").isObject()).as("node 4 runs PoS again: %s", own).isTrue();
      assertThat(own.get("finalized").get("epoch").asLong()).isGreaterThanOrEqualTo(finalized);
      return null;
    });
    String log = Files.readString(cluster.runDir.resolve("node-4/node.log"));
    assertThat(log).contains("node 4: reloaded 0 PoW block(s)").contains("slashing-protection record loaded from");
    probes.createTestProbe().awaitAssert(FINALITY, POLL, () -> {
      Map<Integer, JsonNode> members = byNode(get(1, "/api/status?cluster=true"));
      members.remove(9);
      assertFinalizedTogether(members);
      assertThat(members.get(4).get("finalized").get("epoch").asLong()).isGreaterThan(finalized);
      return null;
    });
    passed++;
  }

  private JsonNode get(int node, String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.httpPort(node)
          + path)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
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
