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
import io.actorchain.node.events.EventLog;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.http.NodeApi;
import io.actorchain.node.time.SystemClock;
import io.actorchain.tests.fixture.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
 * Faults at runtime through the HTTP API (ARCHITECTURE.md, "Faults" and "Interfaces"), on two actor systems in one
 * cluster that run proof of stake in real time: v0 and v2 on node 1, v1 and v3 on node 2, each node with its own API.
 * {@code POST /api/faults} on node 1 reaches the validator wherever it is hosted and says which node took it; the fault
 * shows in that node's events, in {@code GET /api/faults} and in {@code GET /api/validators}; {@code DELETE} and
 * {@code until} end it. Slots last 1 s and epochs 4 slots, so each validator attests every 4 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InJvmFaultApiTest {
  static final int NODES = 2;
  static final int VALIDATORS = 4;
  static final Duration LINK = Duration.ofSeconds(30);
  static final Duration DUTY = Duration.ofSeconds(30);
  static final Duration POLL = Duration.ofMillis(250);
  static final Duration ASK = Duration.ofSeconds(5);
  /** The pattern of logback.xml, for log records of this JVM's actor systems that reach a captured stderr. */
  static final Pattern LOG_RECORD = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final List<ActorRef<NodeGuardian.Command>> nodes = new ArrayList<>();
  private final List<EventLog.Recent> events = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private InJvmCluster cluster;

  @BeforeAll
  void startTwoPosNodesWithTheirApis() throws Exception {
    cluster = InJvmCluster.form(NODES);
    List<NamedAmount> stakes = new ArrayList<>();
    for (int v = 0; v < VALIDATORS; v++) {
      stakes.add(new NamedAmount("v" + v, Units.coins(32)));
    }
    ChainSettings base = cluster.settings();
    ChainSettings settings = base.withMiners(0, 0).withValidators(stakes)
        .withGenesisTimestamp(SystemClock.INSTANCE.nowMillis())
        .withConsensus(base.consensus().withConfig(base.consensus().config().with("SLOTS_PER_EPOCH", 4)));
    for (int i = 0; i < NODES; i++) {
      int id = i + 1;
      List<String> hosted = new ArrayList<>();
      for (int v = i; v < VALIDATORS; v += NODES) {
        hosted.add("v" + v);
      }
      EventLog.Recent recent = new EventLog.Recent(10_000);
      events.add(recent);
      ActorRef<NodeEvent> log = cluster.kit(i).spawn(EventLog.create(List.of(recent)), "event-log");
      ActorRef<NodeGuardian.Command> guardian = cluster.kit(i).spawn(
          InJvmCluster.guardian(id, settings, log, List.of(), hosted), "node-" + id);
      guardian.tell(NodeGuardian.StartPos.INSTANCE);
      nodes.add(guardian);
      ActorRef<Membership.Command> membership = cluster.kit(i).spawn(Membership.create(), "membership");
      ActorRef<EventBuffer.Command> buffer = cluster.kit(i).spawn(EventBuffer.create(100), "events");
      NodeApi api = new NodeApi(cluster.kit(i).system(), new ClusterNode.Parts(id, guardian, membership, buffer),
          settings);
      ports.add(api.bind("127.0.0.1", 0).toCompletableFuture().get(10, TimeUnit.SECONDS).localAddress().getPort());
    }
    cluster.kit(0).createTestProbe().awaitAssert(LINK, POLL, () -> {
      for (int i = 0; i < NODES; i++) {
        assertThat(status(i).peers()).as("peers of node %d", i + 1).hasSize(NODES - 1);
        assertThat(status(i).slot()).as("node %d runs PoS", i + 1).isNotNull();
      }
      return null;
    });
  }

  @AfterAll
  void shutDown() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void shouldAnswer400NamingWhatIsWrongWithTheFault() {
    HttpResponse<String> notJson = send(1, "POST", "/api/faults", "{\"kind\": ");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(error(notJson)).startsWith("the body is not JSON");

    assertThat(error(send(1, "POST", "/api/faults", "{\"kind\": \"bribe\", \"validator\": \"v1\"}")))
        .startsWith("fault.kind: unknown fault 'bribe'; known: [crash, double-proposal, double-vote,");
    HttpResponse<String> unknown = send(1, "POST", "/api/faults", "{\"kind\": \"double-vote\", \"validator\": \"v99\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(error(unknown))
        .isEqualTo("fault.validator: validator v99 is not in the genesis; the validators are v0, v1, v2, v3");
    assertThat(error(send(1, "POST", "/api/faults", "{\"kind\": \"offline\"}")))
        .isEqualTo("fault: missing validator = NAME (or validators = [A, B])");
    assertThat(error(send(1, "POST", "/api/faults", "{\"kind\": \"late\", \"validator\": \"v1\"}")))
        .isEqualTo("fault.delay: missing; late holds each message back this long, e.g. delay = 3s");
    assertThat(error(send(1, "POST", "/api/faults", "{\"kind\": \"offline\", \"validator\": \"v1\", \"until\": \"soon\"}")))
        .startsWith("fault.until: must be a duration such as 100ms or 2s");
    assertThat(error(send(1, "POST", "/api/faults", "{\"kind\": \"offline\", \"validator\": \"v1\", \"colour\": 1}")))
        .startsWith("unknown field 'colour'");
    HttpResponse<String> noSuchNode = send(1, "POST", "/api/faults", "{\"kind\": \"partition\", \"groups\": [[1], [7]]}");
    assertThat(noSuchNode.statusCode()).isEqualTo(400);
    assertThat(error(noSuchNode)).isEqualTo("unknown node 7; the nodes are 1, 2 (this node and the peers it is linked to)");
    HttpResponse<String> refused = send(1, "POST", "/api/faults", "{\"kind\": \"selfish-mining\", \"node\": 2}");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
    assertThat(json(refused).get("error").asText())
        .isEqualTo("node 2 has merged: selfish-mining needs proof-of-work miners");
    assertThat(json(refused).get("answers").get(0).get("outcome").asText()).isEqualTo("refused");
    HttpResponse<String> nothingToClear = send(1, "DELETE", "/api/faults?kind=surround-vote&validator=v3", "");
    assertThat(nothingToClear.statusCode()).as(nothingToClear.body()).isEqualTo(404);
    assertThat(error(nothingToClear)).isEqualTo("no surround-vote fault of validator v3 is active on any node (asked node 2)");
  }

  @Test
  @Order(2)
  void shouldTakeALocalValidatorOfflineUntilTheFaultIsDeleted() {
    HttpResponse<String> posted = send(1, "POST", "/api/faults", "{\"kind\": \"offline\", \"validator\": \"v0\"}");
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    JsonNode answer = json(posted);
    assertThat(answer.get("accepted").asBoolean()).isTrue();
    assertThat(answer.get("acceptedBy").toString()).isEqualTo("[1]");
    assertThat(answer.get("detail").asText()).isEqualTo("offline v0 injected on node 1");
    assertThat(faultsOn(1)).singleElement().satisfies(f -> {
      assertThat(f.get("kind").asText()).isEqualTo("offline");
      assertThat(f.get("validator").asText()).isEqualTo("v0");
      assertThat(f.get("until").isNull()).isTrue();
    });
    int skippedBefore = skipped(0, "v0");
    cluster.kit(0).createTestProbe().awaitAssert(DUTY, POLL, () -> {
      assertThat(skipped(0, "v0")).as("v0 skips its attestation duty").isGreaterThan(skippedBefore);
      return null;
    });
    assertThat(validator("v0").get("fault").asText()).isEqualTo("offline");
    long silentSince = validator("v0").path("attestations").asLong();

    HttpResponse<String> deleted = send(1, "DELETE", "/api/faults", "{\"kind\": \"offline\", \"validator\": \"v0\"}");
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(json(deleted).get("detail").asText()).isEqualTo("offline v0 cleared on node 1");
    assertThat(faultsOn(1)).isEmpty();
    cluster.kit(0).createTestProbe().awaitAssert(DUTY, POLL, () -> {
      JsonNode v0 = validator("v0");
      assertThat(v0.get("attestations").asLong()).as("v0 attests again").isGreaterThan(silentSince);
      assertThat(v0.get("fault").isNull()).isTrue();
      return null;
    });
  }

  @Test
  @Order(3)
  void shouldRouteAFaultOfAValidatorOfNodeTwoToNodeTwo() {
    HttpResponse<String> posted = send(1, "POST", "/api/faults", "{\"kind\": \"double-vote\", \"validator\": \"v1\"}");
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    JsonNode answer = json(posted);
    assertThat(answer.get("acceptedBy").toString()).isEqualTo("[2]");
    assertThat(answer.get("detail").asText()).isEqualTo("double-vote v1 injected on node 2");
    assertThat(faultsOn(2)).extracting(f -> f.get("kind").asText() + " " + f.get("validator").asText())
        .containsExactly("double-vote v1");
    assertThat(faultsOn(1)).isEmpty();

    cluster.kit(1).createTestProbe().awaitAssert(DUTY, POLL, () -> {
      List<NodeEvent> doubled = events.get(1).snapshot().stream().filter(e -> e.type().equals("attestation")
          && "v1".equals(e.fields().get("validator")) && "double-vote".equals(e.fields().get("fault"))).toList();
      assertThat(doubled).as("node 2's v1 signs two votes per duty").hasSizeGreaterThanOrEqualTo(2);
      return null;
    });
    JsonNode v1 = validator("v1");
    assertThat(v1.get("node").asInt()).isEqualTo(2);
    assertThat(v1.get("fault").asText()).isEqualTo("double-vote");

    cluster.kit(0).createTestProbe().awaitAssert(DUTY, POLL, () -> {
      JsonNode slashed = validator("v1");
      assertThat(slashed.get("status").asText()).as("the slasher caught v1's double vote: %s", slashed)
          .isEqualTo("slashed");
      assertThat(slashed.get("slashed").asBoolean()).isTrue();
      assertThat(slashed.get("exitEpoch").isNumber()).as("a slashed validator exits").isTrue();
      return null;
    });

    HttpResponse<String> deleted = send(1, "DELETE", "/api/faults?kind=double-vote&validator=v1", "");
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(json(deleted).get("acceptedBy").toString()).isEqualTo("[2]");
    assertThat(faultsOn(2)).isEmpty();
  }

  @Test
  @Order(4)
  void shouldClearAFaultByItselfWhenItsUntilElapses() {
    HttpResponse<String> posted = send(1, "POST", "/api/faults",
        "{\"kind\": \"late\", \"validator\": \"v3\", \"delay\": \"300ms\", \"until\": \"2s\"}");
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    assertThat(json(posted).get("detail").asText()).isEqualTo("late v3 by 300 ms injected on node 2, cleared in 2000 ms");
    assertThat(faultsOn(2)).singleElement().satisfies(f -> {
      assertThat(f.get("delay").asText()).isEqualTo("300ms");
      assertThat(f.get("until").asLong() - f.get("since").asLong()).isEqualTo(2000);
    });
    cluster.kit(1).createTestProbe().awaitAssert(Duration.ofSeconds(10), POLL, () -> {
      assertThat(faultsOn(2)).isEmpty();
      assertThat(events.get(1).snapshot()).anySatisfy(e -> {
        assertThat(e.type()).isEqualTo("fault_cleared");
        assertThat(e.fields()).containsEntry("kind", "late").containsEntry("reason", "until");
      });
      return null;
    });
  }

  @Test
  @Order(5)
  void shouldPartitionEveryNodeConcernedAndClearItOnEveryNode() {
    HttpResponse<String> posted = send(2, "POST", "/api/faults", "{\"kind\": \"partition\", \"groups\": [[1], [2]]}");
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    assertThat(json(posted).get("acceptedBy").toString()).isEqualTo("[1,2]");
    assertThat(faultsOn(1)).extracting(f -> f.get("groups").toString()).containsExactly("[[1],[2]]");
    assertThat(faultsOn(2)).extracting(f -> f.get("kind").asText()).containsExactly("partition");

    HttpResponse<String> deleted = send(1, "DELETE", "/api/faults", "{\"kind\": \"partition\"}");
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(json(deleted).get("detail").asText()).isEqualTo("partition fault cleared on nodes 1, 2");
    assertThat(faultsOn(1)).isEmpty();
    assertThat(faultsOn(2)).isEmpty();
    HttpResponse<String> again = send(1, "DELETE", "/api/faults", "{\"kind\": \"partition\"}");
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(error(again)).isEqualTo("no partition fault is active on any node (asked nodes 1, 2)");
  }

  @Test
  @Order(6)
  void shouldListEveryValidatorWithItsHostStatusBalancesAndLastDuties() {
    cluster.kit(0).createTestProbe().awaitAssert(DUTY, POLL, () -> {
      JsonNode all = json(send(2, "GET", "/api/validators", null));
      assertThat(all.get("node").asInt()).isEqualTo(2);
      assertThat(all.get("consensus").asText()).isEqualTo("pos");
      assertThat(all.get("slot").asLong()).isPositive();
      JsonNode validators = all.get("validators");
      assertThat(validators).hasSize(VALIDATORS);
      for (int i = 0; i < VALIDATORS; i++) {
        JsonNode v = validators.get(i);
        assertThat(v.get("index").asInt()).isEqualTo(i);
        assertThat(v.get("name").asText()).isEqualTo("v" + i);
        assertThat(v.get("node").asInt()).as("host of v%d", i).isEqualTo(i % NODES + 1);
        assertThat(Units.parseCoins(v.get("balance").asText())).isEqualTo(v.get("balanceGwei").asLong());
        assertThat(v.get("activationEpoch").asLong()).isZero();
        if (i == 1) { // its double vote (order 3) was slashed
          assertThat(v.get("status").asText()).isEqualTo("slashed");
          assertThat(v.get("slashed").asBoolean()).isTrue();
          assertThat(v.get("exitEpoch").isNumber()).isTrue();
          assertThat(v.get("balanceGwei").asLong()).isLessThan(Units.coins(32));
          continue;
        }
        assertThat(v.get("status").asText()).isEqualTo("active");
        assertThat(v.get("slashed").asBoolean()).isFalse();
        assertThat(v.get("effectiveBalance").asText()).isEqualTo("32");
        assertThat(v.get("effectiveBalanceGwei").asLong()).isEqualTo(Units.coins(32));
        assertThat(v.get("exitEpoch").isNull()).isTrue();
        assertThat(v.get("lastAttestationSlot").isNumber()).as("v%d attested", i).isTrue();
        assertThat(v.get("lastAttestationTarget").asLong())
            .isEqualTo(v.get("lastAttestationSlot").asLong() / 4);
        assertThat(v.get("attestations").asLong()).isPositive();
        assertThat(v.has("lastProposalSlot")).isTrue();
      }
      return null;
    });
  }

  @Test
  @Order(7)
  void shouldInjectFromTheCommandLineAndRefuseAnUnknownValidatorInOneLine() {
    String node = "127.0.0.1:" + ports.get(0);
    Cli.Outcome ok = Cli.run("inject", "--node", node, "surround-vote", "--validator", "v2", "--until", "1s");
    assertThat(ok.exitCode()).as("stderr: %s", ok.stderr()).isZero();
    assertThat(ok.stdout()).containsExactly(
        "accepted by node 1: surround-vote v2 injected on node 1, cleared in 1000 ms");

    Cli.Outcome unknown = Cli.run("inject", "--node", node, "double-vote", "--validator", "v99");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.stderr().stream().filter(l -> !LOG_RECORD.matcher(l).find())).containsExactly(
        "actorchain: bad fault: fault.validator: validator v99 is not in the genesis; the validators are v0, v1, v2, v3");

    Cli.Outcome cleared = Cli.run("inject", "--node", node, "offline", "--validator", "v2", "--clear");
    assertThat(cleared.exitCode()).isEqualTo(2);
    assertThat(cleared.stderr().stream().filter(l -> !LOG_RECORD.matcher(l).find())).containsExactly(
        "actorchain: clear refused by the cluster: no offline fault of validator v2 is active on any node (asked node 1)");
  }

  @Test
  @Order(8)
  void shouldRouteEachValidatorOfOneRequestToItsHost() {
    HttpResponse<String> posted = send(2, "POST", "/api/faults",
        "{\"kind\": \"offline\", \"validators\": [\"v2\", \"v3\"], \"until\": \"1s\"}");
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    JsonNode answer = json(posted);
    assertThat(answer.get("acceptedBy").toString()).isEqualTo("[1,2]");
    assertThat(answer.get("detail").asText()).isEqualTo("offline v2 injected on node 1, cleared in 1000 ms; "
        + "offline v3 injected on node 2, cleared in 1000 ms");
    cluster.kit(0).createTestProbe().awaitAssert(Duration.ofSeconds(10), POLL, () -> {
      assertThat(faultsOn(1)).isEmpty();
      assertThat(faultsOn(2)).isEmpty();
      return null;
    });
  }

  @Test
  @Order(9)
  void shouldShowEachMembersValidatorsInStatus() {
    String node = "127.0.0.1:" + ports.get(1);
    Cli.Outcome json = Cli.run("status", "--node", node, "--json");
    assertThat(json.exitCode()).as("stderr: %s", json.stderr()).isZero();
    Map<Integer, JsonNode> members = ScriptedCluster.byNode(ScriptedCluster.parse(json.stdout().get(0)));
    assertThat(members).containsOnlyKeys(1, 2);
    assertThat(members.get(1).get("validators")).extracting(v -> v.get("name").asText()).containsExactly("v0", "v2");
    assertThat(members.get(2).get("validators")).extracting(v -> v.get("name").asText()).containsExactly("v1", "v3");
    assertThat(members.get(2).get("validators").get(0).get("status").asText()).as("v1, slashed in order 3")
        .isEqualTo("slashed");
    assertThat(members.get(2).get("validators").get(1).get("status").asText()).isEqualTo("active");

    Cli.Outcome table = Cli.run("status", "--node", node);
    assertThat(table.exitCode()).as("stderr: %s", table.stderr()).isZero();
    assertThat(table.stdout()).anySatisfy(l -> assertThat(l).startsWith("VALIDATOR").contains("STATUS", "ATTESTED"));
    for (int v = 0; v < VALIDATORS; v++) {
      String name = "v" + v;
      String host = Integer.toString(v % NODES + 1);
      // v1 was slashed for its double vote (order 3); v2's surround vote (order 8) may have been caught too
      List<String> expected = v == 1 ? List.of("slashed") : v == 2 ? List.of("active", "slashed") : List.of("active");
      assertThat(table.stdout()).anySatisfy(l -> {
        String[] cells = l.split("\\s+");
        assertThat(cells).startsWith(name, name.substring(1), host);
        assertThat(cells[3]).isIn(expected);
      });
    }
  }

  private NodeStatus status(int index) {
    TestProbe<NodeStatus> probe = cluster.kit(index).createTestProbe();
    nodes.get(index).tell(new NodeGuardian.GetStatus(probe.ref()));
    return probe.receiveMessage(ASK);
  }

  private int skipped(int index, String validator) {
    return (int) events.get(index).snapshot().stream()
        .filter(e -> e.type().equals("duty_skipped") && validator.equals(e.fields().get("validator"))).count();
  }

  private List<JsonNode> faultsOn(int node) {
    HttpResponse<String> r = send(node, "GET", "/api/faults", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode answer = json(r);
    assertThat(answer.get("node").asInt()).isEqualTo(node);
    List<JsonNode> out = new ArrayList<>();
    answer.get("faults").forEach(out::add);
    return out;
  }

  private JsonNode validator(String name) {
    Map<String, JsonNode> byName = new TreeMap<>();
    json(send(1, "GET", "/api/validators", null)).get("validators").forEach(v -> byName.put(v.get("name").asText(), v));
    return byName.get(name);
  }

  private static JsonNode json(HttpResponse<String> r) {
    return ScriptedCluster.parse(r.body());
  }

  private static String error(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
    return json(r).get("error").asText();
  }

  private HttpResponse<String> send(int node, String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(node - 1) + path))
        .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
