package io.actorchain.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.actorchain.core.Units;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeStatus;
import io.actorchain.node.cluster.ClusterNode;
import io.actorchain.node.cluster.EventBuffer;
import io.actorchain.node.cluster.Membership;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.config.ChainSettings.NamedAmount;
import io.actorchain.node.consensus.MinerSpec;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.http.NodeApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The merge command against a running PoW cluster of three actor systems in one JVM (CONSENSUS.md §4):
 * {@code POST /api/merge} on node 1's HTTP API schedules it there and node 1 forwards it to its peers, so every node
 * merges with the same terminal block. Bad requests get 400, a height below the head or a second merge 409.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InJvmMergeTest {
  static final int NODES = 3;
  static final int VALIDATORS = 6;
  static final Duration CONVERGE = Duration.ofSeconds(60);
  static final Duration POLL = Duration.ofMillis(200);
  static final Duration ASK = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final List<ActorRef<NodeGuardian.Command>> nodes = new ArrayList<>();
  private final List<TestProbe<NodeEvent>> events = new ArrayList<>();
  private InJvmCluster cluster;
  private int httpPort;
  private long mergeHeight;

  @BeforeAll
  void startThreeMiningNodesAndNodeOnesApi() throws Exception {
    cluster = InJvmCluster.form(NODES);
    List<NamedAmount> validators = new ArrayList<>();
    for (int v = 0; v < VALIDATORS; v++) {
      validators.add(new NamedAmount("v" + v, Units.coins(32)));
    }
    ChainSettings settings = cluster.settings().withValidators(validators);
    for (int i = 0; i < NODES; i++) {
      int id = i + 1;
      List<String> hosted = new ArrayList<>();
      for (int v = i; v < VALIDATORS; v += NODES) {
        hosted.add("v" + v);
      }
      TestProbe<NodeEvent> probe = cluster.kit(i).createTestProbe();
      events.add(probe);
      nodes.add(cluster.kit(i).spawn(InJvmCluster.guardian(id, settings, probe.ref(),
          List.of(new MinerSpec("miner-" + id, settings.minerHashrate())), hosted), "node-" + id));
    }
    ActorRef<Membership.Command> membership = cluster.kit(0).spawn(Membership.create(), "membership");
    ActorRef<EventBuffer.Command> buffer = cluster.kit(0).spawn(EventBuffer.create(100), "events");
    NodeApi api = new NodeApi(cluster.kit(0).system(), new ClusterNode.Parts(1, nodes.get(0), membership, buffer),
        settings);
    httpPort = api.bind("127.0.0.1", 0).toCompletableFuture().get(10, TimeUnit.SECONDS).localAddress().getPort();
  }

  @AfterAll
  void shutDown() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void shouldRefuseABadBodyAndAHeightBelowTheHead() {
    cluster.kit(0).createTestProbe().awaitAssert(CONVERGE, POLL, () -> {
      for (int i = 0; i < NODES; i++) {
        NodeStatus s = status(i);
        assertThat(s.peers()).as("peers of node %d", i + 1).hasSize(NODES - 1);
        assertThat(s.headHeight()).as("height of node %d", i + 1).isGreaterThanOrEqualTo(3);
      }
      return null;
    });
    HttpResponse<String> notJson = post("{\"atHeight\": ");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("not JSON");
    HttpResponse<String> notANumber = post("{\"atHeight\": \"ten\"}");
    assertThat(notANumber.statusCode()).isEqualTo(400);
    assertThat(notANumber.body()).contains("atHeight must be a whole number");

    HttpResponse<String> past = post("{\"atHeight\": 1}");
    assertThat(past.statusCode()).as(past.body()).isEqualTo(409);
    assertThat(ScriptedCluster.parse(past.body()).get("error").asText())
        .matches("height 1 is below the current head height \\d+");
  }

  @Test
  @Order(2)
  void shouldMergeEveryNodeAtTheSameTerminalBlock() {
    mergeHeight = status(0).headHeight() + 3;
    HttpResponse<String> accepted = post("{\"atHeight\": " + mergeHeight + "}");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(ScriptedCluster.parse(accepted.body()).get("atHeight").asLong()).isEqualTo(mergeHeight);

    List<NodeEvent> merges = new ArrayList<>();
    for (TestProbe<NodeEvent> probe : events) {
      merges.add(probe.fishForMessage(CONVERGE, e -> e.type().equals("merge")
          ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore()).get(0));
    }
    for (NodeEvent merge : merges) {
      assertThat(merge.fields().get("terminalHeight")).as("node %d", merge.node()).isEqualTo(mergeHeight);
      assertThat(merge.fields().get("terminalHash")).as("node %d", merge.node())
          .isEqualTo(merges.get(0).fields().get("terminalHash"));
      assertThat(merge.fields().get("validators")).isEqualTo(VALIDATORS);
    }
  }

  @Test
  @Order(3)
  void shouldRefuseASecondMerge() {
    cluster.kit(0).createTestProbe().awaitAssert(CONVERGE, POLL, () -> {
      HttpResponse<String> again = post("{\"atHeight\": " + (mergeHeight + 100) + "}");
      assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
      JsonNode error = ScriptedCluster.parse(again.body()).get("error");
      assertThat(error.asText()).contains("already merged (terminal block at PoW height " + mergeHeight + ")");
      return null;
    });
  }

  private NodeStatus status(int index) {
    TestProbe<NodeStatus> probe = cluster.kit(index).createTestProbe();
    nodes.get(index).tell(new NodeGuardian.GetStatus(probe.ref()));
    return probe.receiveMessage(ASK);
  }

  private HttpResponse<String> post(String body) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/merge"))
          .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
