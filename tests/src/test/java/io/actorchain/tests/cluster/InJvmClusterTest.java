package io.actorchain.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorchain.node.NodeContext;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeSpec;
import io.actorchain.node.NodeStatus;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.consensus.ConsensusSupervisor;
import io.actorchain.node.consensus.MinerSpec;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.time.SystemClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three actor systems on port 0 in one JVM form a Pekko cluster; each hosts one node with one
 * simulated miner. The nodes find each other through the Receptionist alone (discover = true),
 * link up, and agree on one proof-of-work head. Every message goes through serialization
 * (application-test.conf), so the cross-node protocol is exercised as between processes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InJvmClusterTest {
  static final int NODES = 3;
  static final Duration FORM = Duration.ofSeconds(30);
  static final Duration CONVERGE = Duration.ofSeconds(60);
  static final Duration POLL = Duration.ofMillis(200);
  static final Duration ASK = Duration.ofSeconds(5);

  private final List<ActorTestKit> kits = new ArrayList<>();
  private final List<ActorRef<NodeGuardian.Command>> nodes = new ArrayList<>();

  @BeforeAll
  void formClusterAndStartNodes() {
    Config config = ConfigFactory.load("application-test");
    ChainSettings settings = ChainSettings.fromConfig(config);
    for (int i = 0; i < NODES; i++) {
      kits.add(ActorTestKit.create("actorchain", config));
    }
    Address seed = Cluster.get(kits.get(0).system()).selfMember().address();
    for (ActorTestKit kit : kits) {
      Cluster.get(kit.system()).manager().tell(Join.create(seed));
    }
    kits.get(0).createTestProbe().awaitAssert(FORM, POLL, () -> {
      for (ActorTestKit kit : kits) {
        assertThat(Cluster.get(kit.system()).state().getMembers())
            .filteredOn(m -> m.status() == MemberStatus.up())
            .hasSize(NODES);
      }
      return null;
    });
    for (int i = 0; i < NODES; i++) {
      int id = i + 1;
      ActorTestKit kit = kits.get(i);
      ActorRef<NodeEvent> events = kit.spawn(Behaviors.ignore(), "events");
      NodeContext ctx = new NodeContext(id, SystemClock.INSTANCE, events, settings, 42L);
      NodeSpec spec = new NodeSpec(id, List.of(new MinerSpec("miner-" + id, settings.minerHashrate())), List.of(), null);
      nodes.add(kit.spawn(NodeGuardian.create(ctx, spec, true), NodeSpec.actorName(id)));
    }
  }

  @AfterAll
  void shutDownJoinersBeforeTheSeed() {
    for (int i = kits.size() - 1; i >= 0; i--) {
      kits.get(i).shutdownTestKit();
    }
  }

  @Test
  @Order(1)
  void shouldLinkEveryNodeToBothPeersThroughTheReceptionist() {
    kits.get(0).createTestProbe().awaitAssert(CONVERGE, POLL, () -> {
      for (int i = 0; i < NODES; i++) {
        Set<Integer> others = new TreeSet<>(Set.of(1, 2, 3));
        others.remove(i + 1);
        assertThat(status(i).peers()).as("peers of node %d", i + 1).containsExactlyElementsOf(others);
      }
      return null;
    });
  }

  @Test
  @Order(2)
  void shouldConvergeOnOnePowHead() {
    kits.get(0).createTestProbe().awaitAssert(CONVERGE, POLL, () -> {
      for (int i = 0; i < NODES; i++) {
        assertThat(status(i).headHeight()).as("height of node %d", i + 1).isGreaterThanOrEqualTo(3);
      }
      return null;
    });
    // With one miner left, each new block is heavier than any tie the others may hold: all must follow it.
    for (int i = 1; i < NODES; i++) {
      parts(i).consensus().tell(ConsensusSupervisor.StopMining.INSTANCE);
    }
    long before = status(0).headHeight();
    kits.get(0).createTestProbe().awaitAssert(CONVERGE, POLL, () -> {
      NodeStatus first = status(0);
      assertThat(first.headHeight()).isGreaterThan(before);
      for (int i = 1; i < NODES; i++) {
        NodeStatus other = status(i);
        assertThat(other.headHash()).as("head of node %d", i + 1).isEqualTo(first.headHash());
        assertThat(other.headHeight()).isEqualTo(first.headHeight());
        assertThat(other.totalDifficulty()).isEqualTo(first.totalDifficulty());
      }
      return null;
    });
  }

  private NodeStatus status(int index) {
    TestProbe<NodeStatus> probe = kits.get(index).createTestProbe();
    nodes.get(index).tell(new NodeGuardian.GetStatus(probe.ref()));
    return probe.receiveMessage(ASK);
  }

  private NodeGuardian.Parts parts(int index) {
    TestProbe<NodeGuardian.Parts> probe = kits.get(index).createTestProbe();
    nodes.get(index).tell(new NodeGuardian.GetParts(probe.ref()));
    return probe.receiveMessage(ASK);
  }
}
