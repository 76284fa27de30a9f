package io.actorchain.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.core.Units;
import io.actorchain.node.NodeGuardian;
import io.actorchain.node.NodeStatus;
import io.actorchain.node.cluster.ClusterNode;
import io.actorchain.node.config.ChainSettings;
import io.actorchain.node.config.ChainSettings.NamedAmount;
import io.actorchain.node.events.NodeEvent;
import io.actorchain.node.net.Wire;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

/**
 * The genesis handshake between cluster processes (ARCHITECTURE.md, "Shared genesis"), with two actor systems in one
 * cluster: when the stakes differ, the node that joined later stops with an ERROR naming the difference, and the
 * older one drops the link and keeps going.
 */
class GenesisHandshakeTest {
  static final Duration MISMATCH = Duration.ofSeconds(30);
  static final Duration ASK = Duration.ofSeconds(5);

  static ChainSettings stakes(ChainSettings base, long aliceCoins, long bobCoins) {
    return base.withMiners(0, 0).withValidators(List.of(
        new NamedAmount("alice", Units.coins(aliceCoins)), new NamedAmount("bob", Units.coins(bobCoins))));
  }

  @Test
  void shouldStopTheYoungerNodeNamingTheStakeThatDiffers() {
    try (InJvmCluster cluster = InJvmCluster.form(2)) {
      TestProbe<NodeEvent> events1 = cluster.kit(0).createTestProbe();
      TestProbe<NodeEvent> events2 = cluster.kit(1).createTestProbe();
      ActorRef<NodeGuardian.Command> node1 = cluster.kit(0).spawn(InJvmCluster.guardian(1,
          stakes(cluster.settings(), 32, 32), events1.ref(), List.of(), List.of("alice")), "node-1");
      TestProbe<Object> watcher = cluster.kit(1).createTestProbe();

      LoggingTestKit.error("genesis mismatch with node 1: stake of bob is 64 here, 32 there").expect(
          cluster.kit(1).system(), () -> {
            ActorRef<NodeGuardian.Command> node2 = cluster.kit(1).spawn(InJvmCluster.guardian(2,
                stakes(cluster.settings(), 32, 64), events2.ref(), List.of(), List.of("bob")), "node-2");
            watcher.expectTerminated(node2, MISMATCH);
            return null;
          });

      events2.fishForMessage(MISMATCH, e -> e.type().equals("genesis_mismatch")
          ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
      NodeEvent rejected = events1.fishForMessage(MISMATCH, e -> e.type().equals("peer_rejected")
          ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore()).get(0);
      assertThat(rejected.fields()).containsEntry("peer", 2);
      assertThat((String) rejected.fields().get("detail")).startsWith("stake of bob is 32 here, 64 there");
      // Gossip from a node whose genesis did not match is dropped before it is even decoded, while the same
      // undecodable bytes from any other node are decoded, found malformed and counted (MalformedPeerMessageTest).
      node1.tell(new NodeGuardian.FromPeer(2, new Wire.BlockGossip(new byte[] {1, 2, 3})));
      node1.tell(new NodeGuardian.FromPeer(2, new Wire.AttestationGossip(new byte[] {4, 5})));
      node1.tell(new NodeGuardian.FromPeer(7, new Wire.AttestationGossip(new byte[] {4, 5})));
      TestProbe<NodeStatus> status = cluster.kit(0).createTestProbe();
      node1.tell(new NodeGuardian.GetStatus(status.ref()));
      NodeStatus after = status.receiveMessage(ASK);
      assertThat(after.peers()).as("node 1 goes on without node 2").isEmpty();
      assertThat(after.malformedMessages()).as("only node 7's reached the inbox").isEqualTo(1);
    }
  }

  @Test
  void shouldShutTheYoungerProcessDownWithTheMismatchAsItsReason() {
    try (InJvmCluster cluster = InJvmCluster.form(2)) {
      ChainSettings here = cluster.settings().withMiners(0, 0).withGenesisTimestamp(1_700_000_000_000L);
      ChainSettings there = here.withGenesisTimestamp(1_700_000_000_001L);
      cluster.kit(0).spawn(ClusterNode.create(1, here, List.of(), false), "cluster-node-1");
      cluster.kit(1).spawn(ClusterNode.create(2, there, List.of(), false), "cluster-node-2");

      cluster.kit(1).system().getWhenTerminated().toCompletableFuture()
          .orTimeout(MISMATCH.toSeconds(), TimeUnit.SECONDS).join();
      assertThat(CoordinatedShutdown.get(cluster.kit(1).system()).getShutdownReason()).get()
          .isEqualTo(new ClusterNode.GenesisMismatchReason("genesis mismatch with node 1: genesis time is 1700000000001"
              + " here, 1700000000000 there (give every node the same --genesis-time)"));
      assertThat(cluster.kit(0).system().getWhenTerminated().toCompletableFuture().isDone())
          .as("node 1's process goes on").isFalse();
    }
  }
}
