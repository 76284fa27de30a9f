package io.actorchain.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorchain.node.NodeGuardian;
import io.actorchain.node.cluster.ClusterNode;
import io.actorchain.node.fault.Fault;
import io.actorchain.node.fault.FaultReply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

/**
 * A {@code crash} fault sent to a cluster node (ARCHITECTURE.md, "Faults"): its NodeGuardian stops, and so does its
 * process, with the crash as its reason (the {@code node} command then says how to start it again from its data dir).
 * Clearing a crash at a node that is running is refused: a crashed node cannot hear it.
 */
class CrashFaultTest {
  static final Duration ASK = Duration.ofSeconds(10);
  static final Duration STOP = Duration.ofSeconds(30);

  @Test
  void shouldStopTheNodeProcessWithTheCrashAsItsReason() {
    try (InJvmCluster cluster = InJvmCluster.form(1)) {
      ActorRef<ClusterNode.Command> process = cluster.kit(0).spawn(ClusterNode.create(1,
          cluster.settings().withMiners(0, 0), List.of(), false), "cluster-node-1");
      TestProbe<ClusterNode.Parts> parts = cluster.kit(0).createTestProbe();
      process.tell(new ClusterNode.GetParts(parts.ref()));
      ActorRef<NodeGuardian.Command> guardian = parts.receiveMessage(ASK).guardian();
      TestProbe<FaultReply> replies = cluster.kit(0).createTestProbe();

      guardian.tell(new NodeGuardian.ClearFault(new Fault.Crash(1), replies.ref()));
      assertThat(replies.receiveMessage(ASK)).isEqualTo(FaultReply.refused("node 1 is running, not crashed: a crashed"
          + " node is restarted by its network (embedded) or by 'scripts/cluster restart' (cluster)"));
      guardian.tell(new NodeGuardian.InjectFault(new Fault.Crash(2), replies.ref()));
      assertThat(replies.receiveMessage(ASK).detail()).isEqualTo("crash names node 2; this is node 1");

      guardian.tell(new NodeGuardian.InjectFault(new Fault.Crash(1), replies.ref()));
      FaultReply accepted = replies.receiveMessage(ASK);
      assertThat(accepted.accepted()).as(accepted.detail()).isTrue();
      cluster.kit(0).system().getWhenTerminated().toCompletableFuture().orTimeout(STOP.toSeconds(), TimeUnit.SECONDS)
          .join();
      assertThat(CoordinatedShutdown.get(cluster.kit(0).system()).getShutdownReason()).get()
          .isEqualTo(new ClusterNode.CrashedReason("node 1 crashed: crash fault injected"));
    }
  }
}
